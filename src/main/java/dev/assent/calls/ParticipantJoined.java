package dev.assent.calls;

import java.time.Instant;
import java.util.UUID;

import org.jspecify.annotations.Nullable;

/**
 * The meeting provider reported a participant joining a call (PRODUCT L7): what the enforced
 * consent page (D8) and the occurrence rule compare with the consent page's decisions.
 */
public record ParticipantJoined(UUID callId, UUID companyId, Provider provider, @Nullable String name,
		@Nullable String email, Instant at) {
}
