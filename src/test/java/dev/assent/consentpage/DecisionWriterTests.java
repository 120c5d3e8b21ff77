package dev.assent.consentpage;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.jdbc.CannotGetJdbcConnectionException;

import dev.assent.consentpage.ConsentManagement.Taken;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

/**
 * Group commit of decisions (docs/adr/0005): decisions that arrive together are stored in one
 * transaction, each caller gets its own answer, and one bad decision cannot fail its neighbours.
 * The transaction itself is {@link ConsentManagement#decideAll}, exercised against PostgreSQL by
 * {@link DecisionsTogetherIntegrationTests}; here it is replaced to make the timing deterministic.
 */
class DecisionWriterTests {

	/** Stands in for the transaction: records each batch, may hold it, may fail it. */
	static class Transactions extends ConsentManagement {

		final List<List<String>> batches = Collections.synchronizedList(new ArrayList<>());

		final CountDownLatch held = new CountDownLatch(1);

		volatile boolean holdFirst;

		volatile RuntimeException failWhenBatchHasPoison;

		/** While set, the wait for the disk lasts until {@code onDisk} opens. */
		volatile boolean holdDisk;

		final CountDownLatch onDisk = new CountDownLatch(1);

		final java.util.concurrent.atomic.AtomicInteger diskWaits = new java.util.concurrent.atomic.AtomicInteger();

		volatile RuntimeException diskUnknown;

		/** Batches committed so far. */
		final java.util.concurrent.atomic.AtomicInteger committed = new java.util.concurrent.atomic.AtomicInteger();

		Transactions() {
			super(null, null, null, null, null, null);
		}

		@Override
		void writerStopped(java.util.UUID writer) {
		}

		@Override
		void awaitDisk(java.util.UUID writer) {
			diskWaits.incrementAndGet();
			if (diskUnknown != null) {
				throw diskUnknown;
			}
			if (holdDisk) {
				try {
					onDisk.await();
				}
				catch (InterruptedException ex) {
					throw new IllegalStateException(ex);
				}
			}
		}

		@Override
		List<Optional<Decision>> decideAll(List<Taken> taken) {
			List<String> participants = taken.stream().map(Taken::participantId).toList();
			boolean first = batches.isEmpty();
			batches.add(participants);
			if (first && holdFirst) {
				try {
					held.await();
				}
				catch (InterruptedException ex) {
					throw new IllegalStateException(ex);
				}
			}
			if (failWhenBatchHasPoison != null && participants.contains("poison")) {
				throw failWhenBatchHasPoison;
			}
			committed.incrementAndGet();
			return taken.stream().map(t -> Optional.of(decision(t.participantId()))).toList();
		}

	}

	final Transactions transactions = new Transactions();

	final SimpleMeterRegistry meters = new SimpleMeterRegistry();

	final ExecutorService participants = Executors.newCachedThreadPool();

	DecisionWriter writer;

	@AfterEach
	void stop() throws Exception {
		transactions.held.countDown();
		transactions.onDisk.countDown();
		participants.shutdownNow();
		if (writer != null) {
			writer.destroy();
		}
	}

	@Test
	void decisionsWaitingWhileATransactionRunsAreStoredTogetherAndEachCallerGetsItsOwnAnswer() throws Exception {
		Future<Optional<Decision>> first = whileTheFirstTransactionRuns(64);
		List<Future<Optional<Decision>>> later = queued(tenParticipants());

		transactions.held.countDown();

		assertThat(first.get().orElseThrow().participantId()).isEqualTo("p0");
		for (int i = 1; i <= 10; i++) {
			assertThat(later.get(i - 1).get().orElseThrow().participantId()).isEqualTo("p" + i);
		}
		assertThat(transactions.batches).hasSize(2);
		assertThat(transactions.batches.get(1)).hasSize(10);
		// Operators see how well decisions are grouped.
		DistributionSummary sizes = meters.get("assent.consentpage.decision.batch").summary();
		assertThat(sizes.count()).isEqualTo(2);
		assertThat(sizes.max()).isEqualTo(10);
		assertThat(meters.get("assent.consentpage.decisions.waiting").gauge().value()).isZero();
	}

	@Test
	void aBatchIsNeverLargerThanTheLimit() throws Exception {
		Future<Optional<Decision>> first = whileTheFirstTransactionRuns(4);
		List<Future<Optional<Decision>>> later = queued(tenParticipants());
		transactions.held.countDown();
		first.get();
		for (Future<Optional<Decision>> f : later) {
			f.get();
		}
		assertThat(transactions.batches).extracting(List::size).containsExactly(1, 4, 4, 2);
	}

