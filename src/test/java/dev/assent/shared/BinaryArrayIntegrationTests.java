package dev.assent.shared;

import java.sql.Array;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.UUID;

import javax.sql.DataSource;

import org.junit.jupiter.api.Test;
import org.postgresql.core.BaseConnection;
import org.postgresql.core.Oid;
import org.postgresql.util.PGobject;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

import dev.assent.support.AssentIntegrationTest;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Issue 7: a text or uuid column of a batch ({@link SqlArrays#texts}, {@link SqlArrays#uuids}) goes to PostgreSQL in binary; whatever a
 * participant or a notice puts in it arrives unchanged — quotes, backslashes, braces, commas, the word
 * NULL, empty text, non-Latin letters and emoji, and real nulls — and reads back the same through the
 * array literal that a connection without binary text arrays receives instead.
 */
@AssentIntegrationTest
class BinaryArrayIntegrationTests {

	private static final String[] AWKWARD = { "plain", "with \"quotes\"", "back\\slash", "{braces}", "a,b", "NULL", "",
			null, "Zoë — 会议 🎙️", "{\"json\":[1,\"x\\\"y\"]}", "  spaced  ", "tab\there\nnewline" };

	@Autowired
	JdbcClient jdbc;

	@Autowired
	DataSource dataSource;

	private List<String> roundTrip(Object parameter) {
		List<String> out = new ArrayList<>();
		jdbc.sql("select x from unnest(?::text[]) with ordinality as t(x, n) order by n")
			.param(parameter)
			.query(rs -> {
				out.add(rs.getString(1));
			});
		return out;
	}

	@Test
	void everyElementArrivesUnchangedInBinary() {
		TextArray array = new TextArray(AWKWARD.clone());

		assertThat(roundTrip(array)).containsExactly(AWKWARD);
	}

	@Test
	void theApplicationsConnectionsSendTextArraysInBinary() throws SQLException {
		try (Connection connection = dataSource.getConnection()) {
			assertThat(connection.unwrap(BaseConnection.class).binaryTransferSend(Oid.TEXT_ARRAY)).isTrue();
		}
	}

	@Test
	void theLiteralSaysTheSameForAConnectionWithoutBinaryTextArrays() throws Exception {
		PGobject literal = new PGobject();
		literal.setType("text[]");
		literal.setValue(new TextArray(AWKWARD.clone()).getValue());

		assertThat(roundTrip(literal)).containsExactly(AWKWARD);
	}

	@Test
	void anEmptyColumnIsAnEmptyArray() {
		assertThat(roundTrip(new TextArray(new String[0]))).isEmpty();
		assertThat(jdbc.sql("select cardinality(?::text[])").param(new TextArray(new String[0])).query(Integer.class).single())
			.isZero();
	}

	@Test
	void timestampsSentAsTextAreReadAsTimestampsByTheStatement() {
		Instant at = Instant.parse("2026-12-04T21:07:30.913369Z");
		TextArray times = SqlArrays.texts(List.of(at, at.plusSeconds(60)), t -> t);

		List<Instant> read = jdbc.sql("select unnest(?::timestamptz[])")
			.param(times)
			.query((rs, i) -> rs.getObject(1, java.time.OffsetDateTime.class).toInstant())
			.list();

		assertThat(read).containsExactly(at, at.plusSeconds(60));
	}

	@Test
	void aColumnComparesWithAnyOfItsElements() {
		TextArray rooms = new TextArray(new String[] { "https://zoom.us/j/1", "https://zoom.us/j/2?pwd=\"x\"" });

		assertThat(jdbc.sql("select 'https://zoom.us/j/2?pwd=\"x\"' = any(?)").param(rooms).query(Boolean.class).single())
			.isTrue();
		assertThat(jdbc.sql("select 'https://zoom.us/j/3' = any(?)").param(rooms).query(Boolean.class).single()).isFalse();
	}

	@Test
	void textArrayColumnsReadBackAsStrings() {
		Object read = jdbc.sql("select ?::text[]").param(new TextArray(AWKWARD.clone())).query((rs, i) -> {
			Array array = rs.getArray(1);
			return array.getArray();
		}).single();

		assertThat(Arrays.asList((String[]) read)).containsExactly(AWKWARD);
	}

	@Test
	void uuidColumnsArriveUnchangedInBinaryAndAsTheirLiteral() throws Exception {
		UUID[] ids = { UUID.randomUUID(), null, UUID.fromString("00000000-0000-0000-0000-000000000000"),
				UUID.fromString("ffffffff-ffff-ffff-ffff-ffffffffffff"), UUID.fromString("01a242e2-35df-7a09-b793-8d731620a1c7") };
		UuidArray array = new UuidArray(ids.clone());
		PGobject literal = new PGobject();
		literal.setType("uuid[]");
		literal.setValue(array.getValue());

		for (Object parameter : List.of(array, literal)) {
			List<UUID> read = new ArrayList<>();
			jdbc.sql("select x from unnest(?::uuid[]) with ordinality as t(x, n) order by n")
				.param(parameter)
				.query(rs -> {
					read.add(rs.getObject(1, UUID.class));
				});
			assertThat(read).containsExactly(ids);
		}
		assertThat(jdbc.sql("select ?::uuid = any(?)").params(ids[4], array).query(Boolean.class).single()).isTrue();
		assertThat(jdbc.sql("select cardinality(?::uuid[])").param(new UuidArray(new UUID[0])).query(Integer.class).single())
			.isZero();
		try (Connection connection = dataSource.getConnection()) {
			assertThat(connection.unwrap(BaseConnection.class).binaryTransferSend(Oid.UUID_ARRAY)).isTrue();
		}
	}

	@Test
	void itsTextFormQuotesEveryElement() {
		assertThat(new TextArray(new String[] { "a\"b", null, "c\\d" }).getValue()).isEqualTo("{\"a\\\"b\",NULL,\"c\\\\d\"}");
	}

}
