package dev.assent.calls;

import java.time.Instant;
import java.util.UUID;

/** A scheduled occurrence moved (a re-imported calendar event changed its time). */
public record CallRescheduled(UUID callId, UUID companyId, UUID meetingId, Instant plannedStart, Instant plannedEnd,
		Instant occurredAt) {
}
