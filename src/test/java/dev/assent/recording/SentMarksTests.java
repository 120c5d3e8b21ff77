package dev.assent.recording;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.UUID;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.AbstractPlatformTransactionManager;
import org.springframework.transaction.support.DefaultTransactionStatus;
import org.springframework.transaction.support.TransactionTemplate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Issue 7: STOPs the recorder acknowledged are marked SENT together — the marks acknowledged within
 * the gathering window of the first are written by one statement, not one statement (and commit)
 * each. Marking against PostgreSQL is exercised by {@link RecorderCommandsIntegrationTests}; here the
 * statement is replaced to see which marks it was given together.
 */
class SentMarksTests {

	/** Records each statement's marks instead of writing them. */
	static class Written extends Commands {

		final List<List<UUID>> statements = Collections.synchronizedList(new ArrayList<>());

		Written() {
			super(null);
		}

		@Override
		void sentAll(List<SentMarks.Mark> marks) {
			statements.add(marks.stream().map(SentMarks.Mark::id).toList());
		}

	}

	/** Nothing to begin or commit: the statement is recorded, not run. */
	static class NoDatabase extends AbstractPlatformTransactionManager {

		@Override
		protected Object doGetTransaction() {
			return new Object();
		}

		@Override
		protected void doBegin(Object transaction, TransactionDefinition definition) {
		}

		@Override
		protected void doCommit(DefaultTransactionStatus status) {
		}

		@Override
		protected void doRollback(DefaultTransactionStatus status) {
		}

	}

	final Written written = new Written();

	SentMarks marks;

	@AfterEach
	void stop() throws InterruptedException {
		if (marks != null) {
			marks.stop();
		}
	}

	@Test
	void marksAcknowledgedWithinTheWindowOfTheFirstAreWrittenTogether() {
		marks = new SentMarks(written, new TransactionTemplate(new NoDatabase()), Duration.ofSeconds(30), 3);
		marks.start();
		UUID a = UUID.randomUUID();
		UUID b = UUID.randomUUID();
		UUID c = UUID.randomUUID();

		marks.add(a, "bot-a", Instant.EPOCH);
		// The first mark is not written alone while the window lasts.
		await().during(Duration.ofMillis(200)).atMost(Duration.ofSeconds(2)).until(written.statements::isEmpty);
		marks.add(b, "bot-b", Instant.EPOCH);
		marks.add(c, "bot-c", Instant.EPOCH);

		// A full statement is written at once, without waiting for the rest of the window.
		await().atMost(Duration.ofSeconds(5)).until(() -> written.statements.size() == 1);
		assertThat(written.statements).containsExactly(List.of(a, b, c));
	}

	@Test
	void onShutdownTheMarksStillGatheringAreWritten() throws InterruptedException {
		marks = new SentMarks(written, new TransactionTemplate(new NoDatabase()), Duration.ofSeconds(30), 512);
		marks.start();
		UUID a = UUID.randomUUID();
		marks.add(a, "bot-a", Instant.EPOCH);

		marks.stop();
		marks = null;

		assertThat(written.statements).containsExactly(List.of(a));
	}

}
