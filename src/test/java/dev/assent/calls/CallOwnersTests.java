package dev.assent.calls;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import org.junit.jupiter.api.Test;

import dev.assent.accounts.Member;
import dev.assent.accounts.Role;

import static org.assertj.core.api.Assertions.assertThat;

/** PRODUCT D2: who owns a call. */
class CallOwnersTests {

	static Member member(String email, boolean recorded, boolean active) {
		Instant now = Instant.parse("2030-01-01T00:00:00Z");
		return new Member(UUID.randomUUID(), UUID.randomUUID(), email, email, email.substring(0, email.indexOf('@')), null,
				null, Role.MEMBER, recorded, active, null, "https://zoom.us/j/1", null, now, now);
	}

	final Member michael = member("michael@acme.example", true, true);

	final Member dwight = member("dwight@acme.example", true, true);

	final Member ryan = member("ryan@acme.example", false, true);

	final Member stanley = member("stanley@acme.example", true, false);

	final Map<String, Member> team = Map.of(michael.email(), michael, dwight.email(), dwight, ryan.email(), ryan,
			stanley.email(), stanley);

	Optional<Member> lookup(String email) {
		return Optional.ofNullable(team.get(email.toLowerCase()));
	}

	static List<Invitee> invitees(String... emails) {
		return java.util.Arrays.stream(emails).map(e -> new Invitee(e, null)).toList();
	}

	@Test
	void organizerWhoIsARecordedMemberOwnsTheCall() {
		assertThat(CallOwners.owner("michael@acme.example", invitees("dwight@acme.example"), this::lookup)).contains(michael);
	}

	@Test
	void externalOrganizerLeavesTheCallToTheFirstRecordedInvitee() {
		assertThat(CallOwners.owner("priya@partner.example",
				invitees("jan@customer.example", "dwight@acme.example", "michael@acme.example"), this::lookup))
			.contains(dwight);
	}

	@Test
	void unrecordedOrInactiveMembersDoNotOwnCalls() {
		assertThat(CallOwners.owner("ryan@acme.example", invitees("stanley@acme.example", "michael@acme.example"),
				this::lookup)).contains(michael);
	}

	@Test
	void nobodyOwnsACallWithoutRecordedMembers() {
		assertThat(CallOwners.owner("priya@partner.example", invitees("jan@customer.example", "ryan@acme.example"),
				this::lookup)).isEmpty();
	}

}
