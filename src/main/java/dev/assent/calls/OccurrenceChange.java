package dev.assent.calls;

import java.time.Instant;

import org.jspecify.annotations.Nullable;

/**
 * A change to one occurrence of a recurring meeting, as a calendar's RECURRENCE-ID instance
 * carries it: the occurrence that would have started at {@code occurrenceStart} is moved (new
 * start and end, perhaps a new title) or cancelled.
 */
public record OccurrenceChange(Instant occurrenceStart, @Nullable Instant start, @Nullable Instant end,
		@Nullable String title, boolean cancelled) {

	public static OccurrenceChange cancelled(Instant occurrenceStart) {
		return new OccurrenceChange(occurrenceStart, null, null, null, true);
	}

}
