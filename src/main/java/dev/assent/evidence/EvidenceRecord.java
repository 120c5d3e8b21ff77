package dev.assent.evidence;

import java.time.Instant;
import java.util.Map;
import java.util.UUID;

import org.jspecify.annotations.Nullable;

/**
 * One piece of consent evidence: who (an email or an anonymous participant id), for which call
 * occurrence or member page, how ({@code method}: PAGE, AUDIO_PROMPT, IMPLICIT_JOIN, KEYPAD,
 * RECORDER), what they decided, exactly what they were shown ({@code textSha256}, the hash of the
 * notice or prompt) and where the record sits in its company's chain ({@code linkSeq},
 * {@code linkPos}; {@code null} for records made before the chain existed).
 */
public record EvidenceRecord(UUID id, UUID companyId, @Nullable UUID callId, @Nullable UUID memberId,
		String participant, String kind, String method, String decision, Map<String, Object> shown,
		String contentSha256, Instant recordedAt, @Nullable String textSha256, @Nullable Long linkSeq,
		@Nullable Integer linkPos) {
}
