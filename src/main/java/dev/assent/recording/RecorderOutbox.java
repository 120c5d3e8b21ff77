package dev.assent.recording;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;

import jakarta.annotation.PreDestroy;

import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.context.ApplicationEventPublisher;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.scheduling.concurrent.CustomizableThreadFactory;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;
import org.springframework.transaction.support.TransactionTemplate;
import dev.assent.recording.spi.RecorderClient;
import dev.assent.recording.spi.RecorderHttp;
import dev.assent.recording.spi.RecorderSettings;
import dev.assent.shared.RetryAfter;

/**
 * Sends recorder commands so that none is ever lost (issue 3): a command is a row first, inserted
 * in the caller's transaction; right after that transaction commits, it is sent (the fast path); a failed attempt (5xx, timeout, connection refused) leaves it pending, and the
 * poller sends it again with exponential backoff until the recorder answers 2xx — across
 * restarts, since commands are rows. (The fast path runs on a sender thread, so that the STOPs
 * of many calls committed together go out together.) Every attempt carries the command's stable
 * {@code Idempotency-Key}.
 */
@Component
class RecorderOutbox {

	private static final Logger log = LoggerFactory.getLogger(RecorderOutbox.class);

	private static final int BATCH = 16;

	/**
	 * How often at most the commands waiting for a retry are made due because the recorder answered again: a command
	 * the recorder keeps failing while it answers others is retried this often at the most, not at every answer.
	 */
	private static final Duration RETRY_NOW_AT_MOST_EVERY = Duration.ofSeconds(5);

	/**
	 * What a recorder's {@code Retry-After} date is read against: commands are timed in wall-clock time (the database's
	 * {@code clock_timestamp()}), not on the business clock ({@link #clock}, which tests move to a call's start).
	 */
	private static final Clock WALL_CLOCK = Clock.systemUTC();

	/** The longest {@code Retry-After} of the recorder a command waits for; a longer one is cut to it. */
	private static final Duration LONGEST_RETRY_AFTER = Duration.ofHours(1);

	private final Commands commands;

	private final SentMarks sentMarks;

	private final Sessions sessions;

	private final Recorder recorder;

	private final RecorderSettings settings;

	private final TransactionTemplate tx;

	private final ApplicationEventPublisher events;

	private final Clock clock;

	private final ExecutorService senders;

	private volatile boolean stopping;

	/** Whether the recorder failed an attempt (unreachable, 5xx, timeout) since it last answered. */
	private final AtomicBoolean unanswered = new AtomicBoolean();

	/**
	 * Not before this (System.nanoTime) are the commands waiting for a retry made due because the recorder answered
	 * again: {@link #RETRY_NOW_AT_MOST_EVERY} after the last time, and not while a {@code Retry-After} of the recorder runs.
	 */
	private final AtomicLong retryNowNotBefore = new AtomicLong(System.nanoTime());

	RecorderOutbox(Commands commands, SentMarks sentMarks, Sessions sessions, Recorder recorder,
			RecorderSettings settings, TransactionTemplate tx, ApplicationEventPublisher events, Clock clock) {
		this.commands = commands;
		this.sentMarks = sentMarks;
		this.sessions = sessions;
		this.recorder = recorder;
		this.settings = settings;
		this.tx = tx;
		this.events = events;
		this.clock = clock;
		CustomizableThreadFactory threads = new CustomizableThreadFactory("recorder-sender-");
		threads.setDaemon(true);
		this.senders = Executors.newFixedThreadPool(BATCH, threads);
	}

	@PreDestroy
	void shutdown() {
		stopping = true;
		senders.shutdownNow();
	}

	/** Adds a RECORD command; it is sent when the current transaction commits. */
	UUID record(UUID companyId, UUID callId, String order) {
		return enqueue(companyId, callId, Command.Kind.RECORD, null, order).orElseThrow();
	}

	/**
	 * Adds the STOP of the bot a RECORD command made (once per bot: a second stop of the same bot
	 * adds nothing); it is sent when the current transaction commits.
	 */
	Optional<UUID> stop(UUID companyId, UUID callId, UUID recordCommandId, String order) {
		return stop(companyId, callId, recordCommandId, null, order);
	}

	/**
	 * {@link #stop(UUID, UUID, UUID, String)} for a bot whose id the caller read from the call's
	 * locked session ({@code botId} of that RECORD command, or null when not known yet): right after
	 * commit the STOP goes out without reading the two commands again.
	 */
	Optional<UUID> stop(UUID companyId, UUID callId, UUID recordCommandId, @Nullable String botId, String order) {
		return enqueue(companyId, callId, Command.Kind.STOP, recordCommandId, order, botId);
	}

