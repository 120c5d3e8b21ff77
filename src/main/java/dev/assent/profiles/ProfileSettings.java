package dev.assent.profiles;

import java.util.List;
import java.util.Set;

import org.jspecify.annotations.Nullable;

/**
 * Settings for creating or changing a profile. For a change, {@code null} keeps a value unless
 * its field name is in {@code cleared} (audio prompt off, pre-call emails off, company notice).
 * {@code purposes} names the purposes asked separately (PRODUCT X4: {@code TRANSCRIPTION},
 * {@code AI_TRAINING}); an unknown name is refused.
 */
public record ProfileSettings(@Nullable String name, @Nullable ConsentPageMode consentPage,
		@Nullable ParticipantChoice participantChoice, @Nullable String audioPromptId,
		@Nullable Integer preCallEmailMinutes, @Nullable List<String> languages, @Nullable String noticeHtml,
		Set<String> cleared, @Nullable List<String> purposes, @Nullable LawfulBasis lawfulBasis,
		@Nullable String legitimateInterestsAssessment) {

	public static final Set<String> CLEARABLE = Set.of("audioPromptId", "preCallEmailMinutes", "noticeHtml",
			"legitimateInterestsAssessment");

	public ProfileSettings(@Nullable String name, @Nullable ConsentPageMode consentPage,
			@Nullable ParticipantChoice participantChoice, @Nullable String audioPromptId,
			@Nullable Integer preCallEmailMinutes, @Nullable List<String> languages, @Nullable String noticeHtml,
			Set<String> cleared) {
		this(name, consentPage, participantChoice, audioPromptId, preCallEmailMinutes, languages, noticeHtml, cleared,
				null, null, null);
	}

	public static ProfileSettings named(String name, ConsentPageMode page, ParticipantChoice choice) {
		return new ProfileSettings(name, page, choice, null, null, null, null, Set.of());
	}

}
