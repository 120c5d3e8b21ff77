package dev.assent.calls;

/** Why a call was not recorded (PRODUCT D2, D5, D8). */
public enum SkipReason {

	/** A participant chose Join but don't record before 70 % of the call was recorded (D5). */
	PARTICIPANT_OPTED_OUT,

	/** The owner's profile enforces the consent page and the call was joined without it (D8). */
	CONSENT_PAGE_NOT_USED,

	/** Neither the organizer nor any invitee is a recorded team member (D2). */
	NO_OWNER

}
