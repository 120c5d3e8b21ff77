package dev.assent.calls;

import java.time.Instant;
import java.util.UUID;

/**
 * A late opt-out stopped a call's recording: what was recorded up to {@code keptUntil} is kept,
 * the rest of the call is not recorded (PRODUCT D5; the call is {@link CallStatus#PARTIAL}).
 */
public record CallCutShort(UUID callId, UUID companyId, Instant keptUntil, Instant occurredAt) {
}
