package dev.assent.calls;

import java.util.List;
import java.util.Optional;
import java.util.function.Function;

import dev.assent.accounts.Member;

/**
 * The call owner (PRODUCT D2): the organizer when the organizer is a recorded, active team
 * member; otherwise the first recorded, active team member among the invitees, in invite order;
 * otherwise nobody, and the call is not recorded.
 */
final class CallOwners {

	private CallOwners() {
	}

	static Optional<Member> owner(String organizerEmail, List<Invitee> invitees,
			Function<String, Optional<Member>> memberByEmail) {
		Optional<Member> organizer = memberByEmail.apply(organizerEmail).filter(Member::hasConsentPage);
		if (organizer.isPresent()) {
			return organizer;
		}
		for (Invitee invitee : invitees) {
			Optional<Member> member = memberByEmail.apply(invitee.email()).filter(Member::hasConsentPage);
			if (member.isPresent()) {
				return member;
			}
		}
		return Optional.empty();
	}

	/**
	 * The member whose consent page a meeting's link names (PRODUCT L6): the recorded, active
	 * member among organizer and invitees whose personal room the meeting uses — an SDR who
	 * schedules in an AE's room gets the AE's page —, else the owner.
	 */
	static Optional<Member> host(String organizerEmail, List<Invitee> invitees, @org.jspecify.annotations.Nullable String joinUrl,
			Optional<Member> owner, Function<String, Optional<Member>> memberByEmail) {
		if (joinUrl != null) {
			java.util.List<String> emails = new java.util.ArrayList<>();
			emails.add(organizerEmail);
			invitees.forEach(i -> emails.add(i.email()));
			for (String email : emails) {
				Optional<Member> m = memberByEmail.apply(email)
					.filter(Member::hasConsentPage)
					.filter(x -> joinUrl.equals(x.personalMeetingUrl()));
				if (m.isPresent()) {
					return m;
				}
			}
		}
		return owner;
	}

}
