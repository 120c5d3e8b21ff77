package dev.assent.calls;

import java.time.Instant;
import java.util.UUID;

/** The meeting provider reported that a call's meeting started (PRODUCT L7, through its signed webhook). */
public record CallStarted(UUID callId, UUID companyId, Provider provider, Instant at) {
}
