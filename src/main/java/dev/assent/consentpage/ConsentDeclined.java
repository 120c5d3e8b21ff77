package dev.assent.consentpage;

import java.time.Instant;
import java.util.UUID;

import org.jspecify.annotations.Nullable;

/** A participant chose "Join but don't record": the recording must stop (PRODUCT D4). */
public record ConsentDeclined(UUID decisionId, UUID companyId, UUID memberId, @Nullable UUID callId,
		String participantId, Instant occurredAt) {
}
