package dev.assent.recording;

import java.time.Duration;
import java.time.Instant;

import org.jspecify.annotations.Nullable;

/**
 * PRODUCT D5, the late opt-out: at the moment of the decision, the recorded share is the time
 * since the recorder's reported start of the recording ÷ the planned duration of the call. At
 * least 70 % keeps the recording up to the decision (PARTIAL); less skips the call. No reported
 * start means nothing was recorded: the call is skipped. The comparison is exact
 * ({@code recorded × 100 ≥ planned × 70}, in milliseconds).
 */
final class SeventyPercentRule {

	/** What the rule decided, and the share it measured (0 … ; may exceed 1 when the call runs over). */
	record Verdict(boolean keep, double share) {
	}

	private SeventyPercentRule() {
	}

	static Verdict judge(Instant plannedStart, Instant plannedEnd, @Nullable Instant recordingStartedAt,
			Instant decidedAt) {
		long planned = Duration.between(plannedStart, plannedEnd).toMillis();
		if (recordingStartedAt == null || planned <= 0) {
			return new Verdict(false, 0);
		}
		long recorded = Math.max(0, Duration.between(recordingStartedAt, decidedAt).toMillis());
		return new Verdict(recorded * 100 >= planned * 70, (double) recorded / planned);
	}

}
