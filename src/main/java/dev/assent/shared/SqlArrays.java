package dev.assent.shared;

import java.util.Collection;
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

	/** A uuid column ({@link UuidArray}: sent in binary). */
	public static <T> UuidArray uuids(List<T> rows, Function<T, UUID> column) {
		UUID[] values = new UUID[rows.size()];
		for (int i = 0; i < values.length; i++) {
			values[i] = column.apply(rows.get(i));
		}
		return new UuidArray(values);
	}

	/**
	 * A text column ({@link TextArray}: sent in binary); timestamps go as ISO-8601 text and are cast in the
	 * statement ({@code ::timestamptz}).
	 */
	public static <T> TextArray texts(List<T> rows, Function<T, ?> column) {
		String[] values = new String[rows.size()];
		Object previous = null;
		String previousText = null;
		for (int i = 0; i < values.length; i++) {
			Object value = column.apply(rows.get(i));
			if (value != previous) {
				// A value the rows share (a batch's one timestamp) is written once, not once per row.
				previous = value;
				previousText = value == null ? null : value.toString();
			}
			values[i] = previousText;
		}
		return new TextArray(values);
	}

	/** {@code values} as a uuid array parameter ({@link UuidArray}). */
	public static UuidArray uuids(Collection<UUID> values) {
		return new UuidArray(values.toArray(UUID[]::new));
	}

	/** {@code values} as a text array parameter ({@link TextArray}). */
	public static TextArray texts(Collection<String> values) {
		return new TextArray(values.toArray(String[]::new));
	}

}
