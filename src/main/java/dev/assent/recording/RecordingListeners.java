package dev.assent.recording;

import org.springframework.modulith.events.ApplicationModuleListener;
import org.springframework.stereotype.Component;

import dev.assent.calls.CallCancelled;
import dev.assent.calls.CallScheduled;
import dev.assent.consentpage.ConsentDeclined;

/**
 * What other modules tell the recording. Each event is delivered after its publisher committed,
 * at least once (the event publication registry retries, also after a restart); the handlers are
 * idempotent.
 */
@Component
class RecordingListeners {

	private final RecordingManagement recordings;

	RecordingListeners(RecordingManagement recordings) {
		this.recordings = recordings;
	}

	@ApplicationModuleListener
	void on(CallScheduled event) {
		recordings.scheduled(event);
	}

	@ApplicationModuleListener
	void on(CallCancelled event) {
		recordings.cancelled(event);
	}

	/**
	 * The hot path "opt-out → stop" (DESIGN.md): runs right after the decision commits; the STOP
	 * is stored and, once that commits, sent on this same thread.
	 */
	@ApplicationModuleListener
	void on(ConsentDeclined event) {
		recordings.optedOut(event);
	}

}
