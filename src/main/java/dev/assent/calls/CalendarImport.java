package dev.assent.calls;

import java.util.List;

import org.jspecify.annotations.Nullable;

/**
 * The outcome of importing an iCalendar file: the meetings created, those updated (same UID
 * imported before) and the events that are not meetings Assent can schedule or cannot be read,
 * with the reason and their line.
 */
public record CalendarImport(List<Meeting> created, List<Meeting> updated, List<Skipped> skipped) {

	/** An event not imported: why, and the line of the file its VEVENT begins on (null when unknown). */
	public record Skipped(@Nullable String uid, @Nullable String summary, String reason, @Nullable Integer line) {

		public Skipped(@Nullable String uid, @Nullable String summary, String reason) {
			this(uid, summary, reason, null);
		}

	}

}
