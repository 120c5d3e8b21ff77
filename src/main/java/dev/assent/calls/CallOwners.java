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

}