	/** A STOP for {@link #stopAll}: the bot of a RECORD command, its id as read from the call's locked session. */
	record StopOrder(UUID companyId, UUID callId, UUID recordCommandId, @Nullable String botId, String order) {
	}

	/**
	 * {@link #stop(UUID, UUID, UUID, String, String)} for the STOPs of many calls at once (the opt-outs
	 * of the decisions' group commit, issue 7): one statement stores them all; each is sent right after
	 * commit, on a sender thread of its own.
	 */
	void stopAll(List<StopOrder> stops) {
		if (!TransactionSynchronizationManager.isSynchronizationActive()) {
			stops.forEach(o -> stop(o.companyId(), o.callId(), o.recordCommandId(), o.botId(), o.order()));
			return;
		}
		List<Commands.NewStop> rows = new ArrayList<>(stops.size());
		for (StopOrder o : stops) {
			rows.add(new Commands.NewStop(UUID.randomUUID(), o.companyId(), o.callId(), o.recordCommandId(), o.order()));
		}
		Set<UUID> stored = commands.insertStops(rows, settings.lease());
		if (stored.isEmpty()) {
			return;
		}
		List<Runnable> sends = new ArrayList<>(stored.size());
		for (int i = 0; i < rows.size(); i++) {
			UUID id = rows.get(i).id();
			StopOrder o = stops.get(i);
			if (stored.contains(id)) {
				sends.add(o.botId() != null ? () -> sendStop(id, o.botId(), o.order()) : () -> send(id));
			}
		}
		TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
			@Override
			public void afterCommit() {
				sends.forEach(RecorderOutbox.this::sendSoon);
			}
		});
	}

	private Optional<UUID> enqueue(UUID companyId, UUID callId, Command.Kind kind, @Nullable UUID recordCommandId,
			String order) {
		return enqueue(companyId, callId, kind, recordCommandId, order, null);
	}

	/**
	 * Adds a PURPOSES command (PRODUCT X4) for the bot a RECORD command made; {@code id} is the
	 * caller's, so a repeat of the same refusal adds nothing. Sent when the current transaction commits
	 * (once the bot's id is known).
	 */
	Optional<UUID> purposes(UUID id, UUID companyId, UUID callId, UUID recordCommandId, String order) {
		return enqueue(id, companyId, callId, Command.Kind.PURPOSES, recordCommandId, order, null);
	}

	private Optional<UUID> enqueue(UUID companyId, UUID callId, Command.Kind kind, @Nullable UUID recordCommandId,
			String order, @Nullable String knownBotId) {
		return enqueue(UUID.randomUUID(), companyId, callId, kind, recordCommandId, order, knownBotId);
	}

	private Optional<UUID> enqueue(UUID id, UUID companyId, UUID callId, Command.Kind kind,
			@Nullable UUID recordCommandId, String order, @Nullable String knownBotId) {
		boolean afterCommit = TransactionSynchronizationManager.isSynchronizationActive();
		if (!commands.insert(id, companyId, callId, kind, recordCommandId, order, afterCommit ? settings.lease() : null)) {
			return Optional.empty();
		}
		if (afterCommit) {
			TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
				@Override
				public void afterCommit() {
					if (knownBotId != null) {
						sendSoon(() -> sendStop(id, knownBotId, order));
					}
					else {
						sendSoon(id);
					}
				}
			});
		}
		else {
			sendClaimed(id);
		}
		return Optional.of(id);
	}

	/**
	 * Sends a command just committed on a sender thread: a transaction that stopped several calls
	 * (opt-outs stored together) sends all their STOPs at once, not one after the other, and the
	 * committing thread is free at once. If no sender can take it, the poller sends it.
	 */
	private void sendSoon(UUID id) {
		sendSoon(() -> send(id));
	}

	private void sendSoon(Runnable sending) {
		try {
			senders.execute(sending);
		}
		catch (RejectedExecutionException ex) {
			log.debug("A command is left to the poller: {}", ex.toString());
		}
	}

	/**
	 * Sends a STOP this node inserted a moment ago and still owns (its lease), for a bot whose id is
	 * known: nothing to read first, and it is marked SENT together with the others acknowledged
	 * meanwhile ({@link SentMarks}). A failed attempt is handled as {@link #send} handles it.
	 */
	private void sendStop(UUID id, String botId, String order) {
		try {
			recorder.client().stopBot(botId, order, Command.idempotencyKey(id), 0);
			answered();
			sentMarks.add(id, botId, Instant.now(clock));
			log.debug("Bot {} told to stop (command {})", botId, id);
		}
		catch (RuntimeException ex) {
			Command c = commands.find(id).orElse(null);
			if (c != null && c.status() == Command.Status.PENDING) {
				failedAttempt(c, ex);
			}
		}
	}

	private void sendClaimed(UUID id) {
		if (commands.claim(id, settings.lease())) {
			send(id);
		}
	}

	/**
	 * Looks for due commands (retries, and commands whose sender died) every {@code poll-every}, and sends them
	 * {@value #BATCH} at a time. While it finds full batches it goes on, for up to {@code poll-budget}: after a
	 * recorder outage, thousands of owed STOPs are due at once, and at one batch per look they went out at ~70 a
	 * second — the last ones more than a minute after the recorder was back (issue 7, the fault suite of session 16).
	 */
	@Scheduled(fixedDelayString = "${assent.recorder.poll-every:200ms}", initialDelayString = "${assent.recorder.poll-initial-delay:1s}")
	void poll() {
		long deadline = System.nanoTime() + settings.pollBudget().toNanos();
		List<UUID> due;
		do {
			if (stopping) {
				return;
			}
			due = commands.claimDue(BATCH, settings.lease());
			if (!sendAll(due)) {
				return;
			}
		}
		while (due.size() == BATCH && System.nanoTime() - deadline < 0);
	}

	/** Sends the claimed commands side by side and waits for them all; false when interrupted. */
	private boolean sendAll(List<UUID> claimed) {
		List<Future<?>> running = claimed.stream().<Future<?>>map(id -> senders.submit(() -> send(id))).toList();
		for (Future<?> f : running) {
			try {
				f.get();
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
				return false;
			}
			catch (java.util.concurrent.ExecutionException ex) {
				log.warn("Sending a recorder command failed unexpectedly", ex.getCause());
			}
		}
		return true;
	}

	/** Sends a command this node owns (just inserted, or claimed). Never throws. */
	void send(UUID id) {
		// On the wire from here: a fresh lease covers the request (it waited in a queue maybe
		// longer than its first lease), and a command cancelled or sent meanwhile is not sent at all.
		Command c = commands.renew(id, settings.lease()).orElse(null);
		if (c == null) {
			return;
		}
		try {
			if (c.kind() == Command.Kind.RECORD) {
				String botId = recorder.client().createBot(c.payload(), c.idempotencyKey());
				answered();
				if (!commands.sent(id, botId, null)) {
					// Cancelled by a STOP while it was out (a database that stalled beyond the lease):
					// the bot exists after all, so the STOP that cancelled it is sent after all.
					commands.botAfterCancel(id, botId).ifPresent(stop -> {
						log.warn("Bot {} of call {} was created after its call was stopped; stopping it", botId, c.callId());
						sessions.botCreated(c.callId(), id, botId);
						sendClaimed(stop);
					});
					return;
				}
				sessions.botCreated(c.callId(), id, botId);
				log.debug("Bot {} ordered for call {}", botId, c.callId());
				// A STOP that waited for this bot goes now.
				commands.stopFor(id).filter(s -> s.status() == Command.Status.PENDING).ifPresent(s -> sendClaimed(s.id()));
			}
			else if (c.kind() == Command.Kind.PURPOSES) {
				purposes(c);
			}
			else {
				stop(c);
			}
		}
		catch (RuntimeException ex) {
			failedAttempt(c, ex);
		}
	}

	/** Tells the bot of {@code c}'s RECORD command the purposes refused, once that bot's id is known. */
	private void purposes(Command c) {
		UUID recordId = c.recordCommandId();
		Command record = recordId == null ? null : commands.find(recordId).orElse(null);
		if (record == null || record.status() == Command.Status.CANCELLED) {
			commands.cancel(c.id(), "no bot was ever ordered: nothing records");
			return;
		}
		if (record.botId() == null) {
			retry(c, "waiting for the bot id of the record command", false, backoff(record.attempts() + 1));
			return;
		}
		recorder.client().refusePurposes(record.botId(), c.payload(), c.idempotencyKey(), c.attempts());
		answered();
		commands.sent(c.id(), record.botId(), null);
		log.debug("Bot {} of call {} told the purposes refused", record.botId(), c.callId());
	}

	/** An attempt to send {@code c} failed: a STOP for a bot the recorder no longer knows is done, else retried. */
	private void failedAttempt(Command c, RuntimeException ex) {
		RecorderClient.Failure failure = ex instanceof RecorderClient.Failure f ? f
				: new RecorderClient.Failure("unexpected answer", RecorderHttp.rootOf(ex));
		if (c.kind() == Command.Kind.STOP && failure.botGone()) {
			commands.sent(c.id(), c.botId(), "the recorder no longer knows the bot (" + failure.status() + ")");
			return;
		}
		if (c.kind() == Command.Kind.PURPOSES && (failure.botGone() || failure.permanent())) {
			// Gone: nothing of it is left to process. Refused for good (a 4xx, or 501: a recorder that
			// takes no purposes): asking again gets the same answer, so it is kept with the refusal.
			commands.cancel(c.id(), "the recorder did not take the purposes refused: " + failure.getMessage());
			log.warn("The recorder did not take the purposes refused of call {} ({}); the owner must honour them",
					c.callId(), failure.getMessage());
			return;
		}
		Duration retryIn = backoff(c.attempts() + 1);
		// The recorder's own word on when to come back (429, 503); never sooner than the backoff, never later than an hour.
		Duration asked = RetryAfter.parse(failure.retryAfter(), Instant.now(WALL_CLOCK)).orElse(Duration.ZERO);
		if (asked.compareTo(retryIn) > 0) {
			retryIn = asked.compareTo(LONGEST_RETRY_AFTER) > 0 ? LONGEST_RETRY_AFTER : asked;
			retryNowNotBefore.accumulateAndGet(System.nanoTime() + retryIn.toNanos(), (a, b) -> a - b > 0 ? a : b);
		}
		if (!failure.permanent()) {
			unanswered.set(true);
		}
		retry(c, String.valueOf(failure.getMessage()), true, retryIn);
	}

	/**
	 * The recorder answered a command. If it failed others since it last answered (an outage), those waiting for their
	 * retry — up to {@code retry-max} away — are due now, and the next look sends them (issue 7: after a 60 s outage,
	 * the last owed STOPs went out a minute and a half after the recorder was back).
	 */
	private void answered() {
		if (!unanswered.get()) {
			return;
		}
		long notBefore = retryNowNotBefore.get();
		long now = System.nanoTime();
		if (now - notBefore < 0
				|| !retryNowNotBefore.compareAndSet(notBefore, now + RETRY_NOW_AT_MOST_EVERY.toNanos())) {
			// Too soon, or the recorder asked (Retry-After) to wait longer: the commands keep their retry time.
			return;
		}
		unanswered.set(false);
		try {
			int due = commands.retryNow();
			if (due > 0) {
				log.info("The recorder answers again: {} commands that waited for a retry are due now", due);
			}
		}
		catch (RuntimeException ex) {
			// They are retried at their time: nothing is lost.
			unanswered.set(true);
			log.debug("Commands waiting for a retry stay at their time: {}", ex.toString());
		}
	}

	private void stop(Command c) {
		UUID recordId = c.recordCommandId();
		Command record = recordId == null ? null : commands.find(recordId).orElse(null);
		if (record == null || record.status() == Command.Status.CANCELLED) {
			commands.cancel(c.id(), "no bot was ever ordered");
			return;
		}
		if (record.botId() == null) {
			if (commands.cancelUnsent(record.id(), "stopped before it was sent")) {
				commands.cancel(c.id(), "the record command was cancelled before it was sent: no bot exists");
				return;
			}
			// The RECORD was tried (or is being sent): a bot may exist. Wait for its id; the RECORD's
			// success sends this STOP at once.
			retry(c, "waiting for the bot id of the record command", false, backoff(record.attempts() + 1));
			return;
		}
		recorder.client().stopBot(record.botId(), c.payload(), c.idempotencyKey(), c.attempts());
		answered();
		commands.sent(c.id(), record.botId(), null);
		log.debug("Bot {} of call {} told to stop", record.botId(), c.callId());
	}

	private void retry(Command c, String error, boolean countAttempt, Duration retryIn) {
		int attempts = commands.failed(c.id(), error, retryIn, countAttempt);
		if (countAttempt) {
			log.info("Recorder command {} {} of call {} failed (attempt {}): {}", c.kind(), c.id(), c.callId(), attempts,
					error);
		}
		if (countAttempt && attempts >= settings.alertAfter() && !c.alerted()) {
			tx.executeWithoutResult(s -> {
				if (commands.markAlerted(c.id())) {
					log.warn("Recorder command {} {} of call {} failed {} times; still retrying: {}", c.kind(), c.id(),
							c.callId(), attempts, error);
					events.publishEvent(new RecorderCommandFailed(c.id(), c.callId(), c.companyId(), c.kind().name(),
							attempts, error, Instant.now(clock)));
				}
			});
		}
	}

	/** 0.2 s, 0.4 s, 0.8 s, … up to {@code retry-max} (30 s). */
	Duration backoff(int attempt) {
		long initial = settings.retryInitial().toMillis();
		long max = settings.retryMax().toMillis();
		long delay = initial << Math.min(Math.max(attempt - 1, 0), 20);
		return Duration.ofMillis(Math.min(delay, max));
	}

}
