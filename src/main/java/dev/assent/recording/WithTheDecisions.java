package dev.assent.recording;

import java.time.Duration;
import java.util.List;
import java.util.function.Consumer;

import javax.sql.DataSource;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.ConnectionHolder;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;
import org.springframework.transaction.support.TransactionTemplate;

import dev.assent.recording.spi.RecorderSettings;
import dev.assent.shared.AtCommit;

/**
 * Work done in the caller's transaction under a savepoint, as if it were its own (issue 7: opt-outs
 * are acted on in the transaction that stores their decisions). If the work fails, the savepoint is
 * rolled back and so is everything the work asked to happen at commit (STOPs to send, events to
 * deliver): the caller's own work still commits, the failed part is left to be done otherwise. A row
 * lock the work waits for longer than {@code assent.recorder.opt-out-lock-wait} (200 ms) fails it, so
 * a session held elsewhere (a slow webhook, a reopen) cannot hold up the decisions of everyone else.
 * Without a transaction, the work runs in one of its own.
 * <p>
 * No round trip of its own (issue 7: each was time the decisions' single writer waited): the work's
 * first statement starts the savepoint and the lock wait ({@link Savepoint#first}); after work that
 * succeeded, the lock wait ends with the transaction's statements at commit ({@link AtCommit}), sent
 * before anything else there (the evidence, which waits for its company's chain head as long as it
 * takes) — the statements in between are the listeners' event publications, which wait for no row
 * lock. The savepoint is not released: the commit ends it. A failed work is rolled back to the
 * savepoint, which also ends its lock wait.
 */
@Component
class WithTheDecisions {

	private static final String UNDO = """
			rollback to savepoint with_the_decisions;
			release savepoint with_the_decisions""";

	/** The lock wait of the session again: {@code default} is its value before any {@code set} (issue 7). */
	static final String LOCK_WAIT_ENDS = "set local lock_timeout to default";

	private final JdbcTemplate jdbc;

	private final DataSource dataSource;

	private final TransactionTemplate tx;

	private final AtCommit atCommit;

	/** Starts the savepoint and the lock wait: two statements without rows. */
	private final String begin;

	WithTheDecisions(JdbcTemplate jdbc, TransactionTemplate tx, AtCommit atCommit, RecorderSettings settings) {
		Duration lockWait = settings.optOutLockWait();
		this.jdbc = jdbc;
		this.dataSource = jdbc.getDataSource();
		this.tx = tx;
		this.atCommit = atCommit;
		// A number of milliseconds, never text from elsewhere: safe as a literal (SET takes no parameter).
		this.begin = "savepoint with_the_decisions;\nset local lock_timeout = '" + Math.max(1, lockWait.toMillis()) + "ms'";
	}

	/**
	 * The work's savepoint, started by the work's first statement: the work sends
	 * {@link #first first(sql)} as its first statement, before any other, and reads its rows after
	 * those of no statement ({@link dev.assent.shared.SqlResults}).
	 */
	static final class Savepoint {

		private final String begin;

		private boolean taken;

		private Savepoint(String begin) {
			this.begin = begin;
		}

		/**
		 * {@code sql}, preceded by the two statements without rows that start the savepoint and the
		 * lock wait when it is the work's first statement; {@code sql} alone after that.
		 */
		String first(String sql) {
			if (taken) {
				return sql;
			}
			taken = true;
			return begin + ";\n" + sql;
		}

		boolean taken() {
			return taken;
		}

	}

	/**
	 * Runs {@code work} under a savepoint its first statement takes; a failure rolls it back, with its
	 * commit callbacks, and is rethrown. Work that sends no statement takes no savepoint.
	 */
	void run(Consumer<Savepoint> work) {
		if (!TransactionSynchronizationManager.isActualTransactionActive()) {
			tx.executeWithoutResult(s -> work.accept(new Savepoint(begin)));
			return;
		}
		List<TransactionSynchronization> before = TransactionSynchronizationManager.getSynchronizations();
		Savepoint savepoint = new Savepoint(begin);
		try {
			work.accept(savepoint);
			if (savepoint.taken()) {
				atCommit.statements().add(LOCK_WAIT_ENDS);
			}
		}
		catch (RuntimeException ex) {
			if (savepoint.taken()) {
				try {
					jdbc.execute(UNDO);
				}
				catch (RuntimeException undoFailed) {
					ex.addSuppressed(undoFailed);
					throw ex;
				}
			}
			// Rolled back to the savepoint: the transaction goes on, as if the work had not run — its
			// failure does not doom the caller's commit, and nothing it registered may run at commit.
			if (TransactionSynchronizationManager.getResource(dataSource) instanceof ConnectionHolder holder) {
				holder.resetRollbackOnly();
			}
			TransactionSynchronizationManager.clearSynchronization();
			TransactionSynchronizationManager.initSynchronization();
			before.forEach(TransactionSynchronizationManager::registerSynchronization);
			throw ex;
		}
	}

}
