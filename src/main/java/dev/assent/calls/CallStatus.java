package dev.assent.calls;

/**
 * Where a call stands. {@code SCHEDULED} on creation; the recording module moves it on with
 * {@link CallManagement#markRecording}, {@link CallManagement#markRecorded},
 * {@link CallManagement#markPartial} and {@link CallManagement#markSkipped}. {@code CANCELLED}
 * marks an occurrence that was removed from its meeting (an EXDATE, a cancelled instance, a
 * cancelled meeting); the row stays so that decisions and evidence can still point at it.
 */
public enum CallStatus {

	SCHEDULED, RECORDING, RECORDED, PARTIAL, SKIPPED, CANCELLED

}
