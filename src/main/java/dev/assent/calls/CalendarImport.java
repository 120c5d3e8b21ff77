package dev.assent.calls;

import java.util.List;

import org.jspecify.annotations.Nullable;

/**
 * The outcome of importing an iCalendar file: the meetings created, those updated (same UID
 * imported before) and the events that are not meetings Assent can schedule, with the reason.
 */
public record CalendarImport(List<Meeting> created, List<Meeting> updated, List<Skipped> skipped) {

	public record Skipped(@Nullable String uid, @Nullable String summary, String reason) {
	}

}
