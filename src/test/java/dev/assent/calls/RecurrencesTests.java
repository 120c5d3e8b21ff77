package dev.assent.calls;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.List;

import org.junit.jupiter.api.Test;

import dev.assent.calls.Recurrences.Expansion;
import dev.assent.calls.Recurrences.Occurrence;
import dev.assent.calls.Recurrences.Schedule;
import dev.assent.shared.InvalidInput;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Recurrence expansion with lib-recur: time zones, exceptions, bounds. */
class RecurrencesTests {

	static final ZoneId BERLIN = ZoneId.of("Europe/Berlin");

	static final Instant LONG_AGO = Instant.parse("2000-01-01T00:00:00Z");

	static final Instant FAR_AHEAD = Instant.parse("2100-01-01T00:00:00Z");

	static Instant berlin(String local) {
		return LocalDateTime.parse(local).atZone(BERLIN).toInstant();
	}

	static Schedule weekly(String firstLocal, String rule, List<Instant> exdates, List<OccurrenceChange> changes) {
		Instant start = berlin(firstLocal);
		return new Schedule(start, start.plus(Duration.ofMinutes(30)), BERLIN, rule, exdates, changes);
	}

	static List<Instant> starts(Expansion e) {
		return e.occurrences().stream().map(Occurrence::start).toList();
	}

	@Test
	void expandsWeeklySeriesAcrossDaylightSavingChange() {
		// Europe/Berlin switches to summer time on Sunday 31 March 2030.
		Expansion e = Recurrences.expand(weekly("2030-03-19T09:00", "FREQ=WEEKLY;COUNT=4", List.of(), List.of()),
				LONG_AGO, LONG_AGO, FAR_AHEAD, 500);

		assertThat(starts(e)).containsExactly(Instant.parse("2030-03-19T08:00:00Z"), Instant.parse("2030-03-26T08:00:00Z"),
				Instant.parse("2030-04-02T07:00:00Z"), Instant.parse("2030-04-09T07:00:00Z"));
		assertThat(e.occurrences()).allSatisfy(o -> {
			ZonedDateTime local = o.start().atZone(BERLIN);
			assertThat(local.getHour()).isEqualTo(9);
			assertThat(local.getMinute()).isZero();
			assertThat(o.end()).isEqualTo(o.start().plus(Duration.ofMinutes(30)));
		});
		assertThat(e.next()).isNull();
	}

	@Test
	void leavesOutExdatesButCountsThemTowardsCount() {
		Expansion e = Recurrences.expand(weekly("2030-03-12T09:00", "FREQ=WEEKLY;COUNT=4",
				List.of(berlin("2030-03-19T09:00")), List.of()), LONG_AGO, LONG_AGO, FAR_AHEAD, 500);

		assertThat(starts(e)).containsExactly(berlin("2030-03-12T09:00"), berlin("2030-03-26T09:00"),
				berlin("2030-04-02T09:00"));
	}

	@Test
	void movesAndCancelsOverriddenInstances() {
		OccurrenceChange moved = new OccurrenceChange(berlin("2030-03-19T09:00"), berlin("2030-03-19T14:00"),
				berlin("2030-03-19T15:00"), "Moved review", false);
		OccurrenceChange cancelled = OccurrenceChange.cancelled(berlin("2030-03-26T09:00"));

		Expansion e = Recurrences.expand(weekly("2030-03-12T09:00", "FREQ=WEEKLY;COUNT=3", List.of(),
				List.of(moved, cancelled)), LONG_AGO, LONG_AGO, FAR_AHEAD, 500);

		assertThat(e.occurrences()).hasSize(2);
		Occurrence second = e.occurrences().get(1);
		assertThat(second.occurrenceStart()).isEqualTo(berlin("2030-03-19T09:00"));
		assertThat(second.start()).isEqualTo(berlin("2030-03-19T14:00"));
		assertThat(second.end()).isEqualTo(berlin("2030-03-19T15:00"));
		assertThat(second.title()).isEqualTo("Moved review");
	}

