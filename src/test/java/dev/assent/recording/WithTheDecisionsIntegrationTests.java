package dev.assent.recording;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.Statement;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.dao.DataAccessException;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;
import org.springframework.transaction.support.TransactionTemplate;

import dev.assent.calls.CallCutShort;
import dev.assent.calls.CallSkipped;
import dev.assent.calls.SkipReason;
import dev.assent.shared.AtCommit;
import dev.assent.shared.SqlResults;
import dev.assent.support.RecorderTest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Issue 7: opt-outs are acted on in the decisions' transaction under a savepoint. What failed there
 * leaves no trace at commit — no row, no STOP sent, no event delivered for work that was rolled back —
 * while the decisions' own work commits; and a session locked elsewhere makes it fail fast instead
 * of holding up everyone's decisions.
 */
@RecorderTest
class WithTheDecisionsIntegrationTests {

	@Autowired
	WithTheDecisions withTheDecisions;

	@Autowired
	TransactionTemplate tx;

	@Autowired
	JdbcClient jdbc;

	@Autowired
	ApplicationEventPublisher events;

	@Autowired
	AtCommit atCommit;

	@Autowired
	JdbcTemplate templates;

	/** The database's owner: the application's own role may not create tables (issue 12). */
	@Autowired
	io.zonky.test.db.postgres.embedded.EmbeddedPostgres postgres;

	private JdbcClient owner() {
		return JdbcClient.create(postgres.getPostgresDatabase());
	}

	private void table(String name) {
		owner().sql("create table if not exists public." + name + " (id uuid primary key)").update();
		owner().sql("grant all on public." + name + " to public").update();
	}

	@Test
	void workThatFailsIsRolledBackWithWhatItAskedToHappenAtCommitWhileTheCallersWorkCommits() {
		UUID kept = UUID.randomUUID();
		UUID undone = UUID.randomUUID();
		List<String> atCommit = new ArrayList<>();
		table("t_work");
		tx.executeWithoutResult(s -> {
			jdbc.sql("insert into t_work values (?)").param(kept).update();
			afterCommit(atCommit, "the caller's");
			assertThatThrownBy(() -> withTheDecisions.run(savepoint -> {
				jdbc.sql(savepoint.first("insert into t_work values (?)")).param(undone).update();
				afterCommit(atCommit, "the rolled-back work's");
				throw new IllegalStateException("failed on purpose");
			})).hasMessage("failed on purpose");
			// Still usable after the failure: the savepoint was rolled back, not the transaction.
			withTheDecisions.run(savepoint -> afterCommit(atCommit, "the next work's"));
		});
		assertThat(atCommit).containsExactly("the caller's", "the next work's");
		try {
			assertThat(jdbc.sql("select id from t_work where id in (?, ?)").params(kept, undone).query(UUID.class).list())
				.containsExactly(kept);
		}
		finally {
			owner().sql("drop table public.t_work").update();
		}
	}

	/**
	 * The opt-outs' work is {@code @Transactional} and joins the decisions' transaction: its failure
	 * marks that transaction rollback-only, which the savepoint's rollback undoes — the decisions still commit.
	 */
	@Test
	void workThatFailsInsideATransactionalMethodDoesNotDoomTheCallersCommit() {
		UUID kept = UUID.randomUUID();
		UUID undone = UUID.randomUUID();
		table("t_joined");
		try {
			tx.executeWithoutResult(s -> {
				jdbc.sql("insert into t_joined values (?)").param(kept).update();
				assertThatThrownBy(() -> withTheDecisions.run(savepoint -> tx.executeWithoutResult(joined -> {
					jdbc.sql(savepoint.first("insert into t_joined values (?)")).param(undone).update();
					throw new IllegalStateException("failed on purpose");
				}))).hasMessage("failed on purpose");
			});
			assertThat(jdbc.sql("select id from t_joined where id in (?, ?)").params(kept, undone).query(UUID.class).list())
				.containsExactly(kept);
		}
		finally {
			owner().sql("drop table public.t_joined").update();
		}
	}

