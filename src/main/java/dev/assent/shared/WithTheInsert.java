package dev.assent.shared;

import java.sql.PreparedStatement;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.jdbc.core.ArgumentPreparedStatementSetter;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/**
 * Statements other modules send in the round trip of a transaction's insert, after it (issue 7, docs/adr/0016: the
 * decisions' group commit sent the opt-outs' statements in a round trip of its own, and each round trip cost its
 * single writer 7.5 % of its rate). The module about to insert tells the others what it is about to store (an event
 * published in the transaction); they may only add statements here ({@link Statements#add}); it sends its insert
 * with them ({@link #send}), and tells what it stored afterwards as usual.
 * <p>
 * The added statements run after a savepoint taken just after the insert. If one fails, the transaction goes back to
 * that savepoint: the insert stands, the added statements are as if never sent ({@link Added#ran()} answers false)
 * and their modules do their work otherwise, in round trips of their own.
 */
@Component
public class WithTheInsert {

	private static final Logger log = LoggerFactory.getLogger(WithTheInsert.class);

	static final String SAVEPOINT = "savepoint with_the_insert";

	static final String BACK = "rollback to savepoint with_the_insert";

	private final JdbcTemplate jdbc;

	WithTheInsert(JdbcTemplate jdbc) {
		this.jdbc = jdbc;
	}

	/** The current transaction's statements to send with its insert, registered with it when first asked for. */
	public Statements statements() {
		if (!TransactionSynchronizationManager.isSynchronizationActive()) {
			throw new IllegalStateException("Statements sent with an insert need a transaction");
		}
		return InTheTransaction.findOrRegister(Statements.class, st -> st.owner == this, () -> new Statements(this));
	}

	/**
	 * Sends the insert — {@code sql}, whose statements answer as many sets of rows as there are {@code readers}, in
	 * order ({@link SqlResults#run}) — followed, in the same round trip, by the statements the transaction added
	 * (once: later inserts of the transaction are sent alone). Answers false when an added statement failed: then
	 * the transaction is back at the savepoint after the insert, which stands, but what the insert answered was not
	 * read (its readers may have seen none or part of it), so the caller must read again what it stored. A failure of
	 * the insert itself is thrown, as without added statements.
	 */
	public boolean send(String sql, Object[] params, SqlResults.Rows... readers) {
		Statements added = InTheTransaction.find(Statements.class, st -> st.owner == this && !st.sent).orElse(null);
		if (added == null || added.added.isEmpty()) {
			run(sql, params, readers);
			if (added != null) {
				added.sent = true;
			}
			return true;
		}
		added.sent = true;
		List<Object> allParams = new ArrayList<>(Arrays.asList(params));
		allParams.addAll(added.params);
		List<SqlResults.Rows> allReaders = new ArrayList<>(Arrays.asList(readers));
		allReaders.addAll(added.readers);
		try {
			run(sql + ";\n" + SAVEPOINT + ";\n" + added.sql, allParams.toArray(), allReaders.toArray(SqlResults.Rows[]::new));
		}
		catch (RuntimeException ex) {
			try {
				jdbc.execute(BACK);
			}
			catch (RuntimeException noSavepoint) {
				// No savepoint to go back to: the insert itself failed (or the connection is gone).
				ex.addSuppressed(noSavepoint);
				throw ex;
			}
			log.warn("Statements sent with an insert failed ({}); the insert stands and their work is done otherwise",
					ex.toString());
			return false;
		}
		added.added.forEach(a -> a.ran = true);
		return true;
	}

	private void run(String sql, Object[] params, SqlResults.Rows... readers) {
		jdbc.execute(sql, (PreparedStatement ps) -> {
			new ArgumentPreparedStatementSetter(params).setValues(ps);
			SqlResults.run(ps, readers);
			return null;
		});
	}

	/** Statements added to be sent with the insert: whether they ran. */
	public static final class Added {

		private boolean ran;

		private Added() {
		}

		/**
		 * Whether the statements ran, after the insert, and their rows were read: false before the insert is sent,
		 * when it was sent without them, and when one of the added statements failed.
		 */
		public boolean ran() {
			return ran;
		}

	}

	/** One transaction's statements to send with its insert. */
	public static final class Statements implements InTheTransaction.Kept {

		private final WithTheInsert owner;

		private final StringBuilder sql = new StringBuilder();

		private final List<Object> params = new ArrayList<>();

		private final List<SqlResults.Rows> readers = new ArrayList<>();

		private final List<Added> added = new ArrayList<>();

		private boolean sent;

		private Statements(WithTheInsert owner) {
			this.owner = owner;
		}

		/**
		 * Adds statements ({@code ?} for each of their parameters, which may be arrays) to be sent after the insert
		 * and those added before, with one reader for each of them that answers rows (statements without rows, such
		 * as a savepoint or a {@code set}, have none). The readers run only when every statement succeeded; until
		 * {@link Added#ran()} says so, nothing they gathered may be acted on.
		 */
		public Added add(String statements, Object[] parameters, SqlResults.Rows... rows) {
			if (sent) {
				throw new IllegalStateException("The insert was sent already");
			}
			if (!added.isEmpty()) {
				sql.append(";\n");
			}
			sql.append(statements);
			params.addAll(Arrays.asList(parameters));
			readers.addAll(Arrays.asList(rows));
			Added a = new Added();
			added.add(a);
			return a;
		}

	}

}
