package dev.assent.consentpage;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

import org.jspecify.annotations.Nullable;

import dev.assent.profiles.Purpose;

/**
 * A participant's decision on the consent page, with what they were shown: the notice (by
 * content hash), the language, the choices offered and the profile version. Decisions are never
 * changed; a later one for the same occurrence and participant governs (PRODUCT C10).
 * {@code purposesRefused}: the purposes the page asked for separately that the participant did not
 * allow (PRODUCT X4).
 */
public record Decision(UUID id, UUID companyId, UUID memberId, @Nullable UUID callId, String participantId,
		Choice choice, Outcome outcome, String noticeSha256, String language, List<Choice> choicesOffered,
		UUID profileId, int profileVersion, String provider, String joinUrl, Instant decidedAt,
		List<Purpose> purposesRefused) {

	/** A decision that refuses no purpose asked separately (PRODUCT X4). */
	public Decision(UUID id, UUID companyId, UUID memberId, @Nullable UUID callId, String participantId, Choice choice,
			Outcome outcome, String noticeSha256, String language, List<Choice> choicesOffered, UUID profileId,
			int profileVersion, String provider, String joinUrl, Instant decidedAt) {
		this(id, companyId, memberId, callId, participantId, choice, outcome, noticeSha256, language, choicesOffered,
				profileId, profileVersion, provider, joinUrl, decidedAt, List.of());
	}

}
