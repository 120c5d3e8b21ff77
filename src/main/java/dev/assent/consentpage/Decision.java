package dev.assent.consentpage;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

import org.jspecify.annotations.Nullable;

/**
 * A participant's decision on the consent page, with what they were shown: the notice (by
 * content hash), the language, the choices offered and the profile version. Decisions are never
 * changed; a later one for the same occurrence and participant governs (PRODUCT C10).
 */
public record Decision(UUID id, UUID companyId, UUID memberId, @Nullable UUID callId, String participantId,
		Choice choice, Outcome outcome, String noticeSha256, String language, List<Choice> choicesOffered,
		UUID profileId, int profileVersion, String provider, String joinUrl, Instant decidedAt) {
}
