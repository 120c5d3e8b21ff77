package dev.assent.recording;

import java.time.Duration;
import java.util.List;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
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
 */
@Component
class WithTheDecisions {

	private final TransactionTemplate savepoint;

	private final JdbcClient jdbc;

	private final String lockWait;

	WithTheDecisions(PlatformTransactionManager transactions, JdbcClient jdbc,
			@Value("${assent.recorder.opt-out-lock-wait:200ms}") Duration lockWait) {
		this.savepoint = new TransactionTemplate(transactions);
		this.savepoint.setPropagationBehavior(TransactionDefinition.PROPAGATION_NESTED);
		this.jdbc = jdbc;
		this.lockWait = lockWait.toMillis() + "ms";
	}

	/** Runs {@code work} under a savepoint; a failure rolls it back, with its commit callbacks, and is rethrown. */
	void run(Runnable work) {
		boolean joined = TransactionSynchronizationManager.isSynchronizationActive();
		List<TransactionSynchronization> before = joined ? TransactionSynchronizationManager.getSynchronizations() : List.of();
		try {
			savepoint.executeWithoutResult(s -> {
				String previous = jdbc.sql("select current_setting('lock_timeout'), set_config('lock_timeout', ?, true)")
					.param(lockWait)
					.query((rs, i) -> rs.getString(1))
					.single();
				work.run();
				jdbc.sql("select set_config('lock_timeout', ?, true)").param(previous).query(String.class).single();
			});
		}
		catch (RuntimeException ex) {
			if (joined) {
				// Rolled back to the savepoint: nothing the work registered may run at commit.
				TransactionSynchronizationManager.clearSynchronization();
				TransactionSynchronizationManager.initSynchronization();
				before.forEach(TransactionSynchronizationManager::registerSynchronization);
			}
			throw ex;
		}
	}

}
