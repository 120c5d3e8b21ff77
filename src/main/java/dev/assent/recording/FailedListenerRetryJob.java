package dev.assent.recording;

import java.time.Duration;
import java.util.Set;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.modulith.events.FailedEventPublications;
import org.springframework.modulith.events.ResubmissionOptions;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

import dev.assent.calls.CallCancelled;
import dev.assent.calls.CallScheduled;

/**
 * Redelivers the events the recording listens to whose delivery failed (a database hiccup, a
 * deadlock), every {@code assent.recorder.redeliver-every} (15 s) instead of only at the next
 * restart: an opt-out must reach the recorder whatever fails. The listeners are idempotent, so a
 * redelivery (also by two nodes at once) is harmless.
 */
@Component
class FailedListenerRetryJob {

	private static final Logger log = LoggerFactory.getLogger(FailedListenerRetryJob.class);

	private static final Set<Class<?>> OURS = Set.of(CallScheduled.class, CallCancelled.class,
			RecordingListeners.OptOutsLeft.class, dev.assent.consentpage.ConsentWithdrawn.class,
			dev.assent.consentpage.PurposesRefused.class);

	private final ObjectProvider<FailedEventPublications> failed;

	FailedListenerRetryJob(ObjectProvider<FailedEventPublications> failed) {
		this.failed = failed;
	}

	@Scheduled(fixedDelayString = "${assent.recorder.redeliver-every:15s}", initialDelayString = "${assent.recorder.redeliver-every:15s}")
	void redeliver() {
		FailedEventPublications publications = failed.getIfAvailable();
		if (publications == null) {
			return;
		}
		try {
			publications.resubmit(ResubmissionOptions.defaults()
				.withMinAge(Duration.ofSeconds(5))
				.withBatchSize(100)
				.withFilter(p -> OURS.contains(p.getEvent().getClass())));
		}
		catch (RuntimeException ex) {
			log.warn("Could not redeliver failed recording events; trying again later", ex);
		}
	}

}
