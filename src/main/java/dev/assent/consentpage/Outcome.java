package dev.assent.consentpage;

/** What a decision means for the recording. */
public enum Outcome {

	CONSENTED, OPTED_OUT, IMPLICIT

}
