package dev.assent.reporting;

import java.time.LocalDate;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** Which whole calendar months of a report's days the month counters answer (PRODUCT R1, issue 10 target). */
class OptOutCountsMonthsTests {

	private static OptOutCounts.Months months(String from, String to) {
		return OptOutCounts.Months.within(LocalDate.parse(from), LocalDate.parse(to));
	}

	@Test
	void takesTheWholeMonthsBetweenTheEdges() {
		assertThat(months("2025-12-04", "2026-12-03"))
			.isEqualTo(new OptOutCounts.Months(LocalDate.parse("2026-01-01"), LocalDate.parse("2026-11-01")));
		assertThat(months("2026-01-01", "2026-12-31"))
			.isEqualTo(new OptOutCounts.Months(LocalDate.parse("2026-01-01"), LocalDate.parse("2026-12-01")));
		assertThat(months("2028-02-01", "2028-02-29"))
			.isEqualTo(new OptOutCounts.Months(LocalDate.parse("2028-02-01"), LocalDate.parse("2028-02-01")));
	}

	@Test
	void hasNoneWhenNoMonthIsWhole() {
		assertThat(months("2026-01-02", "2026-01-31").isEmpty()).isTrue();
		assertThat(months("2026-01-15", "2026-02-10").isEmpty()).isTrue();
		assertThat(months("2026-02-01", "2026-02-27").isEmpty()).isTrue();
	}

}
