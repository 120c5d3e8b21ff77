package dev.assent.notifications;

/** Why an email is sent; with recipient and occurrence the key that makes it once (PRODUCT E4). */
enum Reason {

	/** E1: before a call, to an external invitee; occurrence = the call id. */
	PRE_CALL,

	/** E2: a recorded member's personal consent link; occurrence = the link itself. */
	LINK_ANNOUNCEMENT,

	/** E5: to the organizer, the invite carries the provider's raw link; occurrence = the call id. */
	RAW_LINK_REMINDER,

	/** E3: to every tech admin; occurrence = the integration and the instant it broke. */
	INTEGRATION_DISCONNECTED

}
