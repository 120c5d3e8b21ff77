package dev.assent.shared;

import java.util.List;
import java.util.UUID;
import java.util.function.Function;

/**
 * One column of many rows as a JDBC array parameter, for statements that write all rows at once
 * ({@code insert … select … from unnest(?::uuid[], ?::text[], …)}).
 */
public final class SqlArrays {

	private SqlArrays() {
	}

	public static <T> UUID[] uuids(List<T> rows, Function<T, UUID> column) {
		return rows.stream().map(column).toArray(UUID[]::new);
	}

	/** A text column; timestamps go as ISO-8601 text and are cast in the statement ({@code ::timestamptz}). */
	public static <T> String[] texts(List<T> rows, Function<T, ?> column) {
		return rows.stream().map(r -> {
			Object value = column.apply(r);
			return value == null ? null : value.toString();
		}).toArray(String[]::new);
	}

}
