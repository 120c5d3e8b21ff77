package dev.assent.recording;

import java.time.Duration;
import java.time.Instant;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** PRODUCT D5: the 70 % rule, measured from the recorder's reported start. */
class SeventyPercentRuleTests {

	private static final Instant START = Instant.parse("2030-03-05T10:00:00Z");

	private static final Instant END = START.plus(Duration.ofMinutes(100));

	@Test
	void keepsTheRecordingAtExactlySeventyPercentOfThePlannedTime() {
		SeventyPercentRule.Verdict v = SeventyPercentRule.judge(START, END, START, START.plus(Duration.ofMinutes(70)));

		assertThat(v.keep()).isTrue();
		assertThat(v.share()).isEqualTo(0.70);
	}

	@Test
	void skipsJustUnderSeventyPercent() {
		assertThat(SeventyPercentRule.judge(START, END, START, START.plus(Duration.ofMinutes(70)).minusMillis(1)).keep())
			.isFalse();
	}

	@Test
	void measuresFromTheReportedStartNotThePlannedOne() {
		// The recorder started ten minutes late: at 75 minutes past the planned start only 65 were recorded.
		Instant late = START.plus(Duration.ofMinutes(10));

		SeventyPercentRule.Verdict v = SeventyPercentRule.judge(START, END, late, START.plus(Duration.ofMinutes(75)));

		assertThat(v.keep()).isFalse();
		assertThat(v.share()).isEqualTo(0.65);
	}

	@Test
	void withoutAReportedStartNothingWasRecordedSoTheCallIsSkipped() {
		// Long past the planned end, but the recorder never said it started: not PARTIAL.
		SeventyPercentRule.Verdict v = SeventyPercentRule.judge(START, END, null, END.plus(Duration.ofMinutes(5)));

		assertThat(v.keep()).isFalse();
		assertThat(v.share()).isZero();
	}

	@Test
	void anOptOutPastThePlannedEndOfAFullRecordingKeepsIt() {
		SeventyPercentRule.Verdict v = SeventyPercentRule.judge(START, END, START, END.plus(Duration.ofMinutes(5)));

		assertThat(v.keep()).isTrue();
		assertThat(v.share()).isEqualTo(1.05);
	}

}
