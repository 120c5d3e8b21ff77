package dev.assent.calls.spi;

/** What a provider integration can do (the capability table of PRODUCT L7). */
public enum ProviderCapability {

	/** A single participant can join without being recorded (C4). */
	OPT_OUT,

	/** Assent reads each member's personal meeting link from the provider (L2, L3). */
	PERSONAL_LINK,

	/** Assent creates a provider meeting per scheduled meeting (L1 dynamic links). */
	DYNAMIC_MEETINGS,

	/** Dynamic meetings come with the provider's dial-in numbers (L4). */
	DIAL_IN,

	/** The provider tells Assent when meetings start and end and who joined, signed (L7). */
	WEBHOOKS

}
