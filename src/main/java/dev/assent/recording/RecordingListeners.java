package dev.assent.recording;

import java.util.UUID;

import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

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

	private static final Logger log = LoggerFactory.getLogger(RecordingListeners.class);

	private final RecordingManagement recordings;

	RecordingListeners(RecordingManagement recordings) {
		this.recordings = recordings;
	}

	@ApplicationModuleListener
	void on(CallScheduled event) {
		logged("CallScheduled", event.callId(), () -> recordings.scheduled(event));
	}

	@ApplicationModuleListener
	void on(CallCancelled event) {
		logged("CallCancelled", event.callId(), () -> recordings.cancelled(event));
	}

	/**
	 * The hot path "opt-out → stop" (DESIGN.md): runs right after the decision commits; the STOP
	 * is stored and, once that commits, sent on this same thread.
	 */
	@ApplicationModuleListener
	void on(ConsentDeclined event) {
		logged("ConsentDeclined", event.callId(), () -> recordings.optedOut(event));
	}

	/** A failed listener is retried by the event publication registry; say so where operators look. */
	private static void logged(String what, @Nullable UUID callId, Runnable handler) {
		try {
			handler.run();
		}
		catch (RuntimeException ex) {
			log.warn("Handling {} for call {} failed ({}); the event stays outstanding and is redelivered", what, callId,
					ex.toString());
			throw ex;
		}
	}

}
