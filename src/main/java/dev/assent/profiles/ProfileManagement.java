package dev.assent.profiles;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.UUID;

import org.jspecify.annotations.Nullable;

import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import dev.assent.accounts.CompanyCreated;
import dev.assent.accounts.MemberManagement;
import dev.assent.accounts.ProfileAssignment;
import dev.assent.shared.ConfigChanges;
import dev.assent.shared.Conflict;
import dev.assent.shared.Html;
import dev.assent.shared.InvalidInput;
import dev.assent.shared.Languages;
import dev.assent.shared.NotFound;

/**
 * Consent profiles of a company (PRODUCT P1–P6). Every change is visible to the very next page
 * view, decision or call (P4): nothing here is cached, and caches elsewhere are told through
 * {@link ConfigChanges} before the change is acknowledged.
 */
@Service
public class ProfileManagement {

	static final String DEFAULT_NAME = "Default";

	/** Pre-call email lead time of a new profile when none is given (PRODUCT E1); explicit null turns them off. */
	public static final int DEFAULT_PRE_CALL_MINUTES = 10;

	private final ConsentProfiles profiles;

	private final MemberManagement members;

	private final ConfigChanges changes;

	private final AudioPrompts prompts;

	private final Clock clock;

	ProfileManagement(ConsentProfiles profiles, MemberManagement members, ConfigChanges changes, AudioPrompts prompts,
			Clock clock) {
		this.prompts = prompts;
		this.profiles = profiles;
		this.members = members;
		this.changes = changes;
		this.clock = clock;
	}

	/** Every company starts with a default profile (PRODUCT P2). */
	@EventListener
	void on(CompanyCreated event) {
		Instant now = event.occurredAt();
		profiles.insert(new ConsentProfile(UUID.randomUUID(), event.companyId(), DEFAULT_NAME, true,
				ConsentPageMode.ENABLED, ParticipantChoice.MAY_OPT_OUT, null, DEFAULT_PRE_CALL_MINUTES, List.of("en"), null, 1,
				now, now, List.of(), LawfulBasis.CONSENT, null));
	}

	public List<ConsentProfile> list(UUID companyId) {
		return profiles.findAll(companyId);
	}

	public ConsentProfile get(UUID companyId, UUID profileId) {
		return profiles.findById(companyId, profileId).orElseThrow(() -> NotFound.coded("notFound.profile"));
	}

	public Optional<ConsentProfile> findByName(UUID companyId, String name) {
		return profiles.findByName(companyId, name);
	}

	public ConsentProfile defaultProfile(UUID companyId) {
		return profiles.findDefault(companyId).orElseThrow(() -> NotFound.coded("notFound.defaultProfile"));
	}

	/** The profile that governs a member's consent page and the calls they own (PRODUCT P3, P5). */
	public ConsentProfile profileOf(UUID companyId, UUID memberId) {
		ProfileAssignment assignment = members.effectiveProfile(companyId, memberId);
		return get(companyId, assignment.profileId());
	}

	@Transactional
	public ConsentProfile create(UUID companyId, ProfileSettings s) {
		String name = requireName(companyId, s.name(), null);
		Instant now = Instant.now(clock);
		ConsentProfile profile = new ConsentProfile(UUID.randomUUID(), companyId, name, false,
				s.consentPage() != null ? s.consentPage() : ConsentPageMode.ENABLED,
				s.participantChoice() != null ? s.participantChoice() : ParticipantChoice.MAY_OPT_OUT,
				audioPrompt(s.audioPromptId()),
				s.cleared().contains("preCallEmailMinutes") ? null
						: s.preCallEmailMinutes() != null ? minutes(s.preCallEmailMinutes()) : DEFAULT_PRE_CALL_MINUTES,
				languages(s.languages()),
				notice(s.noticeHtml()), 1, now, now, purposes(s.purposes()),
				s.lawfulBasis() != null ? s.lawfulBasis() : LawfulBasis.CONSENT, null);
		profile = withAssessment(profile, s.cleared().contains("legitimateInterestsAssessment") ? null
				: s.legitimateInterestsAssessment());
		profiles.insert(profile);
		changes.changed(companyId);
		return profile;
	}

	@Transactional
	public ConsentProfile update(UUID companyId, UUID profileId, ProfileSettings s) {
		ConsentProfile p = get(companyId, profileId);
		ConsentProfile updated = new ConsentProfile(p.id(), companyId,
				s.name() != null ? requireName(companyId, s.name(), profileId) : p.name(), p.isDefault(),
				s.consentPage() != null ? s.consentPage() : p.consentPage(),
				s.participantChoice() != null ? s.participantChoice() : p.participantChoice(),
				s.cleared().contains("audioPromptId") ? null
						: s.audioPromptId() != null ? audioPrompt(s.audioPromptId()) : p.audioPromptId(),
				s.cleared().contains("preCallEmailMinutes") ? null
						: s.preCallEmailMinutes() != null ? minutes(s.preCallEmailMinutes()) : p.preCallEmailMinutes(),
				s.languages() != null ? languages(s.languages()) : p.languages(),
				s.cleared().contains("noticeHtml") ? null : s.noticeHtml() != null ? notice(s.noticeHtml()) : p.noticeHtml(),
				p.version() + 1, p.createdAt(), Instant.now(clock),
				s.purposes() != null ? purposes(s.purposes()) : p.purposes(),
				s.lawfulBasis() != null ? s.lawfulBasis() : p.lawfulBasis(), null);
		updated = withAssessment(updated, s.cleared().contains("legitimateInterestsAssessment") ? null
				: s.legitimateInterestsAssessment() != null ? s.legitimateInterestsAssessment()
						: p.legitimateInterestsAssessment());
		profiles.update(updated);
		changes.changed(companyId);
		return updated;
	}

