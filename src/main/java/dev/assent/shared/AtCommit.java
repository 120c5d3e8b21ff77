package dev.assent.shared;

import java.sql.PreparedStatement;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import org.springframework.core.Ordered;
import org.springframework.jdbc.core.ArgumentPreparedStatementSetter;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/**
 * Statements a transaction sends just before it commits, all in one round trip (issue 7: the
 * decisions' group commit sent its reporting journal, its evidence and the reset of its opt-outs'
 * lock wait one after the other, each a round trip its single writer waited for). Each module adds
 * its own statement; they run in the order they were added, after the transaction's other
 * before-commit work of {@link #ORDER} or higher precedence, and a failure of any fails the commit.
 * A statement added is sent even when a savepoint it was added under is rolled back: add what
 * belongs to work that may be rolled back from a synchronization of its own, as the reporting
 * journal does.
 */
@Component
public class AtCommit {

	/**
	 * The order of the synchronization that sends the statements: a synchronization that adds one
	 * in its {@code beforeCommit} must have a higher precedence (a lower order).
	 */
	public static final int ORDER = Ordered.HIGHEST_PRECEDENCE + 100;

	private final JdbcTemplate jdbc;

	AtCommit(JdbcTemplate jdbc) {
		this.jdbc = jdbc;
	}

	/** The current transaction's statements at commit, registered with it when first asked for. */
	public Statements statements() {
		if (!TransactionSynchronizationManager.isSynchronizationActive()) {
			throw new IllegalStateException("Statements at commit need a transaction");
		}
		return InTheTransaction.findOrRegister(Statements.class, st -> st.owner == this, () -> new Statements(this));
	}

	/** One transaction's statements at commit. */
	public static final class Statements implements TransactionSynchronization {

		private final AtCommit owner;

		private final StringBuilder sql = new StringBuilder();

		private final List<Object> params = new ArrayList<>();

		private int count;

		private boolean sent;

		private boolean commitWithThem;

		private Statements(AtCommit owner) {
			this.owner = owner;
		}

		/** Adds a statement ({@code ?} for each of its parameters, which may be arrays), sent after those added before. */
		public void add(String statement, Object... parameters) {
			if (sent) {
				throw new IllegalStateException("The statements at commit were sent already");
			}
			if (count++ > 0) {
				sql.append(";\n");
			}
			sql.append(statement);
			params.addAll(Arrays.asList(parameters));
		}

		/** How many statements were added. */
		public int size() {
			return count;
		}

		/**
		 * Lets the statements end the transaction: when no other before-commit work follows them (they are the
		 * transaction's last synchronization), its {@code commit} goes with them, in their round trip, and the
		 * transaction manager's commit then has nothing left to send (issue 7: one round trip less for each of the
		 * decisions' group commits, and the company's evidence chain head their evidence takes is free one round trip
		 * sooner). When other work follows, they are sent as usual and the transaction manager commits.
		 */
		public void commitWithThem() {
			commitWithThem = true;
		}

		/** Whether no synchronization of the transaction comes after this one. */
		private boolean last() {
			List<TransactionSynchronization> all = TransactionSynchronizationManager.getSynchronizations();
			return !all.isEmpty() && all.get(all.size() - 1) == this;
		}

		@Override
		public int getOrder() {
			return ORDER;
		}

		@Override
		public void beforeCommit(boolean readOnly) {
			sent = true;
			if (count == 0) {
				return;
			}
			Object[] args = params.toArray();
			if (commitWithThem && last()) {
				// A failure before it aborts the transaction and skips the commit: the transaction manager rolls back.
				sql.append(";\ncommit");
			}
			// The driver sends every statement with one sync and reads all their results before it
			// returns: one round trip, and the first failure is thrown here.
			owner.jdbc.execute(sql.toString(), (PreparedStatement ps) -> {
				new ArgumentPreparedStatementSetter(args).setValues(ps);
				return ps.execute();
			});
		}

	}

}
