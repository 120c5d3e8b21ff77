package dev.assent.profiles;

/** What participants may choose on the consent page (PRODUCT C3). */
public enum ParticipantChoice {

	/** "Join and record" or "Join but don't record". */
	MAY_OPT_OUT,

	/** Only "Consent and join"; the alternative is not to join. */
	MUST_CONSENT

}