	@Test
	void stopsAtUntil() {
		// UNTIL is inclusive: the 09:00 occurrence on 2 April (07:00Z) is the last one.
		Expansion e = Recurrences.expand(weekly("2030-03-12T09:00", "FREQ=WEEKLY;UNTIL=20300402T070000Z", List.of(),
				List.of()), LONG_AGO, LONG_AGO, FAR_AHEAD, 500);

		assertThat(starts(e)).containsExactly(berlin("2030-03-12T09:00"), berlin("2030-03-19T09:00"),
				berlin("2030-03-26T09:00"), berlin("2030-04-02T09:00"));
		assertThat(e.next()).isNull();
	}

	@Test
	void boundsAnUnendingRuleByTheHorizon() {
		Instant now = berlin("2030-03-12T00:00");
		Instant horizon = now.plus(Duration.ofDays(180));

		Expansion e = Recurrences.expand(weekly("2030-03-12T09:00", "FREQ=WEEKLY", List.of(), List.of()), LONG_AGO, now,
				horizon, 500);

		assertThat(e.occurrences()).hasSize(26);
		assertThat(e.occurrences()).allSatisfy(o -> assertThat(o.start()).isBefore(horizon));
		assertThat(e.next()).isEqualTo(e.occurrences().get(25).occurrenceStart().plus(Duration.ofDays(7)));
	}

	@Test
	void boundsAnUnendingRuleByTheMaximumNumberOfOccurrences() {
		Instant now = berlin("2030-03-12T00:00");
		Schedule hourly = new Schedule(berlin("2030-03-12T09:00"), berlin("2030-03-12T09:30"), BERLIN, "FREQ=HOURLY",
				List.of(), List.of());

		Expansion e = Recurrences.expand(hourly, LONG_AGO, now, now.plus(Duration.ofDays(180)), 500);

		assertThat(e.occurrences()).hasSize(500);
		assertThat(e.next()).isEqualTo(e.occurrences().get(499).start().plus(Duration.ofHours(1)));
	}

	@Test
	void continuesWhereThePreviousExpansionStopped() {
		Schedule schedule = weekly("2030-03-12T09:00", "FREQ=WEEKLY", List.of(), List.of());
		Instant now = berlin("2030-03-12T00:00");
		Expansion first = Recurrences.expand(schedule, LONG_AGO, now, berlin("2030-04-01T00:00"), 500);

		Expansion second = Recurrences.expand(schedule, first.next(), now, berlin("2030-04-20T00:00"), 500);

		assertThat(starts(first)).containsExactly(berlin("2030-03-12T09:00"), berlin("2030-03-19T09:00"),
				berlin("2030-03-26T09:00"));
		assertThat(starts(second)).containsExactly(berlin("2030-04-02T09:00"), berlin("2030-04-09T09:00"),
				berlin("2030-04-16T09:00"));
	}

	@Test
	void skipsOccurrencesThatHaveEnded() {
		Expansion e = Recurrences.expand(weekly("2030-03-12T09:00", "FREQ=WEEKLY;COUNT=5", List.of(), List.of()),
				LONG_AGO, berlin("2030-03-26T09:10"), FAR_AHEAD, 500);

		// The 26 March occurrence is still running at 09:10, so it counts.
		assertThat(starts(e)).containsExactly(berlin("2030-03-26T09:00"), berlin("2030-04-02T09:00"),
				berlin("2030-04-09T09:00"));
	}

	@Test
	void oneOffMeetingIsItsOnlyOccurrenceWhateverTheHorizon() {
		Instant start = berlin("2031-06-01T10:00");
		Schedule once = new Schedule(start, start.plus(Duration.ofHours(1)), BERLIN, null, List.of(), List.of());

		Expansion e = Recurrences.expand(once, start, berlin("2030-03-01T00:00"), berlin("2030-04-01T00:00"), 500);

		assertThat(starts(e)).containsExactly(start);
		assertThat(e.next()).isNull();
	}

