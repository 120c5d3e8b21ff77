package dev.assent.consentpage;

import java.time.Instant;
import java.util.UUID;

import org.jspecify.annotations.Nullable;

/** A participant agreed to be recorded, explicitly or by joining (implicit consent). */
public record ConsentGranted(UUID decisionId, UUID companyId, UUID memberId, @Nullable UUID callId,
		String participantId, Outcome outcome, Instant occurredAt) {
}
