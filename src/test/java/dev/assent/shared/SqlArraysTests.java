package dev.assent.shared;

import java.time.Instant;
import java.util.Arrays;
import java.util.List;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** A column of a batch as an array parameter: every row's own value, also where rows share one (issue 7). */
class SqlArraysTests {

	@Test
	void rowsSharingOneValueEachGetItAndNullsAndOtherValuesStayTheirOwn() {
		Instant batch = Instant.parse("2026-12-05T00:00:00.123456Z");
		Instant other = batch.plusSeconds(1);
		List<Instant> rows = Arrays.asList(batch, batch, null, null, batch, other, batch);

		TextArray column = SqlArrays.texts(rows, t -> t);

		String at = "\"2026-12-05T00:00:00.123456Z\"";
		assertThat(column.getValue())
			.isEqualTo("{" + at + "," + at + ",NULL,NULL," + at + ",\"2026-12-05T00:00:01.123456Z\"," + at + "}");
	}

}