	@Test
	void rdatesAddOccurrencesBesideTheRuleInOrderAndOnce() {
		Schedule schedule = new Schedule(berlin("2030-03-12T09:00"), berlin("2030-03-12T09:30"), BERLIN,
				"FREQ=WEEKLY;COUNT=3", List.of(berlin("2030-03-19T09:00")), List.of(),
				List.of(berlin("2030-03-20T15:00"), berlin("2030-03-26T09:00"), berlin("2030-04-30T11:00")));

		Expansion e = Recurrences.expand(schedule, LONG_AGO, berlin("2030-03-01T00:00"), FAR_AHEAD, 500);

		// the EXDATE removes a rule occurrence; an RDATE on a rule occurrence does not double it
		assertThat(starts(e)).containsExactly(berlin("2030-03-12T09:00"), berlin("2030-03-20T15:00"),
				berlin("2030-03-26T09:00"), berlin("2030-04-30T11:00"));
		assertThat(e.occurrences().get(1).end()).isEqualTo(berlin("2030-03-20T15:30"));
	}

	@Test
	void rdatesWithoutARuleMakeASeriesThatContinuesBeyondTheHorizon() {
		Schedule schedule = new Schedule(berlin("2030-03-12T09:00"), berlin("2030-03-12T10:00"), BERLIN, null, List.of(),
				List.of(), List.of(berlin("2030-03-14T09:00"), berlin("2030-09-14T09:00")));

		Expansion first = Recurrences.expand(schedule, LONG_AGO, berlin("2030-03-01T00:00"), berlin("2030-06-01T00:00"), 500);
		Expansion rest = Recurrences.expand(schedule, first.next(), berlin("2030-03-01T00:00"), FAR_AHEAD, 500);

		assertThat(starts(first)).containsExactly(berlin("2030-03-12T09:00"), berlin("2030-03-14T09:00"));
		assertThat(first.next()).isEqualTo(berlin("2030-09-14T09:00"));
		assertThat(starts(rest)).containsExactly(berlin("2030-09-14T09:00"));
		assertThat(rest.next()).isNull();
	}

	@Test
	void rejectsAnInvalidRuleNamingIt() {
		assertThatThrownBy(() -> Recurrences.normalize("FREQ=SOMETIMES;COUNT=3")).isInstanceOf(InvalidInput.class)
			.satisfies(ex -> assertThat(((InvalidInput) ex).fields()).containsKey("recurrence"))
			.hasMessageContaining("FREQ=SOMETIMES;COUNT=3")
			.hasMessageContaining("SOMETIMES");
		assertThatThrownBy(() -> Recurrences.normalize("FREQ=WEEKLY;COUNT=3;UNTIL=20300101T000000Z"))
			.isInstanceOf(InvalidInput.class)
			.hasMessageContaining("UNTIL and COUNT");
		assertThatThrownBy(() -> Recurrences.normalize("FREQ=MINUTELY")).isInstanceOf(InvalidInput.class)
			.hasMessageContaining("MINUTELY");
	}

	@Test
	void acceptsRulesWithPrefixAndInLowerCase() {
		assertThat(Recurrences.normalize("RRULE:freq=weekly;byday=tu")).isEqualTo("FREQ=WEEKLY;BYDAY=TU");
	}

	@Test
	void rejectsARuleThatNeverProducesAnOccurrence() {
		Schedule impossible = weekly("2030-03-12T09:00", "FREQ=YEARLY;BYMONTH=2;BYMONTHDAY=30", List.of(), List.of());

		assertThatThrownBy(() -> Recurrences.expand(impossible, LONG_AGO, LONG_AGO, FAR_AHEAD, 500))
			.isInstanceOf(InvalidInput.class)
			.hasMessageContaining("never produces an occurrence");
	}

}
