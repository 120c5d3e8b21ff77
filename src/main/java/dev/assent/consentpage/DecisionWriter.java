package dev.assent.consentpage;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;

import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.beans.factory.DisposableBean;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.dao.NonTransientDataAccessException;
import org.springframework.dao.NonTransientDataAccessResourceException;
import org.springframework.dao.TransientDataAccessException;
import org.springframework.stereotype.Component;

import dev.assent.consentpage.ConsentManagement.Taken;
import dev.assent.shared.Batches;

/**
 * Group commit for the decision POST (docs/adr/0005). Participants who decide at the same moment —
 * everyone clicks as the meeting starts — have their decisions stored together: a few writer
 * threads each take whatever decisions are waiting (up to {@code max-batch}) and store them in one
 * transaction with {@link ConsentManagement#decideAll}. A request returns only after its
 * decision's transaction committed and is on disk, so "stored" still means durable (the commit itself does not
 * wait for the disk, so that the company's evidence chain head it locked is free sooner; the writer waits for
 * the disk after it, {@link ConsentManagement#awaitDisk}, before answering anyone); each
 * decision is still stored whole (decision, evidence, event) or not at all. A lone decision waits
 * for nobody: a writer takes it at once.
 * <p>
 * A batch that fails for a reason of its own content (a constraint, a lost deadlock) is stored
 * again decision by decision, so one bad decision cannot fail its neighbours. When the database
 * is unreachable, every decision of the batch fails, as it would alone.
 * <p>
 * Under load, a writer that finds a single decision waiting while another writer is storing a batch
 * gathers what arrives for up to {@code decision-linger} (5 ms) before it stores them (issue 7: at
 * 300 opt-outs a second arriving one by one, batches held 1.3 decisions, and the fixed work of a
 * transaction — some 18 round trips — cost more than the decisions in it). When no other writer is
 * busy, the load is light and a decision is stored at once; when several are waiting, the fixed work
 * is shared already and waiting would only add latency (participants posting as fast as they are
 * answered would wait the whole linger every time).
 * <p>
 * Back-pressure (issue 7): at most {@code decision-queue} decisions wait; beyond that, and when a
 * decision is not stored within {@code decision-timeout}, the caller gets {@link Unavailable} at
 * once instead of waiting behind a database that is gone — the participant is asked to try again,
 * and is never sent on without their decision stored.
 */
@Component
class DecisionWriter implements DisposableBean {

	private static final Logger log = LoggerFactory.getLogger(DecisionWriter.class);

	private record Pending(Taken taken, CompletableFuture<Optional<Decision>> result) {
	}

	/** The decision was not stored (the queue is full, or storing it took too long): ask again later. */
	static final class Unavailable extends RuntimeException {

		private final Duration retryAfter;

		Unavailable(String message, Duration retryAfter) {
			super(message, null, false, false);
			this.retryAfter = retryAfter;
		}

		Duration retryAfter() {
			return retryAfter;
		}

	}

	private final ConsentManagement consents;

	private final int maxBatch;

	private final DistributionSummary batches;

	private final BlockingQueue<Pending> queue;

	private final Duration timeout;

	private final long lingerNanos;

	/** How many writers are storing a batch right now. */
	private final AtomicInteger storing = new AtomicInteger();

	private final List<Thread> writers = new ArrayList<>();

	private volatile boolean running = true;

	DecisionWriter(ConsentManagement consents, MeterRegistry meters, int writers, int maxBatch) {
		this(consents, meters, writers, maxBatch, 2000, Duration.ofSeconds(10), Duration.ZERO);
	}

	@Autowired
	DecisionWriter(ConsentManagement consents, MeterRegistry meters,
			@Value("${assent.consent-page.decision-writers:2}") int writers,
			@Value("${assent.consent-page.decision-max-batch:64}") int maxBatch,
			@Value("${assent.consent-page.decision-queue:2000}") int capacity,
			@Value("${assent.consent-page.decision-timeout:10s}") Duration timeout,
			@Value("${assent.consent-page.decision-linger:5ms}") Duration linger) {
		if (writers < 1 || maxBatch < 1 || capacity < 1) {
			throw new IllegalArgumentException(
					"assent.consent-page.decision-writers, decision-max-batch and decision-queue must be at least 1");
		}
		if (linger.isNegative() || linger.compareTo(timeout) >= 0) {
			throw new IllegalArgumentException("assent.consent-page.decision-linger must be at least 0 and shorter than"
					+ " decision-timeout (" + timeout + "): " + linger);
		}
		this.lingerNanos = linger.toNanos();
		this.consents = consents;
		this.maxBatch = maxBatch;
		this.queue = new LinkedBlockingQueue<>(capacity);
		this.timeout = timeout;
		this.batches = DistributionSummary.builder("assent.consentpage.decision.batch")
			.description("Decisions stored together in one transaction")
			.baseUnit("decisions")
			.register(meters);
		Gauge.builder("assent.consentpage.decisions.waiting", this, DecisionWriter::waiting)
			.description("Decisions waiting for a writer")
			.register(meters);
		for (int i = 1; i <= writers; i++) {
			Thread t = new Thread(this::run, "decision-writer-" + i);
			t.setDaemon(true);
			this.writers.add(t);
			t.start();
		}
	}