	@Test
	void aDecisionThatCannotBeStoredFailsAloneItsNeighboursAreStored() throws Exception {
		transactions.failWhenBatchHasPoison = new DataIntegrityViolationException("violates check constraint");
		Future<Optional<Decision>> first = whileTheFirstTransactionRuns(64);
		List<Future<Optional<Decision>>> queued = queued("p1", "poison", "p2");
		Future<Optional<Decision>> before = queued.get(0);
		Future<Optional<Decision>> poison = queued.get(1);
		Future<Optional<Decision>> after = queued.get(2);
		transactions.held.countDown();

		assertThat(first.get()).isPresent();
		assertThat(before.get().orElseThrow().participantId()).isEqualTo("p1");
		assertThat(after.get().orElseThrow().participantId()).isEqualTo("p2");
		assertThatThrownBy(poison::get).hasCauseInstanceOf(DataIntegrityViolationException.class);
		// The batch of three failed, then each was tried alone.
		assertThat(transactions.batches.subList(1, transactions.batches.size())).containsExactly(
				List.of("p1", "poison", "p2"), List.of("p1"), List.of("poison"), List.of("p2"));
	}

	@Test
	void withoutADatabaseEveryDecisionOfTheBatchFailsAtOnceNotOneByOne() throws Exception {
		transactions.failWhenBatchHasPoison = new CannotGetJdbcConnectionException("connection refused");
		Future<Optional<Decision>> first = whileTheFirstTransactionRuns(64);
		List<Future<Optional<Decision>>> queued = queued("poison", "p1");
		Future<Optional<Decision>> a = queued.get(0);
		Future<Optional<Decision>> b = queued.get(1);
		transactions.held.countDown();

		first.get();
		assertThatThrownBy(a::get).hasCauseInstanceOf(CannotGetJdbcConnectionException.class);
		assertThatThrownBy(b::get).hasCauseInstanceOf(CannotGetJdbcConnectionException.class);
		assertThat(transactions.batches).hasSize(2);
	}

	/**
	 * Issue 7: a batch commits without waiting for the disk (its chain head is free sooner), so the disk
	 * waiter waits for the disk afterwards — and nobody is answered before that wait is over.
	 */
	@Test
	void nobodyIsAnsweredBeforeTheirBatchIsOnDisk() throws Exception {
		Future<Optional<Decision>> answer = whileTheDiskHoldsTheFirstBatch(1);

		assertThat(transactions.batches).containsExactly(List.of("p0"));
		assertThat(answer).isNotDone();

		transactions.onDisk.countDown();
		assertThat(answer.get().orElseThrow().participantId()).isEqualTo("p0");
	}

	/**
	 * Issue 7 (session 14): the writer hands a committed batch to the disk waiter and stores the next one while the
	 * disk takes the first — the round trips of one batch and the disk write of the other overlap.
	 */
	@Test
	void theWriterStoresTheNextBatchWhileThePreviousOneWaitsForTheDisk() throws Exception {
		Future<Optional<Decision>> first = whileTheDiskHoldsTheFirstBatch(1);

		Future<Optional<Decision>> second = decide("p1");
		await().atMost(Duration.ofSeconds(10)).until(() -> transactions.batches.size() == 2);
		assertThat(transactions.batches).containsExactly(List.of("p0"), List.of("p1"));
		assertThat(first).isNotDone();
		assertThat(second).isNotDone();

		transactions.onDisk.countDown();
		assertThat(first.get().orElseThrow().participantId()).isEqualTo("p0");
		assertThat(second.get().orElseThrow().participantId()).isEqualTo("p1");
	}

	/**
	 * A disk that does not answer stops the writer one batch ahead: what arrives then waits in the queue (which
	 * fills, and refuses — 503 — beyond its bound), instead of being committed with nobody ever answered.
	 */
	@Test
	void theWriterIsAtMostOneBatchAheadOfTheDisk() throws Exception {
		Future<Optional<Decision>> waitsForTheDisk = whileTheDiskHoldsTheFirstBatch(1);
		Future<Optional<Decision>> nextForTheDisk = decide("p1");
		await().atMost(Duration.ofSeconds(10)).until(() -> transactions.batches.size() == 2);
		Future<Optional<Decision>> committedAndHeld = decide("p2");
		await().atMost(Duration.ofSeconds(10)).until(() -> transactions.batches.size() == 3);

		Future<Optional<Decision>> queued = decide("p3");
		await().atMost(Duration.ofSeconds(10)).until(() -> writer.waiting() == 1);
		await().during(Duration.ofMillis(300)).atMost(Duration.ofSeconds(2))
			.until(() -> transactions.batches.size() == 3 && writer.waiting() == 1);

		transactions.onDisk.countDown();
		for (Future<Optional<Decision>> f : List.of(waitsForTheDisk, nextForTheDisk, committedAndHeld, queued)) {
			assertThat(f.get(10, java.util.concurrent.TimeUnit.SECONDS)).isPresent();
		}
		assertThat(transactions.batches).containsExactly(List.of("p0"), List.of("p1"), List.of("p2"), List.of("p3"));
	}

