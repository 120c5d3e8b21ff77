package dev.assent.notifications;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicLong;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * Hands due emails to the {@link Mailer}, on every node (PRODUCT E4). A node claims a batch with
 * {@code FOR UPDATE SKIP LOCKED} and a lease, so two nodes never hold the same email; an email is
 * marked sent only while still pending. A transient failure (server down, 4xx) is retried with
 * exponential backoff for as long as it takes; a permanent one (invalid address, 5xx) is recorded
 * as failed and shown in the mailbox; neither holds back the rest of the batch. A pre-call email
 * whose call has started by the time it would go is cancelled instead (E1).
 */
@Component
class MailOutbox {

	private static final Logger log = LoggerFactory.getLogger(MailOutbox.class);

	private final Emails emails;

	private final Mailer mailer;

	private final NotificationSettings settings;

	private final Clock clock;

	private final String node;

	private final AtomicLong handedOver = new AtomicLong();

	private volatile boolean stopping;

	/** Its own thread, so a slow SMTP server never holds up the scheduler other modules' pollers share. */
	private final java.util.concurrent.ExecutorService worker;

	private final java.util.concurrent.atomic.AtomicInteger busy = new java.util.concurrent.atomic.AtomicInteger();

	MailOutbox(Emails emails, Mailer mailer, NotificationSettings settings, Clock clock) {
		this.emails = emails;
		this.mailer = mailer;
		this.settings = settings;
		this.clock = clock;
		this.node = nodeName();
		this.worker = java.util.concurrent.Executors.newFixedThreadPool(settings.senders(),
				daemon("mail-sender-"));
	}

	@jakarta.annotation.PreDestroy
	void shutdown() {
		stopping = true;
		worker.shutdown();
	}

	/** Sends everything due, batch after batch, then waits for the next poll. */
	@Scheduled(fixedDelayString = "${assent.notifications.poll-every:500ms}", initialDelayString = "${assent.notifications.poll-initial-delay:1s}")
	void poll() {
		// Up to `senders` drains at once, each claiming its own batches (one SMTP connection each).
		while (!stopping && busy.get() < settings.senders()) {
			busy.incrementAndGet();
			try {
				worker.execute(() -> {
					try {
						drain();
					}
					catch (RuntimeException ex) {
						log.warn("Sending emails failed; the next poll tries again", ex);
					}
					finally {
						busy.decrementAndGet();
					}
				});
			}
			catch (java.util.concurrent.RejectedExecutionException ex) {
				busy.decrementAndGet();
				return;
			}
		}
	}

	void drain() {
		while (!stopping) {
			List<Email> batch = emails.claimDue(settings.batch(), settings.lease());
			if (batch.isEmpty()) {
				return;
			}
			deliver(batch);
			if (batch.size() < settings.batch()) {
				return;
			}
		}
	}

	/** Emails this node handed over since it started (for benchmarks and tests). */
	long handedOver() {
		return handedOver.get();
	}

	String node() {
		return node;
	}

	private void deliver(List<Email> batch) {
		Instant now = Instant.now(clock);
		List<Email> go = new ArrayList<>();
		for (Email e : batch) {
			if (e.notAfter() != null && !now.isBefore(e.notAfter())) {
				emails.cancel(e.id(), "the call had started before the email could go");
			}
			else {
				go.add(e);
			}
		}
		if (go.isEmpty()) {
			return;
		}
		Map<UUID, Mailer.Failure> sendFailures;
		try {
			sendFailures = mailer.send(go);
		}
		catch (RuntimeException ex) {
			log.warn("Sending {} emails failed unexpectedly; they are retried", go.size(), ex);
			sendFailures = new java.util.HashMap<>();
			for (Email e : go) {
				sendFailures.put(e.id(), new Mailer.Failure(String.valueOf(ex), false));
			}
		}
		Map<UUID, Mailer.Failure> failures = sendFailures;
		// Everything handed over is marked in one statement (one commit per batch, not per email).
		List<UUID> handed = go.stream().map(Email::id).filter(id -> !failures.containsKey(id)).toList();
		handedOver.addAndGet(emails.sentAll(handed, node, mailer.transport()));
		for (Email e : go) {
			Mailer.Failure f = failures.get(e.id());
			if (f == null) {
				continue;
			}
			if (f.permanent()) {
				log.warn("Email {} ({}) to {} failed for good: {}", e.id(), e.reason(), e.recipient(), f.message());
				emails.failed(e.id(), f.message());
			}
			else {
				log.info("Email {} ({}) to {} failed (attempt {}), retried: {}", e.id(), e.reason(), e.recipient(),
						e.attempts() + 1, f.message());
				emails.retry(e.id(), f.message(), settings.backoff(e.attempts() + 1));
			}
		}
	}

	static java.util.concurrent.ThreadFactory daemon(String prefix) {
		org.springframework.scheduling.concurrent.CustomizableThreadFactory threads = new org.springframework.scheduling.concurrent.CustomizableThreadFactory(prefix);
		threads.setDaemon(true);
		return threads;
	}

	private static String nodeName() {
		String host;
		try {
			host = java.net.InetAddress.getLocalHost().getHostName();
		}
		catch (java.io.IOException ex) {
			host = "node";
		}
		return host + "/" + ProcessHandle.current().pid() + "/" + UUID.randomUUID().toString().substring(0, 8);
	}

}
