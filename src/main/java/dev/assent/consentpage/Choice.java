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
	JOIN(Outcome.IMPLICIT),

	/** "Withdraw my consent" (PRODUCT X2): not a button of the choices, offered once a participant has decided. */
	WITHDRAW(Outcome.WITHDRAWN);

	private final Outcome outcome;

	Choice(Outcome outcome) {
		this.outcome = outcome;
	}

	public Outcome outcome() {
		return outcome;
	}

}