	/** One wait for the disk answers every batch committed before it, whichever writer committed it. */
	@Test
	void oneWaitForTheDiskAnswersEveryBatchCommittedBeforeIt() throws Exception {
		Future<Optional<Decision>> first = whileTheDiskHoldsTheFirstBatch(2);
		Future<Optional<Decision>> second = decide("p1");
		await().atMost(Duration.ofSeconds(10)).until(() -> transactions.committed.get() == 2);
		Future<Optional<Decision>> third = decide("p2");
		await().atMost(Duration.ofSeconds(10)).until(() -> transactions.committed.get() == 3);

		transactions.onDisk.countDown();
		for (Future<Optional<Decision>> f : List.of(first, second, third)) {
			assertThat(f.get(10, java.util.concurrent.TimeUnit.SECONDS)).isPresent();
		}
		assertThat(transactions.diskWaits).as("p0's wait, then one for p1's and p2's batches").hasValue(2);
		assertThat(meters.get("assent.consentpage.decision.disk-waits").counter().count()).isEqualTo(2);
	}

	@Test
	void whenNobodyCanSayTheBatchIsOnDiskEveryoneOfItIsAskedToTryAgain() throws Exception {
		transactions.diskUnknown = new CannotGetJdbcConnectionException("connection refused");
		Future<Optional<Decision>> first = whileTheFirstTransactionRuns(64);
		List<Future<Optional<Decision>>> queued = queued("p1", "p2");
		transactions.held.countDown();

		assertThatThrownBy(first::get).hasCauseInstanceOf(CannotGetJdbcConnectionException.class);
		assertThatThrownBy(queued.get(0)::get).hasCauseInstanceOf(CannotGetJdbcConnectionException.class);
		assertThatThrownBy(queued.get(1)::get).hasCauseInstanceOf(CannotGetJdbcConnectionException.class);
	}

	@Test
	void afterShutdownNoDecisionIsTakenOn() throws Exception {
		writer = new DecisionWriter(transactions, meters, 2, 64);
		writer.destroy();
		assertThatThrownBy(() -> writer.write(taken("late"))).isInstanceOf(IllegalStateException.class)
			.hasMessageContaining("not stored");
		assertThat(transactions.batches).isEmpty();
	}

	@Test
	void aFullQueueRefusesAtOnceWithoutStoringAnything() throws Exception {
		// Issue 7: bounded queue — beyond it the participant is told to try again (503), nobody waits.
		writer = new DecisionWriter(transactions, meters, 1, 64, 3, Duration.ofSeconds(30), Duration.ZERO);
		transactions.holdFirst = true;
		Future<Optional<Decision>> first = decide("p0");
		await().atMost(Duration.ofSeconds(10)).until(() -> transactions.batches.size() == 1);
		List<Future<Optional<Decision>>> waiting = queued("p1", "p2", "p3");

		assertThatThrownBy(() -> writer.write(taken("p4"))).isInstanceOf(DecisionWriter.Unavailable.class)
			.satisfies(ex -> assertThat(((DecisionWriter.Unavailable) ex).retryAfter()).isPositive());

		transactions.held.countDown();
		first.get();
		for (Future<Optional<Decision>> f : waiting) {
			assertThat(f.get()).isPresent();
		}
		assertThat(transactions.batches.stream().flatMap(List::stream)).doesNotContain("p4");
	}

	@Test
	void aDecisionNotStoredInTimeIsRefusedAndNotStoredLater() throws Exception {
		// Issue 7: a hung database does not hold the participant forever.
		writer = new DecisionWriter(transactions, meters, 1, 64, 100, Duration.ofMillis(300), Duration.ZERO);
		transactions.holdFirst = true;
		Future<Optional<Decision>> first = decide("p0");
		await().atMost(Duration.ofSeconds(10)).until(() -> transactions.batches.size() == 1);

		assertThatThrownBy(() -> writer.write(taken("p1"))).isInstanceOf(DecisionWriter.Unavailable.class);
		assertThat(writer.waiting()).isZero();

		transactions.held.countDown();
		assertThatThrownBy(first::get).hasCauseInstanceOf(DecisionWriter.Unavailable.class);
		await().during(Duration.ofMillis(300)).atMost(Duration.ofSeconds(2)).until(() -> true);
		assertThat(transactions.batches.stream().flatMap(List::stream)).doesNotContain("p1");
	}

