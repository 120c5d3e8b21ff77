package dev.assent.consentpage;

/** What a decision means for the recording. */
public enum Outcome {

	CONSENTED, OPTED_OUT, IMPLICIT,

	/** An earlier consent withdrawn (PRODUCT X2): for the recording, like an opt-out. */
	WITHDRAWN;

	/** Whether the participant's part may not be recorded. */
	public boolean refuses() {
		return this == OPTED_OUT || this == WITHDRAWN;
	}

}