	/** Makes the profile the company's default (PRODUCT P2); the former default stays as a normal profile. */
	@Transactional
	public ConsentProfile makeDefault(UUID companyId, UUID profileId) {
		get(companyId, profileId);
		profiles.makeDefault(companyId, profileId);
		changes.changed(companyId);
		return get(companyId, profileId);
	}

	/** How many members and teams have this profile assigned explicitly. */
	public long usage(UUID companyId, UUID profileId) {
		return members.countAssignments(companyId, profileId);
	}

	/**
	 * Deletes a profile (PRODUCT P6). A profile in use needs {@code reassignTo}: its members and
	 * teams move there. The default profile cannot be deleted; make another one default first.
	 */
	@Transactional
	public void delete(UUID companyId, UUID profileId, @Nullable UUID reassignTo) {
		ConsentProfile profile = get(companyId, profileId);
		if (profile.isDefault()) {
			throw Conflict.coded("conflict.profile.default");
		}
		long inUse = usage(companyId, profileId);
		if (inUse > 0) {
			if (reassignTo == null) {
				throw Conflict.coded("conflict.profile.inUse", inUse);
			}
			if (reassignTo.equals(profileId) || profiles.findById(companyId, reassignTo).isEmpty()) {
				throw InvalidInput.of("reassignTo", "invalid.must-be-another-consent-profile-of-this-company");
			}
			members.reassignProfile(companyId, profileId, reassignTo);
		}
		profiles.delete(companyId, profileId);
		changes.changed(companyId);
	}

	private String requireName(UUID companyId, @Nullable String name, @Nullable UUID self) {
		String clean = name == null ? "" : name.strip();
		if (clean.isEmpty() || clean.length() > 100) {
			throw InvalidInput.of("name", "invalid.must-be-1-to-100-characters");
		}
		profiles.findByName(companyId, clean).filter(p -> !p.id().equals(self)).ifPresent(p -> {
			throw Conflict.coded("conflict.profile.name", clean);
		});
		return clean;
	}

	private @Nullable String audioPrompt(@Nullable String id) {
		if (id != null && prompts.find(id).isEmpty()) {
			throw InvalidInput.of("audioPromptId", "invalid.profile.audio-prompt",
					prompts.all().stream().map(AudioPrompt::id).toList());
		}
		return id;
	}

	private static @Nullable Integer minutes(@Nullable Integer minutes) {
		if (minutes != null && (minutes < 1 || minutes > 1440)) {
			throw InvalidInput.of("preCallEmailMinutes", "invalid.must-be-between-1-and-1440-minutes-or");
		}
		return minutes;
	}

	private static List<String> languages(@Nullable List<String> languages) {
		if (languages == null || languages.isEmpty()) {
			return List.of("en");
		}
		LinkedHashSet<String> clean = new LinkedHashSet<>();
		for (String l : languages) {
			String code = l.strip().toLowerCase(Locale.ROOT);
			if (!Languages.isSupported(code)) {
				throw InvalidInput.of("languages", "invalid.profile.language", l, Languages.SUPPORTED);
			}
			clean.add(code);
		}
		return new ArrayList<>(clean);
	}

	/**
	 * The purposes a page asks for separately (PRODUCT X4), in their fixed order; the recording is
	 * always asked (the main choice), so naming it changes nothing. An unknown name is refused.
	 */
	static List<Purpose> purposes(@Nullable List<String> names) {
		if (names == null) {
			return List.of();
		}
		java.util.EnumSet<Purpose> asked = java.util.EnumSet.noneOf(Purpose.class);
		for (String n : names) {
			Purpose p = n == null ? null : Purpose.parse(n).orElse(null);
			if (p == null) {
				throw InvalidInput.of("purposes", "invalid.profile.purpose", String.valueOf(n),
						java.util.Arrays.stream(Purpose.values()).filter(Purpose::separate).map(Enum::name).toList());
			}
			if (p.separate()) {
				asked.add(p);
			}
		}
		return List.copyOf(asked);
	}

	/**
	 * The profile with its legitimate-interests assessment reference: required when the profile
	 * relies on legitimate interests (art. 6(1)(f) needs a documented balancing test), kept off
	 * otherwise.
	 */
	private static ConsentProfile withAssessment(ConsentProfile p, @Nullable String reference) {
		String ref = reference == null || reference.isBlank() ? null : reference.strip();
		if (p.lawfulBasis() == LawfulBasis.LEGITIMATE_INTERESTS && ref == null) {
			throw InvalidInput.of("legitimateInterestsAssessment", "invalid.profile.assessment-required");
		}
		if (ref != null && ref.length() > 500) {
			throw InvalidInput.of("legitimateInterestsAssessment", "invalid.profile.assessment-length", 500);
		}
		String kept = p.lawfulBasis() == LawfulBasis.LEGITIMATE_INTERESTS ? ref : null;
		return new ConsentProfile(p.id(), p.companyId(), p.name(), p.isDefault(), p.consentPage(), p.participantChoice(),
				p.audioPromptId(), p.preCallEmailMinutes(), p.languages(), p.noticeHtml(), p.version(), p.createdAt(),
				p.updatedAt(), p.purposes(), p.lawfulBasis(), kept);
	}

	private static @Nullable String notice(@Nullable String html) {
		if (html == null) {
			return null;
		}
		if (html.length() > 20_000) {
			throw InvalidInput.of("noticeHtml", "invalid.must-be-at-most-20000-characters");
		}
		return Html.sanitize(html);
	}

}
