package dev.assent.calls;

import java.time.Instant;
import java.util.UUID;

/** A call will not be recorded, or its recording is not kept (PRODUCT D2, D5, D6, D8). */
public record CallSkipped(UUID callId, UUID companyId, SkipReason reason, Instant occurredAt) {
}
