package dev.assent.shared;

import java.nio.charset.StandardCharsets;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.UUID;
import java.util.function.Function;

import org.jspecify.annotations.Nullable;

import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Keyset pagination of the API's logs (decisions, emails, recorder commands): newest first by a
 * time and a tie-breaker, each page one query for {@code size + 1} rows — the extra row says
 * whether there is a next page, no count runs. A page's {@code nextCursor} is the last row's key
 * (opaque to clients); rows added meanwhile never shift later pages, so nothing is read twice or
 * skipped, as an offset would.
 */
public final class Keyset {

	public static final int MAX_SIZE = 500;

	private Keyset() {
	}

	/** Where a page starts: strictly after (older than) this time and key. */
	public record Cursor(Instant at, String key) {

		public static Cursor of(Instant at, Object key) {
			return new Cursor(at, key.toString());
		}

		/** The tie-breaker as an id; 400 when a client made it up. */
		public UUID uuidKey() {
			try {
				return UUID.fromString(key);
			}
			catch (IllegalArgumentException ex) {
				throw invalid();
			}
		}

		/** The tie-breaker as a sequence number; 400 when a client made it up. */
		public long longKey() {
			try {
				return Long.parseLong(key);
			}
			catch (NumberFormatException ex) {
				throw invalid();
			}
		}

		public String encode() {
			return Base64.getUrlEncoder().withoutPadding().encodeToString((at + "|" + key).getBytes(StandardCharsets.UTF_8));
		}

	}

	/** One page of rows and the cursor of the next page ({@code null} on the last page). */
	public record Page<T>(List<T> items, @Nullable String nextCursor) {

		public <R> Page<R> map(Function<T, R> f) {
			return new Page<>(items.stream().map(f).toList(), nextCursor);
		}

	}

	/** The cursor a client sent back; {@code null} for the first page; 400 when it was not one of ours. */
	public static @Nullable Cursor cursor(@Nullable String text) {
		if (text == null || text.isBlank()) {
			return null;
		}
		try {
			String decoded = new String(Base64.getUrlDecoder().decode(text.strip()), StandardCharsets.UTF_8);
			int bar = decoded.indexOf('|');
			if (bar > 0 && bar < decoded.length() - 1) {
				return new Cursor(Instant.parse(decoded.substring(0, bar)), decoded.substring(bar + 1));
			}
		}
		catch (IllegalArgumentException | DateTimeParseException ex) {
			// answered below
		}
		throw invalid();
	}

	private static InvalidInput invalid() {
		return InvalidInput.of("cursor", "invalid.cursor");
	}

	/** The page size a client asked for: 1 to {@link #MAX_SIZE}, else 400. */
	public static int size(int size) {
		if (size < 1 || size > MAX_SIZE) {
			throw InvalidInput.of("size", "invalid.page-size", MAX_SIZE);
		}
		return size;
	}

	/**
	 * A page query: the company's rows, the filters given, those after the cursor, newest first by
	 * {@code time} then {@code key} — one statement, served by an index on
	 * {@code (company_id, time, key)}.
	 */
	public static final class Query {

		private final StringBuilder sql;

		private final List<Object> args = new ArrayList<>();

		private final String time;

		private final String key;

		/** {@code select} is the select and from clause, without where. */
		public Query(String select, String time, String key, UUID companyId) {
			this.sql = new StringBuilder(select).append(" where company_id = ?");
			this.time = time;
			this.key = key;
			args.add(companyId);
		}

		/** Adds {@code and <column> = ?} when the value is given (enums by name). */
		public Query is(String column, @Nullable Object value) {
			if (value != null) {
				sql.append(" and ").append(column).append(" = ?");
				args.add(value instanceof Enum<?> e ? e.name() : value);
			}
			return this;
		}

		/** Keeps the rows older than the cursor; {@code keyOf} reads its tie-breaker (400 when made up). */
		public Query after(@Nullable Cursor cursor, Function<Cursor, Object> keyOf) {
			if (cursor != null) {
				sql.append(" and (").append(time).append(", ").append(key).append(") < (?, ?)");
				args.add(Timestamp.from(cursor.at()));
				args.add(keyOf.apply(cursor));
			}
			return this;
		}

		/** The statement for up to {@code limit} rows, newest first. */
		public JdbcClient.StatementSpec newest(JdbcClient jdbc, int limit) {
			List<Object> all = new ArrayList<>(args);
			all.add(limit);
			return jdbc.sql(sql + " order by " + time + " desc, " + key + " desc limit ?").params(all);
		}

	}

	/** A page from the {@code size + 1} rows a query fetched. */
	public static <T> Page<T> page(List<T> fetched, int size, Function<T, Cursor> keyOf) {
		if (fetched.size() <= size) {
			return new Page<>(fetched, null);
		}
		List<T> items = fetched.subList(0, size);
		return new Page<>(List.copyOf(items), keyOf.apply(items.get(size - 1)).encode());
	}

}
