package dev.assent.calls;

import java.util.Locale;

/**
 * The consent picture of one call (PRODUCT D7): participants who consented, opted out, and
 * invitees (other than the owner) who never answered — invitees minus participants who decided,
 * never below zero (people who were not invited may decide too).
 */
public record CallConsent(int consented, int optedOut, int noAnswer) {

	public static CallConsent of(CallDetails details, ConsentCounts.Tally tally) {
		String owner = details.owner() == null ? null : details.owner().email().toLowerCase(Locale.ROOT);
		long invited = details.invitees()
			.stream()
			.filter(i -> owner == null || !i.email().toLowerCase(Locale.ROOT).equals(owner))
			.count();
		int decided = tally.consented() + tally.optedOut();
		return new CallConsent(tally.consented(), tally.optedOut(), (int) Math.max(0, invited - decided));
	}

}
