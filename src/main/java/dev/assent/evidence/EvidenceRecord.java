package dev.assent.evidence;

import java.time.Instant;
import java.util.Map;
import java.util.UUID;

import org.jspecify.annotations.Nullable;

/**
 * One piece of consent evidence: who (an email or an anonymous participant id), for which call
 * occurrence or member page, how ({@code method}: PAGE, AUDIO_PROMPT, IMPLICIT_JOIN, KEYPAD), what
 * they decided and exactly what they were shown.
 */
public record EvidenceRecord(UUID id, UUID companyId, @Nullable UUID callId, @Nullable UUID memberId,
		String participant, String kind, String method, String decision, Map<String, Object> shown,
		String contentSha256, Instant recordedAt) {
}