	/**
	 * Stores the decision and returns once it is durable: the stored decision, or empty when this
	 * page view had stored the same choice already.
	 */
	Optional<Decision> write(Taken taken) {
		if (!running) {
			throw new IllegalStateException("Assent is shutting down; the decision was not stored");
		}
		Pending pending = new Pending(taken, new CompletableFuture<>());
		if (!queue.offer(pending)) {
			throw new Unavailable("Too many decisions waiting; the decision was not stored", Duration.ofSeconds(2));
		}
		if (!running && queue.remove(pending)) {
			// Shutting down since the check above: no writer may be left to take it.
			throw new IllegalStateException("Assent is shutting down; the decision was not stored");
		}
		try {
			return pending.result().get(timeout.toMillis(), TimeUnit.MILLISECONDS);
		}
		catch (ExecutionException ex) {
			if (ex.getCause() instanceof RuntimeException cause) {
				throw cause;
			}
			throw new CompletionException(ex.getCause());
		}
		catch (TimeoutException ex) {
			// Still waiting: it will not be stored. Already taken by a writer: its transaction may
			// still commit — the participant is asked to try again either way, never sent on.
			queue.remove(pending);
			throw new Unavailable("The decision was not stored within " + timeout, Duration.ofSeconds(5));
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			queue.remove(pending);
			throw new Unavailable("Interrupted while storing the decision", Duration.ofSeconds(5));
		}
	}

	/** How many decisions wait for a writer right now. */
	int waiting() {
		return queue.size();
	}

	private void run() {
		List<Pending> batch = new ArrayList<>(maxBatch);
		UUID diskMark = UUID.randomUUID();
		try {
			run(batch, diskMark);
		}
		finally {
			try {
				consents.writerStopped(diskMark);
			}
			catch (RuntimeException ex) {
				log.debug("The disk mark of a decision writer stays: {}", ex.toString());
			}
		}
	}

	private void run(List<Pending> batch, UUID diskMark) {
		while (running || !queue.isEmpty()) {
			try {
				Pending first = queue.poll(100, TimeUnit.MILLISECONDS);
				if (first == null) {
					continue;
				}
				batch.add(first);
				queue.drainTo(batch, maxBatch - 1);
				if (batch.size() == 1 && maxBatch > 1 && lingerNanos > 0 && storing.get() > 0) {
					// Interrupted, it keeps what it holds: stored now, the writer ends at its next wait.
					Batches.gather(queue, batch, maxBatch, lingerNanos, b -> false);
				}
				// Answered once this writer no longer counts as storing: a participant answered may decide
				// again at once, and is then stored at once when nothing else is being stored.
				Runnable answers;
				storing.incrementAndGet();
				try {
					answers = store(batch, diskMark);
				}
				finally {
					storing.decrementAndGet();
				}
				answers.run();
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
				return;
			}
			catch (Throwable ex) {
				batch.forEach(p -> p.result().completeExceptionally(ex));
			}
			finally {
				batch.clear();
			}
		}
	}

	/** Stores the batch; answers what to tell its callers, to be run once that is known. */
	private Runnable store(List<Pending> batch, UUID diskMark) {
		batches.record(batch.size());
		List<Optional<Decision>> stored;
		try {
			stored = consents.decideAll(batch.stream().map(Pending::taken).toList());
		}
		catch (RuntimeException ex) {
			if (batch.size() == 1 || !aboutItsContent(ex)) {
				throw ex;
			}
			log.warn("Storing {} decisions together failed ({}); storing them one by one", batch.size(), ex.toString());
			return storeOneByOne(batch, diskMark);
		}
		// Committed without waiting for the disk (the company's chain head is free sooner): nobody is
		// answered before it is there. If that cannot be known, everyone of the batch is asked to try again.
		consents.awaitDisk(diskMark);
		List<Pending> answered = List.copyOf(batch);
		return () -> {
			for (int i = 0; i < answered.size(); i++) {
				answered.get(i).result().complete(stored.get(i));
			}
		};
	}

	private Runnable storeOneByOne(List<Pending> batch, UUID diskMark) {
		List<Runnable> answers = new ArrayList<>(batch.size());
		for (Pending p : batch) {
			try {
				Optional<Decision> stored = consents.decideAll(List.of(p.taken())).get(0);
				answers.add(() -> p.result().complete(stored));
			}
			catch (RuntimeException single) {
				// Nothing of it was stored: it may be answered at once.
				p.result().completeExceptionally(single);
			}
		}
		consents.awaitDisk(diskMark);
		return () -> answers.forEach(Runnable::run);
	}

	/**
	 * Whether a batch failed because of what it holds (a constraint, a lost deadlock), so that its
	 * decisions may be stored one by one — not because the database cannot be reached.
	 */
	private static boolean aboutItsContent(RuntimeException ex) {
		return ex instanceof TransientDataAccessException
				|| (ex instanceof NonTransientDataAccessException && !(ex instanceof NonTransientDataAccessResourceException));
	}

	/** Stores what is waiting, then stops the writers (before the database goes away). */
	@Override
	public void destroy() throws InterruptedException {
		running = false;
		for (Thread t : writers) {
			t.join(TimeUnit.SECONDS.toMillis(10));
		}
		// Writers that could not finish in time (a database that hangs) leave their queue to no one.
		Pending left;
		while ((left = queue.poll()) != null) {
			left.result().completeExceptionally(
					new IllegalStateException("Assent is shutting down; the decision was not stored"));
		}
	}

}