	/**
	 * Issue 7: under load (another writer is storing), a writer that finds one decision waiting
	 * gathers those arriving within the linger and stores them together — one transaction's fixed
	 * work for several decisions.
	 */
	@Test
	void underLoadAWriterGathersTheDecisionsArrivingWithinTheLinger() throws Exception {
		writer = new DecisionWriter(transactions, meters, 2, 2, 100, Duration.ofSeconds(30), Duration.ofSeconds(20));
		transactions.holdFirst = true;
		Future<Optional<Decision>> first = decide("p0");
		await().atMost(Duration.ofSeconds(10)).until(() -> transactions.batches.size() == 1);

		// The second writer takes p1 while the first stores p0: it waits for more instead of storing p1 alone.
		Future<Optional<Decision>> p1 = decide("p1");
		await().atMost(Duration.ofSeconds(10)).until(() -> writer.waiting() == 0);
		await().during(Duration.ofMillis(200)).atMost(Duration.ofSeconds(2)).until(() -> transactions.batches.size() == 1);
		Future<Optional<Decision>> p2 = decide("p2");

		assertThat(p1.get(10, java.util.concurrent.TimeUnit.SECONDS).orElseThrow().participantId()).isEqualTo("p1");
		assertThat(p2.get(10, java.util.concurrent.TimeUnit.SECONDS).orElseThrow().participantId()).isEqualTo("p2");
		assertThat(transactions.batches).containsExactly(List.of("p0"), List.of("p1", "p2"));
		transactions.held.countDown();
		assertThat(first.get()).isPresent();
	}

	/** A decision arriving while no writer is busy is stored at once, however long the linger. */
	@Test
	void withoutLoadADecisionIsStoredAtOnce() throws Exception {
		writer = new DecisionWriter(transactions, meters, 2, 64, 100, Duration.ofSeconds(30), Duration.ofSeconds(20));

		assertThat(decide("p0").get(5, java.util.concurrent.TimeUnit.SECONDS)).isPresent();
		assertThat(decide("p1").get(5, java.util.concurrent.TimeUnit.SECONDS)).isPresent();
		assertThat(transactions.batches).containsExactly(List.of("p0"), List.of("p1"));
	}

	@Test
	void aLingerAsLongAsTheTimeoutIsRefused() {
		assertThatThrownBy(() -> new DecisionWriter(transactions, meters, 2, 64, 100, Duration.ofSeconds(1),
				Duration.ofSeconds(1))).isInstanceOf(IllegalArgumentException.class).hasMessageContaining("decision-linger");
	}

	/** {@code writers} writers; the first decision ("p0") is committed and waits for the disk until {@code onDisk} opens. */
	Future<Optional<Decision>> whileTheDiskHoldsTheFirstBatch(int writers) {
		writer = new DecisionWriter(transactions, meters, writers, 64);
		transactions.holdDisk = true;
		Future<Optional<Decision>> first = decide("p0");
		await().atMost(Duration.ofSeconds(10)).until(() -> transactions.diskWaits.get() == 1);
		return first;
	}

	/** One writer; the first decision ("p0") is in a transaction that runs until {@code held} opens. */
	Future<Optional<Decision>> whileTheFirstTransactionRuns(int maxBatch) {
		writer = new DecisionWriter(transactions, meters, 1, maxBatch);
		transactions.holdFirst = true;
		Future<Optional<Decision>> first = decide("p0");
		await().atMost(Duration.ofSeconds(10)).until(() -> transactions.batches.size() == 1);
		return first;
	}

	/** Decisions sent one after the other, each waiting for a writer before the next is sent. */
	List<Future<Optional<Decision>>> queued(String... participants) {
		List<Future<Optional<Decision>>> futures = new ArrayList<>();
		for (String participant : participants) {
			int waiting = writer.waiting();
			futures.add(decide(participant));
			await().atMost(Duration.ofSeconds(10)).until(() -> writer.waiting() == waiting + 1);
		}
		return futures;
	}

	static String[] tenParticipants() {
		return java.util.stream.IntStream.rangeClosed(1, 10).mapToObj(i -> "p" + i).toArray(String[]::new);
	}

	Future<Optional<Decision>> decide(String participant) {
		CompletableFuture<Optional<Decision>> answer = new CompletableFuture<>();
		participants.submit(() -> {
			try {
				answer.complete(writer.write(taken(participant)));
			}
			catch (RuntimeException ex) {
				answer.completeExceptionally(ex);
			}
		});
		return answer;
	}

	static Taken taken(String participant) {
		return new Taken(null, "en", "sha", Choice.RECORD, participant, "view-" + participant);
	}

	static Decision decision(String participant) {
		return new Decision(UUID.randomUUID(), UUID.randomUUID(), UUID.randomUUID(), null, participant, Choice.RECORD,
				Outcome.CONSENTED, "sha", "en", List.of(Choice.RECORD), UUID.randomUUID(), 1, "ZOOM", "https://zoom.us/j/1",
				Instant.EPOCH);
	}

}
