package dev.assent.notifications;

import java.util.List;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * On every node: claims pre-call rows that have fallen due and makes their emails (each row on
 * one node only: {@code SKIP LOCKED} and a lease); the {@link MailOutbox} sends them.
 */
@Component
class PreCallScheduler {

	private static final Logger log = LoggerFactory.getLogger(PreCallScheduler.class);

	private static final int BATCH = 200;

	/** Calls whose emails one transaction makes. */
	private static final int CHUNK = 50;

	private final PreCallEmails preCalls;

	private final NotificationSettings settings;

	private volatile boolean stopping;

	/** Its own thread, so a slow SMTP server never holds up the scheduler other modules' pollers share. */
	private final java.util.concurrent.ExecutorService worker = java.util.concurrent.Executors
		.newSingleThreadExecutor(MailOutbox.daemon("pre-call-emails-"));

	private final java.util.concurrent.atomic.AtomicBoolean busy = new java.util.concurrent.atomic.AtomicBoolean();

	private final java.util.concurrent.ExecutorService expanders;

	PreCallScheduler(PreCallEmails preCalls, NotificationSettings settings) {
		this.preCalls = preCalls;
		this.settings = settings;
		this.expanders = java.util.concurrent.Executors.newFixedThreadPool(settings.preCallWorkers(),
				MailOutbox.daemon("pre-call-worker-"));
	}

	@jakarta.annotation.PreDestroy
	void shutdown() {
		stopping = true;
		worker.shutdown();
		expanders.shutdownNow();
	}

	@Scheduled(fixedDelayString = "${assent.notifications.poll-every:500ms}", initialDelayString = "${assent.notifications.poll-initial-delay:1s}")
	void poll() {
		if (stopping || !busy.compareAndSet(false, true)) {
			return;
		}
		try {
			worker.execute(() -> {
				try {
					drain();
				}
				catch (RuntimeException ex) {
					log.warn("Making pre-call emails failed; the next poll tries again", ex);
				}
				finally {
					busy.set(false);
				}
			});
		}
		catch (java.util.concurrent.RejectedExecutionException ex) {
			busy.set(false);
		}
	}

	void drain() {
		while (!stopping) {
			List<PreCalls.Due> due = preCalls.claimDue(BATCH, settings.lease());
			// Each company's calls in chunks, one transaction each (batched reads and one insert), the
			// chunks spread over the workers.
			java.util.Map<java.util.UUID, List<java.util.UUID>> byCompany = new java.util.LinkedHashMap<>();
			due.forEach(d -> byCompany.computeIfAbsent(d.companyId(), k -> new java.util.ArrayList<>()).add(d.callId()));
			List<java.util.concurrent.Future<?>> running = new java.util.ArrayList<>();
			byCompany.forEach((companyId, ids) -> {
				for (int from = 0; from < ids.size(); from += CHUNK) {
					List<java.util.UUID> chunk = ids.subList(from, Math.min(ids.size(), from + CHUNK));
					running.add(expanders.submit(() -> expand(companyId, chunk)));
				}
			});
			for (java.util.concurrent.Future<?> f : running) {
				try {
					f.get();
				}
				catch (InterruptedException ex) {
					Thread.currentThread().interrupt();
					return;
				}
				catch (java.util.concurrent.ExecutionException ex) {
					log.warn("Making pre-call emails failed unexpectedly", ex.getCause());
				}
			}
			if (due.size() < BATCH) {
				return;
			}
		}
	}

	/** A chunk at once; when that fails, call by call, so one bad call does not hold back the others. */
	private void expand(java.util.UUID companyId, List<java.util.UUID> chunk) {
		try {
			preCalls.expandAll(companyId, chunk);
			return;
		}
		catch (RuntimeException ex) {
			if (chunk.size() == 1) {
				// Left claimed: another poll takes it again when the lease ends.
				log.warn("Pre-call emails of call {} could not be made; retried after the lease", chunk.get(0), ex);
				return;
			}
			log.warn("Pre-call emails of {} calls could not be made together; making them one by one", chunk.size(), ex);
		}
		for (java.util.UUID callId : chunk) {
			try {
				preCalls.expand(companyId, callId);
			}
			catch (RuntimeException ex) {
				log.warn("Pre-call emails of call {} could not be made; retried after the lease", callId, ex);
			}
		}
	}

}
