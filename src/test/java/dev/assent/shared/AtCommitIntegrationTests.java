package dev.assent.shared;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import javax.sql.DataSource;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.postgresql.core.BaseConnection;
import org.postgresql.core.TransactionState;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.DataSourceUtils;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;
import org.springframework.transaction.support.TransactionTemplate;

import dev.assent.support.AssentIntegrationTest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Issue 7: the statements a transaction sends at commit — the decisions' evidence, reporting journal
 * and the end of their opt-outs' lock wait — go together just before it commits, in the order added,
 * and any failure among them fails the commit: nothing of the transaction is stored.
 */
@AssentIntegrationTest
class AtCommitIntegrationTests {

	private static final String NOTE = "insert into public.t_at_commit (run, what) values (?, ?)";

	@Autowired
	AtCommit atCommit;

	@Autowired
	TransactionTemplate tx;

	@Autowired
	JdbcClient jdbc;

	@Autowired
	DataSource dataSource;

	/** The database's owner: the application's own role may not create tables (issue 12). */
	@Autowired
	EmbeddedPostgres postgres;

	private final UUID run = UUID.randomUUID();

	@BeforeEach
	void table() {
		JdbcClient owner = JdbcClient.create(postgres.getPostgresDatabase());
		owner.sql("create table if not exists public.t_at_commit (seq bigint generated always as identity primary key,"
				+ " run uuid not null, what text not null)").update();
		owner.sql("grant all on public.t_at_commit to public").update();
	}

	@AfterEach
	void clean() {
		JdbcClient.create(postgres.getPostgresDatabase()).sql("delete from public.t_at_commit where run = ?").param(run).update();
	}

	private List<String> stored() {
		return jdbc.sql("select what from public.t_at_commit where run = ? order by seq").param(run).query(String.class).list();
	}

	@Test
	void statementsAreSentInTheOrderAddedJustBeforeTheCommit() {
		List<String> seenBeforeTheCommit = tx.execute(s -> {
			atCommit.statements().add(NOTE, run, "first");
			atCommit.statements().add(NOTE, run, "second");
			jdbc.sql(NOTE).params(run, "the transaction's own").update();
			assertThat(atCommit.statements().size()).isEqualTo(2);
			return stored();
		});

		assertThat(seenBeforeTheCommit).as("not sent while the transaction works").containsExactly("the transaction's own");
		assertThat(stored()).containsExactly("the transaction's own", "first", "second");
	}

	@Test
	void aStatementThatFailsFailsTheCommitAndNothingOfTheTransactionIsStored() {
		assertThatThrownBy(() -> tx.executeWithoutResult(s -> {
			jdbc.sql(NOTE).params(run, "the transaction's own").update();
			atCommit.statements().add(NOTE, run, "before the failure");
			atCommit.statements().add("select 1 / 0");
			atCommit.statements().add(NOTE, run, "after the failure");
		})).hasMessageContaining("division by zero");

		assertThat(stored()).isEmpty();
	}

	/** A synchronization adds its statement in its own beforeCommit, as the reporting journal does, when it runs first. */
	@Test
	void aSynchronizationThatRunsBeforeThemMayAddOneAtTheCommitAndOneAfterThemMayNot() {
		tx.executeWithoutResult(s -> {
			AtCommit.Statements statements = atCommit.statements();
			TransactionSynchronizationManager.registerSynchronization(adding(statements, AtCommit.ORDER - 1, "just in time"));
		});
		assertThat(stored()).containsExactly("just in time");

		assertThatThrownBy(() -> tx.executeWithoutResult(s -> {
			AtCommit.Statements statements = atCommit.statements();
			statements.add(NOTE, run, "sent");
			TransactionSynchronizationManager.registerSynchronization(adding(statements, AtCommit.ORDER + 1, "too late"));
		})).isInstanceOf(IllegalStateException.class).hasMessageContaining("sent already");
		assertThat(stored()).as("the commit failed: nothing of it is stored").containsExactly("just in time");
	}

