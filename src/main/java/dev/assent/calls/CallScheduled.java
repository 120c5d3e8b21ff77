package dev.assent.calls;

import java.time.Instant;
import java.util.UUID;

import org.jspecify.annotations.Nullable;


/**
 * The plan of a call: published for every new occurrence (of a new meeting, or added when the
 * recurrence horizon moves on), and again for the same {@code callId} when a re-imported calendar
 * event changes a scheduled occurrence (time, link, owner). Treat it as the current plan of the
 * call. {@code ownerId} is {@code null} when nobody owns the call; such a call is skipped at once
 * ({@link CallSkipped} with {@link SkipReason#NO_OWNER} follows).
 */
public record CallScheduled(UUID callId, UUID companyId, UUID meetingId, @Nullable UUID ownerId, Instant plannedStart,
		Instant plannedEnd, Provider provider, @Nullable String joinUrl, Instant occurredAt) {
}
