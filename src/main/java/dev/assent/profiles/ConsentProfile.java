package dev.assent.profiles;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

import org.jspecify.annotations.Nullable;

/**
 * A named bundle of consent settings (PRODUCT P1). {@code version} grows with every change, so
 * what a participant was shown can be traced to the exact settings.
 *
 * @param purposes the purposes the page asks for separately, besides the recording (PRODUCT X4)
 * @param lawfulBasis what the recordings rely on (GDPR art. 6(1))
 * @param legitimateInterestsAssessment the reference of the documented balancing test, with
 * {@link LawfulBasis#LEGITIMATE_INTERESTS} (data/jurisdictions.md checklist)
 */
public record ConsentProfile(UUID id, UUID companyId, String name, boolean isDefault, ConsentPageMode consentPage,
		ParticipantChoice participantChoice, @Nullable String audioPromptId, @Nullable Integer preCallEmailMinutes,
		List<String> languages, @Nullable String noticeHtml, int version, Instant createdAt, Instant updatedAt,
		List<Purpose> purposes, LawfulBasis lawfulBasis, @Nullable String legitimateInterestsAssessment) {
}
