package dev.assent.consentpage;

/** A button on the consent page (PRODUCT C3, C4). */
public enum Choice {

	/** "Join and record". */
	RECORD(Outcome.CONSENTED),

	/** "Join but don't record". */
	DONT_RECORD(Outcome.OPTED_OUT),

	/** "Consent and join" (must consent). */
	CONSENT(Outcome.CONSENTED),

	/** "Join the meeting" where the provider cannot leave one participant out: implicit consent. */
	JOIN(Outcome.IMPLICIT);

	private final Outcome outcome;

	Choice(Outcome outcome) {
		this.outcome = outcome;
	}

	public Outcome outcome() {
		return outcome;
	}

}
