package dev.assent.consentpage;

/** How consent links are made (PRODUCT L1). */
public enum LinkType {

	/** The member's personal link, matched to their personal provider link. */
	STATIC,

	/** A new provider meeting per scheduled meeting. */
	DYNAMIC,

	/** The host chooses per meeting. */
	HOST_DECIDES

}
