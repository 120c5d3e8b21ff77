package dev.assent.calls;

import java.time.Instant;
import java.util.UUID;

import org.jspecify.annotations.Nullable;

import dev.assent.shared.Provider;

/**
 * A new occurrence exists (one per occurrence of a new meeting, and per occurrence added when the
 * recurrence horizon moves on). {@code ownerId} is {@code null} when nobody owns the call; such a
 * call is skipped at once ({@link CallSkipped} with {@link SkipReason#NO_OWNER} follows).
 */
public record CallScheduled(UUID callId, UUID companyId, UUID meetingId, @Nullable UUID ownerId, Instant plannedStart,
		Instant plannedEnd, Provider provider, @Nullable String joinUrl, Instant occurredAt) {
}
