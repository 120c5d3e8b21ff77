package dev.assent.calls;

import java.time.Instant;
import java.util.UUID;

/**
 * An occurrence was removed before it took place: its meeting was cancelled, or a re-imported
 * calendar event excludes it. Nothing should join or remind anyone of it any more.
 */
public record CallCancelled(UUID callId, UUID companyId, UUID meetingId, Instant plannedStart, Instant occurredAt) {
}
