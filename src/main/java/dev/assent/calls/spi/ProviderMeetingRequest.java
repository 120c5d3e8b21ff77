package dev.assent.calls.spi;

import java.time.Instant;

import org.jspecify.annotations.Nullable;

/**
 * A meeting to create at the provider, on behalf of {@code hostEmail} (the organizer or the call
 * owner). {@code recurrence} is the meeting's RFC 5545 RRULE, if any; the provider meeting is the
 * same for every occurrence.
 */
public record ProviderMeetingRequest(String title, String hostEmail, Instant start, Instant end, String timeZone,
		@Nullable String recurrence) {
}
