package dev.assent.recording;

import java.util.List;
import java.util.UUID;

import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.modulith.events.ApplicationModuleListener;
import org.springframework.scheduling.annotation.Async;
import org.springframework.stereotype.Component;
import org.springframework.transaction.event.TransactionalEventListener;

import dev.assent.calls.CallCancelled;
import dev.assent.calls.CallScheduled;
import dev.assent.consentpage.ConsentDeclined;
import dev.assent.consentpage.ConsentsDeclined;

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
	 * The hot path "opt-out → stop" (DESIGN.md): runs right after the decisions commit. The opt-outs
	 * stored together are handled together in one transaction — the STOPs are stored and, once that
	 * commits, sent on this same thread. If that fails, each is handled in a transaction of its own,
	 * so one that fails cannot hold back the others; then the event stays outstanding and is
	 * delivered again, and the opt-outs already handled ignore the repeat.
	 */
	@Async
	@TransactionalEventListener
	void on(ConsentsDeclined event) {
		List<ConsentDeclined> declined = event.declined();
		if (declined.size() > 1) {
			try {
				recordings.optedOut(declined);
				return;
			}
			catch (RuntimeException ex) {
				log.warn("Handling {} opt-outs together failed ({}); handling them one by one", declined.size(),
						ex.toString());
			}
		}
		RuntimeException failed = null;
		for (ConsentDeclined one : declined) {
			try {
				logged("ConsentDeclined", one.callId(), () -> recordings.optedOut(one));
			}
			catch (RuntimeException ex) {
				if (failed == null) {
					failed = ex;
				}
				else {
					failed.addSuppressed(ex);
				}
			}
		}
		if (failed != null) {
			throw failed;
		}
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
