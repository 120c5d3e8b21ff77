package dev.assent.shared;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;

/**
 * The rows of statements sent together in one round trip ({@code "savepoint …; insert … returning …; select …"}):
 * the driver answers each statement in turn, those without rows with an update count.
 */
public final class SqlResults {

	private SqlResults() {
	}

	/** Reads one statement's rows. */
	@FunctionalInterface
	public interface Rows {

		void row(ResultSet rs) throws SQLException;

	}

	/**
	 * Runs the prepared statements and hands the rows of each statement that returns rows, in order,
	 * to the next of {@code readers}, row by row; statements without rows (a savepoint, a {@code set})
	 * are skipped. Fails when the statements answer another number of sets of rows.
	 */
	public static void run(PreparedStatement ps, Rows... readers) throws SQLException {
		int sets = 0;
		boolean rows = ps.execute();
		while (rows || ps.getUpdateCount() != -1) {
			if (rows) {
				if (sets == readers.length) {
					throw new IllegalStateException("The statements answered more than " + readers.length + " sets of rows");
				}
				Rows reader = readers[sets++];
				try (ResultSet rs = ps.getResultSet()) {
					while (rs.next()) {
						reader.row(rs);
					}
				}
			}
			rows = ps.getMoreResults();
		}
		if (sets != readers.length) {
			throw new IllegalStateException("The statements answered " + sets + " sets of rows, not " + readers.length);
		}
	}

}
