package dev.assent.calls;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** Which occurrence of a link a decision is for (PRODUCT C7, C10, D4; docs/architecture.md). */
class OccurrenceRuleTests {

	private static final Instant T = Instant.parse("2030-03-05T10:00:00Z");

	record C(String name, Instant plannedStart, Instant plannedEnd, @Nullable Instant startedAt,
			@Nullable Instant endedAt, boolean recordingStopped) implements OccurrenceRule.Candidate {
	}

	private static C call(String name, int startMinutes, int lengthMinutes) {
		return new C(name, T.plus(Duration.ofMinutes(startMinutes)), T.plus(Duration.ofMinutes(startMinutes + lengthMinutes)),
				null, null, false);
	}

	private static C started(C c, int atMinutes) {
		return new C(c.name(), c.plannedStart(), c.plannedEnd(), T.plus(Duration.ofMinutes(atMinutes)), c.endedAt(),
				c.recordingStopped());
	}

	private static C ended(C c, int atMinutes) {
		return new C(c.name(), c.plannedStart(), c.plannedEnd(), c.startedAt(), T.plus(Duration.ofMinutes(atMinutes)),
				c.recordingStopped());
	}

	/** Its recording stopped for good (an opt-out skipped it): its bot left without the recorder reporting the call's end. */
	private static C stopped(C c) {
		return new C(c.name(), c.plannedStart(), c.plannedEnd(), c.startedAt(), c.endedAt(), true);
	}

	private static @Nullable String pick(List<C> calls, int atMinutes) {
		return OccurrenceRule.pick(calls, T.plus(Duration.ofMinutes(atMinutes))).map(C::name).orElse(null);
	}

	@Test
	void aCallStillRecordingPastItsPlannedEndKeepsItsDecisions() {
		// D4: an opt-out five minutes after the planned end of a call still recording stops it.
		C running = started(call("running", 0, 60), 0);
		C next = call("next", 120, 60);

		assertThat(pick(List.of(running, next), 65)).isEqualTo("running");
	}

	@Test
	void aCallWhoseRecordingWasStoppedGivesWayToTheRoomsNextCallOnceItsPlannedEndIsPast() {
		// D4: Ann's 11:00 call was skipped by an opt-out (its bot left on the STOP; no end reported). Her next call in
		// the same room starts at 12:30: an opt-out clicked five minutes early, or just after the start before that
		// call's bot has joined, is for the next call — else its bot would record with nothing to stop it.
		C skipped = stopped(started(call("skipped", 60, 60), 60));
		C next = call("next", 150, 60);

		assertThat(pick(List.of(skipped, next), 145)).isEqualTo("next");
		assertThat(pick(List.of(skipped, next), 151)).isEqualTo("next");
		// Within its planned window the stopped call keeps its decisions (C10: changing one's mind across the stop).
		assertThat(pick(List.of(skipped, next), 110)).isEqualTo("skipped");
		// And without a next call, a click just past its planned end still finds it (a recent call still running).
		assertThat(pick(List.of(skipped), 125)).isEqualTo("skipped");
	}

	@Test
	void aCallTheRecorderReportedEndedTakesNoMoreDecisions() {
		C over = ended(started(call("over", 0, 60), 0), 62);
		C next = call("next", 120, 60);

		assertThat(pick(List.of(over, next), 65)).isEqualTo("next");
	}

	@Test
	void anEarlyClickBelongsToTheOccurrenceThatStartsLater() {
		// C7: hours before the call, within 12 hours: honoured when it starts.
		C today = call("today", 0, 60);
		C tomorrow = call("tomorrow", 24 * 60, 60);

		assertThat(pick(List.of(today, tomorrow), -11 * 60)).isEqualTo("today");
		assertThat(pick(List.of(today, tomorrow), 12 * 60 + 30)).isEqualTo("tomorrow");
	}

	@Test
	void aClickMoreThanTwelveHoursAheadBelongsToNone() {
		assertThat(pick(List.of(call("later", 13 * 60, 60)), 0)).isNull();
	}

	@Test
	void aCallInItsPlannedWindowBeforeTheRecorderJoinedBeatsTheNextOne() {
		C now = call("now", 0, 60);
		C soon = call("soon", 90, 30);

		assertThat(pick(List.of(now, soon), 2)).isEqualTo("now");
	}

	@Test
	void ofTwoCallsInProgressTheOneStartedLastWins() {
		C overrunning = started(call("first", 0, 60), 0);
		C second = started(call("second", 60, 60), 61);

		assertThat(pick(List.of(overrunning, second), 59)).isEqualTo("first");
		assertThat(pick(List.of(overrunning, second), 62)).isEqualTo("second");
	}

	@Test
	void aRecentCallStillRunningWithoutRecorderReportsIsNeverLeftWithNothing() {
		C justOver = call("justOver", 0, 60);

		assertThat(pick(List.of(justOver), 70)).isEqualTo("justOver");
		assertThat(pick(List.of(justOver), 60 + 61)).isNull();
	}

	@Test
	void anInProgressCallCountsAsEndedFourHoursAfterItsPlannedEnd() {
		C lost = started(call("lost", 0, 60), 0);

		assertThat(pick(List.of(lost), 60 + 239)).isEqualTo("lost");
		assertThat(pick(List.of(lost), 60 + 241)).isNull();
	}

	@Test
	void aDecisionBetweenFarApartOccurrencesBelongsToNone() {
		C monday = call("monday", 0, 60);
		C nextWeek = call("nextWeek", 7 * 24 * 60, 60);

		assertThat(pick(List.of(monday, nextWeek), 26 * 60)).isNull();
	}

}
