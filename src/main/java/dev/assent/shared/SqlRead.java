package dev.assent.shared;

import java.util.List;

import org.springframework.jdbc.core.RowMapper;

/**
 * A read that the module owning the table lends to another module, to be sent in that module's round trip together
 * with its own statements (issue 7: each round trip of the decisions' group commit is time its single writer waits).
 * The owner keeps its SQL and its row mapping; the borrower only sends it ({@link SqlResults}) and takes the rows.
 *
 * @param sql one statement that returns rows
 * @param params its parameters, in order
 * @param rows how each of its rows maps to a value
 * @param <T> the rows' values
 */
public record SqlRead<T>(String sql, Object[] params, RowMapper<T> rows) {

	/** A reader of the statement's rows ({@link SqlResults#run}) that adds each row's value to {@code out}. */
	public SqlResults.Rows into(List<T> out) {
		int[] rowNum = { 0 };
		return rs -> out.add(rows.mapRow(rs, rowNum[0]++));
	}

}
