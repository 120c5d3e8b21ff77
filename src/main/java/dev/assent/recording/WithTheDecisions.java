package dev.assent.recording;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.util.List;

import javax.sql.DataSource;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.ConnectionHolder;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Work done in the caller's transaction under a savepoint, as if it were its own (issue 7: opt-outs
 * are acted on in the transaction that stores their decisions). If the work fails, the savepoint is
 * rolled back and so is everything the work asked to happen at commit (STOPs to send, events to
 * deliver): the caller's own work still commits, the failed part is left to be done otherwise. A row
 * lock the work waits for longer than {@code assent.recorder.opt-out-lock-wait} (200 ms) fails it, so
 * a session held elsewhere (a slow webhook, a reopen) cannot hold up the decisions of everyone else.
 * Without a transaction, the work runs in one of its own.
 * <p>
 * The savepoint and the lock wait are set by one round trip, and the wait reset and the savepoint
 * released by another (issue 7: the decisions' group commit of one or two opt-outs made four).
 */
@Component
class WithTheDecisions {

	private static final String BEGIN = """
			savepoint with_the_decisions;
			select current_setting('lock_timeout'), set_config('lock_timeout', ?, true)""";

	private static final String END = """
			select set_config('lock_timeout', ?, true);
			release savepoint with_the_decisions""";

	private static final String UNDO = """
			rollback to savepoint with_the_decisions;
			release savepoint with_the_decisions""";

	private final JdbcTemplate jdbc;

	private final DataSource dataSource;

	private final TransactionTemplate tx;

	private final String lockWait;

	WithTheDecisions(JdbcTemplate jdbc, TransactionTemplate tx,
			@Value("${assent.recorder.opt-out-lock-wait:200ms}") Duration lockWait) {
		this.jdbc = jdbc;
		this.dataSource = jdbc.getDataSource();
		this.tx = tx;
		this.lockWait = lockWait.toMillis() + "ms";
	}

	/** Runs {@code work} under a savepoint; a failure rolls it back, with its commit callbacks, and is rethrown. */
	void run(Runnable work) {
		if (!TransactionSynchronizationManager.isActualTransactionActive()) {
			tx.executeWithoutResult(s -> work.run());
			return;
		}
		List<TransactionSynchronization> before = TransactionSynchronizationManager.getSynchronizations();
		String previous = jdbc.execute(BEGIN, (PreparedStatement ps) -> {
			ps.setString(1, lockWait);
			ps.execute();
			ps.getMoreResults();
			try (ResultSet rs = ps.getResultSet()) {
				rs.next();
				return rs.getString(1);
			}
		});
		try {
			work.run();
			jdbc.execute(END, (PreparedStatement ps) -> {
				ps.setString(1, previous);
				return ps.execute();
			});
		}
		catch (RuntimeException ex) {
			try {
				jdbc.execute(UNDO);
			}
			catch (RuntimeException undoFailed) {
				ex.addSuppressed(undoFailed);
				throw ex;
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
