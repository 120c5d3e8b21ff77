package dev.assent.calls;

import java.time.Instant;
import java.util.UUID;

/** The meeting provider reported that a call's meeting ended (PRODUCT L7). */
public record CallEnded(UUID callId, UUID companyId, Provider provider, Instant at) {
}
