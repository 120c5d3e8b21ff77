package dev.assent.consentpage;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

import org.jspecify.annotations.Nullable;

import dev.assent.profiles.LawfulBasis;
import dev.assent.profiles.ParticipantChoice;
import dev.assent.profiles.Purpose;
import dev.assent.calls.Provider;

/**
 * Everything the public consent page of one member shows, resolved from the company, the member,
 * the member's profile and the consent page settings.
 *
 * @param customNoticeHtml the profile's or company's sanitised notice; {@code null} for the built-in one
 * @param linkToken the token protected links carry, required from {@code tokenRequiredFrom} on (PRODUCT C9)
 * @param meetingId for a meeting's own link {@code /{company}/{member}/{meeting}}: the meeting whose
 * occurrences its decisions belong to (its join link is {@code joinUrl}); {@code null} for the personal link
 * @param meetingSlug the meeting's link segment, with {@code meetingId}
 * @param recordingStopped the link's current occurrence was stopped by an opt-out (PRODUCT C10): the page
 * says so, and that it records again only when everyone who opted out has consented
 * @param purposes the purposes the page asks for separately, each an optional checkbox (PRODUCT X4)
 * @param lawfulBasis the profile's lawful basis, and {@code legitimateInterestsAssessment} its
 * assessment's reference, kept with each decision's evidence
 */
record PageView(UUID companyId, String companyName, String companySlug, UUID memberId, String memberName,
		String memberSlug, UUID profileId, int profileVersion, ParticipantChoice participantChoice, Provider provider,
		@Nullable String joinUrl, @Nullable String customNoticeHtml, @Nullable String policyUrl,
		@Nullable String logoUrl, List<String> languages, List<Choice> choices, @Nullable String linkToken,
		@Nullable Instant tokenRequiredFrom, @Nullable UUID meetingId, @Nullable String meetingSlug,
		boolean recordingStopped, List<Purpose> purposes, LawfulBasis lawfulBasis,
		@Nullable String legitimateInterestsAssessment) {

	static List<Choice> choicesFor(ParticipantChoice participantChoice, Provider provider, @Nullable String joinUrl) {
		if (joinUrl == null) {
			return List.of();
		}
		if (participantChoice == ParticipantChoice.MUST_CONSENT) {
			return List.of(Choice.CONSENT);
		}
		return provider.supportsOptOut() ? List.of(Choice.RECORD, Choice.DONT_RECORD) : List.of(Choice.JOIN);
	}

	String path() {
		return "/" + companySlug + "/" + memberSlug + (meetingSlug == null ? "" : "/" + meetingSlug);
	}

	/** Whether a request carrying {@code token} may open the page at {@code now}. */
	boolean admits(@Nullable String token, Instant now) {
		if (linkToken == null || tokenRequiredFrom == null || now.isBefore(tokenRequiredFrom)) {
			return true;
		}
		return token != null && dev.assent.shared.Tokens.constantTimeEquals(token, linkToken);
	}

}