	/**
	 * Issue 7: the decisions' group commit lets its statements carry the commit — one round trip less — when no
	 * before-commit work follows them; the transaction manager then has no commit left to send.
	 */
	@Test
	void statementsThatMayCarryTheCommitEndTheTransactionWhenNothingFollowsThem() {
		List<TransactionState> afterThem = new ArrayList<>();
		tx.executeWithoutResult(s -> {
			jdbc.sql(NOTE).params(run, "the transaction's own").update();
			atCommit.statements().add(NOTE, run, "at commit");
			atCommit.statements().commitWithThem();
			// beforeCompletion comes after every beforeCommit, and before the transaction manager's commit.
			TransactionSynchronizationManager.registerSynchronization(stateBeforeCompletion(AtCommit.ORDER - 1, afterThem));
		});

		assertThat(afterThem).as("the commit went with the statements").containsExactly(TransactionState.IDLE);
		assertThat(stored()).containsExactly("the transaction's own", "at commit");
	}

	@Test
	void whenOtherBeforeCommitWorkFollowsTheStatementsTheTransactionManagerCommitsAfterIt() {
		List<TransactionState> afterThem = new ArrayList<>();
		tx.executeWithoutResult(s -> {
			atCommit.statements().add(NOTE, run, "at commit");
			atCommit.statements().commitWithThem();
			TransactionSynchronizationManager.registerSynchronization(stateBeforeCompletion(AtCommit.ORDER + 1, afterThem));
			TransactionSynchronizationManager.registerSynchronization(
					beforeCommit(AtCommit.ORDER + 2, () -> jdbc.sql(NOTE).params(run, "after them").update()));
		});
		assertThat(afterThem).as("still open for the work after them").containsExactly(TransactionState.OPEN);
		assertThat(stored()).containsExactly("at commit", "after them");

		// ... and that work is part of the transaction: when it fails, nothing of the transaction is stored.
		assertThatThrownBy(() -> tx.executeWithoutResult(s -> {
			atCommit.statements().add(NOTE, run, "at commit, then rolled back");
			atCommit.statements().commitWithThem();
			TransactionSynchronizationManager.registerSynchronization(
					beforeCommit(AtCommit.ORDER + 1, () -> jdbc.sql("select 1 / 0").query(Integer.class).single()));
		})).hasMessageContaining("division by zero");
		assertThat(stored()).containsExactly("at commit", "after them");
	}

	@Test
	void aStatementThatFailsBeforeTheCommitItCarriesStoresNothingOfTheTransaction() {
		assertThatThrownBy(() -> tx.executeWithoutResult(s -> {
			jdbc.sql(NOTE).params(run, "the transaction's own").update();
			atCommit.statements().add(NOTE, run, "before the failure");
			atCommit.statements().add("select 1 / 0");
			atCommit.statements().commitWithThem();
		})).hasMessageContaining("division by zero");

		assertThat(stored()).isEmpty();
		// The connection went back to the pool usable: the next transaction stores as usual.
		tx.executeWithoutResult(s -> jdbc.sql(NOTE).params(run, "next").update());
		assertThat(stored()).containsExactly("next");
	}

	@Test
	void aTransactionWithoutStatementsAtCommitSendsNone() {
		tx.executeWithoutResult(s -> assertThat(atCommit.statements().size()).isZero());
		assertThat(stored()).isEmpty();
	}

	@Test
	void statementsAtCommitNeedATransaction() {
		assertThatThrownBy(() -> atCommit.statements()).isInstanceOf(IllegalStateException.class)
			.hasMessageContaining("need a transaction");
	}

	private TransactionSynchronization stateBeforeCompletion(int order, List<TransactionState> states) {
		return new TransactionSynchronization() {
			@Override
			public int getOrder() {
				return order;
			}

			@Override
			public void beforeCompletion() {
				Connection connection = DataSourceUtils.getConnection(dataSource);
				try {
					states.add(connection.unwrap(BaseConnection.class).getTransactionState());
				}
				catch (SQLException ex) {
					throw new IllegalStateException(ex);
				}
			}
		};
	}

	private TransactionSynchronization adding(AtCommit.Statements statements, int order, String what) {
		return beforeCommit(order, () -> statements.add(NOTE, run, what));
	}

	/** A synchronization of that order whose beforeCommit does {@code work}. */
	private static TransactionSynchronization beforeCommit(int order, Runnable work) {
		return new TransactionSynchronization() {
			@Override
			public int getOrder() {
				return order;
			}

			@Override
			public void beforeCommit(boolean readOnly) {
				work.run();
			}
		};
	}

}
