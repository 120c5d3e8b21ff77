package dev.assent.consentpage;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.beans.factory.DisposableBean;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.dao.NonTransientDataAccessException;
import org.springframework.dao.NonTransientDataAccessResourceException;
import org.springframework.dao.TransientDataAccessException;
import org.springframework.stereotype.Component;

import dev.assent.consentpage.ConsentManagement.Taken;
import dev.assent.shared.Batches;

/**
 * Group commit for the decision POST (docs/adr/0005). Participants who decide at the same moment —
 * everyone clicks as the meeting starts — have their decisions stored together: the writer thread
 * ({@code decision-writers}, one by default) takes whatever decisions are waiting (up to {@code max-batch}) and
 * stores them in one transaction with {@link ConsentManagement#decideAll}. A request returns only after its
 * decision's transaction committed and is on disk, so "stored" still means durable. The commit itself does not
 * wait for the disk, so that the company's evidence chain head it locked is free sooner (docs/adr/0011); the
 * writer hands the committed batch to the disk waiter and takes the next batch at once, while the disk waiter
 * waits for the disk ({@link ConsentManagement#awaitDisk}) once for every batch committed by then and only then
 * answers their callers. Each decision is still stored whole (decision, evidence, event) or not at all. A lone
 * decision waits for nobody: a writer takes it at once.
 * <p>
 * A batch that fails for a reason of its own content (a constraint, a lost deadlock) is stored
 * again decision by decision, so one bad decision cannot fail its neighbours. When the database
 * is unreachable, every decision of the batch fails, as it would alone.
 * <p>
 * One writer, because its batches are larger: with 32 participants posting as fast as they were answered, two
 * writers split what waited into batches of 8 where one writer's held 16, at a quarter more CPU per decision
 * (most of a batch's transaction is its round trips, the same for 1 decision or 64), and the second writer's
 * batch then waited for the first's lock on the company's evidence chain head (issue 7, session 14). The price:
 * a batch held up (by a recording session's lock, at most {@code assent.recorder.opt-out-lock-wait}) holds up
 * the decisions that arrive meanwhile.
 * <p>
 * With more than one writer, under load, a writer that finds a single decision waiting while another writer is storing a batch
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

	/** A batch committed without waiting for the disk: its callers are answered once it is there. */
	private record Committed(List<Pending> batch, List<Optional<Decision>> stored) {

		void answer() {
			for (int i = 0; i < batch.size(); i++) {
				batch.get(i).result().complete(stored.get(i));
			}
		}

		void refuse(Throwable ex) {
			batch.forEach(p -> p.result().completeExceptionally(ex));
		}

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

	/** Batches committed, for {@link #diskWaiter} to answer once they are on disk. */
	private final BlockingQueue<Committed> committed;

	private final Thread diskWaiter;

	private final Counter disks;

	private volatile boolean running = true;

	/** Whether writers may still hand the disk waiter a batch. */
	private volatile boolean writing = true;

	DecisionWriter(ConsentManagement consents, MeterRegistry meters, int writers, int maxBatch) {
		this(consents, meters, writers, maxBatch, 2000, Duration.ofSeconds(10), Duration.ZERO);
	}

	@Autowired
	DecisionWriter(ConsentManagement consents, MeterRegistry meters, DecisionSettings settings) {
		this(consents, meters, settings.decisionWriters(), settings.decisionMaxBatch(), settings.decisionQueue(),
				settings.decisionTimeout(), settings.decisionLinger());
	}

	DecisionWriter(ConsentManagement consents, MeterRegistry meters, int writers, int maxBatch, int capacity,
			Duration timeout, Duration linger) {
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
		// A writer may be one batch ahead of the disk waiter (two with two writers): it commits the next batch while
		// the disk takes the previous one.
		this.committed = new ArrayBlockingQueue<>(writers);
		this.disks = Counter.builder("assent.consentpage.decision.disk-waits")
			.description("Waits for the disk, each for every batch of decisions committed before it")
			.register(meters);
		this.diskWaiter = new Thread(this::awaitDisk, "decision-disk");
		this.diskWaiter.setDaemon(true);
		this.diskWaiter.start();
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
				Committed committed;
				storing.incrementAndGet();
				try {
					committed = store(batch);
				}
				finally {
					storing.decrementAndGet();
				}
				// Waits here only while the disk waiter is a batch behind (back-pressure: the decision queue then
				// fills, and participants are asked to try again instead of waiting on a disk that does not answer).
				this.committed.put(committed);
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
				batch.forEach(p -> p.result().completeExceptionally(
						new IllegalStateException("Assent is shutting down; the decision was not stored")));
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

	/**
	 * The disk waiter: answers the batches the writers committed once the disk holds them — one wait for
	 * every batch committed by then, however many writers committed them.
	 */
	private void awaitDisk() {
		UUID diskMark = UUID.randomUUID();
		List<Committed> round = new ArrayList<>();
		try {
			while (writing || !committed.isEmpty()) {
				Committed first = committed.poll(100, TimeUnit.MILLISECONDS);
				if (first == null) {
					continue;
				}
				round.add(first);
				committed.drainTo(round);
				disks.increment();
				try {
					consents.awaitDisk(diskMark);
					round.forEach(Committed::answer);
				}
				catch (Throwable ex) {
					// Committed, but nobody can say it is on disk: everyone of the round is asked to try again.
					round.forEach(c -> c.refuse(ex));
				}
				round.clear();
			}
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
		finally {
			round.forEach(c -> c.refuse(new IllegalStateException("Assent is shutting down; the decision was not stored")));
			try {
				consents.writerStopped(diskMark);
			}
			catch (RuntimeException ex) {
				log.debug("The disk mark of the decision writers stays: {}", ex.toString());
			}
		}
	}

	/** Stores the batch and commits it without waiting for the disk; answers what to tell its callers once it is there. */
	private Committed store(List<Pending> batch) {
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
			return storeOneByOne(batch);
		}
		return new Committed(List.copyOf(batch), stored);
	}

	private Committed storeOneByOne(List<Pending> batch) {
		List<Pending> stored = new ArrayList<>(batch.size());
		List<Optional<Decision>> answers = new ArrayList<>(batch.size());
		for (Pending p : batch) {
			try {
				answers.add(consents.decideAll(List.of(p.taken())).get(0));
				stored.add(p);
			}
			catch (RuntimeException single) {
				// Nothing of it was stored: it may be answered at once.
				p.result().completeExceptionally(single);
			}
		}
		return new Committed(stored, answers);
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
		writing = false;
		diskWaiter.join(TimeUnit.SECONDS.toMillis(10));
		// Writers that could not finish in time (a database that hangs) leave their queue to no one.
		Pending left;
		while ((left = queue.poll()) != null) {
			left.result().completeExceptionally(
					new IllegalStateException("Assent is shutting down; the decision was not stored"));
		}
	}

}