	@Test
	void aRowLockedElsewhereFailsTheWorkFastAndTheWaitLimitEndsWithIt() throws Exception {
		UUID callId = UUID.randomUUID();
		table("t_locked");
		try (Connection other = postgres.getPostgresDatabase().getConnection(); Statement st = other.createStatement()) {
			st.execute("insert into public.t_locked values ('" + callId + "')");
			other.setAutoCommit(false);
			st.execute("select * from public.t_locked where id = '" + callId + "' for update");
			try {
				long started = System.nanoTime();
				String after = tx.execute(s -> {
					assertThatThrownBy(() -> withTheDecisions.run(savepoint -> lockRow(savepoint, callId)))
						.isInstanceOf(DataAccessException.class)
						.hasMessageContaining("lock");
					// Rolled back to the savepoint, which was taken before the wait was set: the wait ends with it.
					return lockWait();
				});
				// Not the 10 s a decision waits at most: the work gave up (default 200 ms).
				assertThat((System.nanoTime() - started) / 1_000_000).isLessThan(5_000);
				assertThat(after).isEqualTo("0");
			}
			finally {
				other.rollback();
				other.setAutoCommit(true);
				st.execute("drop table public.t_locked");
			}
		}
	}

	/**
	 * After work that succeeded, the lock wait lasts until the transaction's statements at commit, and
	 * ends there before any statement added after the work (the evidence, which waits for its chain
	 * head as long as it takes): no round trip of its own.
	 */
	@Test
	void afterWorkThatSucceededTheLockWaitEndsFirstAmongTheStatementsAtCommit() {
		List<String> waits = new ArrayList<>();
		tx.executeWithoutResult(s -> {
			withTheDecisions.run(savepoint -> templates.execute(savepoint.first("select 1"), (PreparedStatement ps) -> {
				SqlResults.run(ps, rs -> {
				});
				return null;
			}));
			waits.add(lockWait());
			// Fails the commit (division by zero) unless the wait ended before it.
			atCommit.statements().add("select 1 / (current_setting('lock_timeout') = '0')::int");
			TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
				@Override
				public void beforeCommit(boolean readOnly) {
					waits.add(lockWait());
				}
			});
		});
		assertThat(waits).containsExactly("200ms", "0");
	}

	/** Work that sends no statement takes no savepoint and sets no lock wait. */
	@Test
	void workWithoutStatementsTakesNoSavepoint() {
		String wait = tx.execute(s -> {
			withTheDecisions.run(savepoint -> {
			});
			assertThat(atCommit.statements().size()).isZero();
			return lockWait();
		});
		assertThat(wait).isEqualTo("0");
	}

	private void lockRow(WithTheDecisions.Savepoint savepoint, UUID id) {
		templates.execute(savepoint.first("select id from public.t_locked where id = ? for update"), (PreparedStatement ps) -> {
			ps.setObject(1, id);
			SqlResults.run(ps, rs -> {
			});
			return null;
		});
	}

	private String lockWait() {
		return jdbc.sql("select current_setting('lock_timeout')").query(String.class).single();
	}

	/**
	 * The reporting journal's notes of a transaction are written together just before it commits;
	 * those of work rolled back to its savepoint are not, whether or not the transaction had noted
	 * anything before it (the notes' writer registered inside the rolled-back work is registered again).
	 */
	@Test
	void journalNotesOfWorkRolledBackAreNotWrittenAndTheOthersAre() {
		UUID company = UUID.randomUUID();
		UUID first = UUID.randomUUID();
		UUID undone = UUID.randomUUID();
		UUID last = UUID.randomUUID();
		Instant at = Instant.parse("2030-01-01T10:00:00Z");
		List<String> written = new ArrayList<>();
		tx.executeWithoutResult(s -> {
			assertThatThrownBy(() -> withTheDecisions.run(savepoint -> {
				events.publishEvent(new CallSkipped(undone, company, SkipReason.PARTICIPANT_OPTED_OUT, at));
				throw new IllegalStateException("failed on purpose");
			})).hasMessage("failed on purpose");
			events.publishEvent(new CallSkipped(first, company, SkipReason.PARTICIPANT_OPTED_OUT, at));
			assertThatThrownBy(() -> withTheDecisions.run(savepoint -> {
				events.publishEvent(new CallCutShort(undone, company, at, at));
				throw new IllegalStateException("failed on purpose");
			})).hasMessage("failed on purpose");
			events.publishEvent(new CallCutShort(last, company, at, at));
			journalBeforeCommit(company, written);
		});
		assertThat(written).containsExactlyInAnyOrder(first + " ABORTED", last + " ABORTED");
	}

	/** Reads the company's journal notes in the transaction, after its notes were written (registered last). */
	private void journalBeforeCommit(UUID company, List<String> into) {
		TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
			@Override
			public void beforeCommit(boolean readOnly) {
				into.addAll(jdbc.sql("select call_id || ' ' || flag from reporting.journal where company_id = ?")
					.param(company)
					.query(String.class)
					.list());
			}
		});
	}

	private static void afterCommit(List<String> log, String whose) {
		TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
			@Override
			public void afterCommit() {
				log.add(whose);
			}
		});
	}

}
