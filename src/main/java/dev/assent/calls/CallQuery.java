package dev.assent.calls;

import java.time.Instant;
import java.util.UUID;

import org.jspecify.annotations.Nullable;

/**
 * Filters of the call list: status, owner, meeting, and a time window; a call is in the window
 * when it overlaps it (it ends after {@code from} and starts before {@code to}).
 */
public record CallQuery(@Nullable CallStatus status, @Nullable UUID ownerId, @Nullable UUID meetingId,
		@Nullable Instant from, @Nullable Instant to, int page, int size) {

	public CallQuery {
		page = Math.max(page, 0);
		size = size <= 0 ? 50 : Math.min(size, 500);
	}

}
