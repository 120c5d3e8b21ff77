package dev.assent.consentpage;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import org.jspecify.annotations.Nullable;

import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import dev.assent.accounts.Company;
import dev.assent.accounts.CompanyManagement;
import dev.assent.accounts.Member;
import dev.assent.accounts.MemberManagement;
import dev.assent.calls.CallManagement;
import dev.assent.calls.Meeting;
import dev.assent.profiles.ConsentProfile;
import dev.assent.profiles.ProfileManagement;
import dev.assent.shared.ConfigChanges;
import dev.assent.shared.Html;
import dev.assent.shared.InvalidInput;
import dev.assent.calls.Provider;
import dev.assent.calls.ProviderDomains;
import dev.assent.shared.Urls;

/**
 * Consent page settings of a company and the resolution of a personal link to what its page
 * shows (PRODUCT C1–C6, C9).
 */
@Service
public class ConsentPageManagement {

	/** Old unprotected links keep working this long after protection is switched on (PRODUCT C9). */
	static final Duration PROTECTION_TRANSITION = Duration.ofDays(90);

	static final int MAX_LOGO_BYTES = 512 * 1024;

	private final PageSettings settings;

	private final CompanyManagement companies;

	private final MemberManagement members;

	private final ProfileManagement profiles;

	private final ParticipantTokens tokens;

	private final ProviderDomains providers;

	private final ConfigChanges changes;

	private final CompanyConfigs configs;

	private final PageRenderer renderer;

	private final Clock clock;

	/** Lazily: calls asks this module for consent links (ConsentLinks), this module asks calls for meetings. */
	private final org.springframework.beans.factory.ObjectProvider<CallManagement> calls;

	ConsentPageManagement(PageSettings settings, CompanyManagement companies, MemberManagement members,
			ProfileManagement profiles, ParticipantTokens tokens, ProviderDomains providers, ConfigChanges changes,
			CompanyConfigs configs, PageRenderer renderer, Clock clock,
			org.springframework.beans.factory.ObjectProvider<CallManagement> calls) {
		this.calls = calls;
		this.configs = configs;
		this.renderer = renderer;
		this.settings = settings;
		this.companies = companies;
		this.members = members;
		this.profiles = profiles;
		this.tokens = tokens;
		this.providers = providers;
		this.changes = changes;
		this.clock = clock;
	}

	public ConsentPageSettings settings(UUID companyId) {
		return settings.findOrDefaults(companyId, Instant.now(clock));
	}

	@Transactional
	public ConsentPageSettings update(UUID companyId, SettingsChanges c) {
		ConsentPageSettings s = settings(companyId);
		if (c.companySlug() != null) {
			companies.changeSlug(companyId, c.companySlug());
		}
		boolean protect = c.protectedLinks() != null ? c.protectedLinks() : s.protectedLinks();
		Instant protectedSince = !protect ? null : s.protectedLinks() ? s.protectedSince() : Instant.now(clock);
		String notice = c.cleared().contains("noticeHtml") ? null
				: c.noticeHtml() != null ? notice(c.noticeHtml()) : s.noticeHtml();
		String policy = c.cleared().contains("policyUrl") || (c.policyUrl() != null && c.policyUrl().isBlank()) ? null
				: c.policyUrl() != null ? Urls.requireWebLink("policyUrl", c.policyUrl()) : s.policyUrl();
		ConsentPageSettings updated = new ConsentPageSettings(companyId, c.linkType() != null ? c.linkType() : s.linkType(),
				protect, protectedSince, notice, policy, s.logoSha256(), s.logoType(), Instant.now(clock));
		settings.save(updated);
		changes.changed(companyId);
		return settings(companyId);
	}

	/**
	 * How many scheduled meetings carry consent links with the company's link name in their invites:
	 * after a change of the name they keep working through the redirect (PRODUCT C5).
	 */
	public long scheduledMeetingsWithConsentLinks(UUID companyId) {
		return calls.getObject().scheduledMeetingsWithConsentLinks(companyId);
	}

	static @Nullable String notice(String html) {
		if (html.length() > 20_000) {
			throw InvalidInput.of("noticeHtml", "invalid.must-be-at-most-20000-characters");
		}
		String clean = Html.sanitize(html).strip();
		return clean.isEmpty() ? null : clean;
	}

	/** Stores a logo after checking by content that it is a PNG, JPEG or WebP image of at most 512 KB. */
	@Transactional
	public ConsentPageSettings updateLogo(UUID companyId, byte[] image) {
		if (image.length == 0) {
			throw InvalidInput.of("logo", "invalid.is-empty");
		}
		if (image.length > MAX_LOGO_BYTES) {
			throw InvalidInput.of("logo", "invalid.must-be-at-most-512-kb");
		}
		String type = imageType(image);
		if (type == null) {
			throw InvalidInput.of("logo", "invalid.must-be-a-png-jpeg-or-webp-image");
		}
		settings.saveLogo(companyId, image, type, sha256(image), Instant.now(clock));
		changes.changed(companyId);
		return settings(companyId);
	}

	static @Nullable String imageType(byte[] b) {
		if (b.length > 8 && (b[0] & 0xFF) == 0x89 && b[1] == 'P' && b[2] == 'N' && b[3] == 'G') {
			return "image/png";
		}
		if (b.length > 3 && (b[0] & 0xFF) == 0xFF && (b[1] & 0xFF) == 0xD8 && (b[2] & 0xFF) == 0xFF) {
			return "image/jpeg";
		}
		if (b.length > 12 && b[0] == 'R' && b[1] == 'I' && b[2] == 'F' && b[3] == 'F' && b[8] == 'W' && b[9] == 'E'
				&& b[10] == 'B' && b[11] == 'P') {
			return "image/webp";
		}
		return null;
	}

	Optional<PageSettings.Logo> logo(String sha256) {
		return settings.findLogo(sha256);
	}

	/** A member's personal consent link, with its token when links are protected (PRODUCT C1, C9). */
	public String consentLink(UUID companyId, UUID memberId, String baseUrl) {
		Member member = members.get(companyId, memberId);
		return consentLinks(companyId, List.of(member), baseUrl).getOrDefault(memberId,
				baseUrl + "/" + companies.get(companyId).slug() + "/" + member.slug());
	}

	/**
	 * The personal links of the given members that have a consent page (recorded and active), by
	 * member id; the company and its settings are read once for all of them.
	 */
	public java.util.Map<UUID, String> consentLinks(UUID companyId, java.util.Collection<Member> some, String baseUrl) {
		String prefix = baseUrl + "/" + companies.get(companyId).slug() + "/";
		boolean protect = settings(companyId).protectedLinks();
		java.util.Map<UUID, String> links = new java.util.LinkedHashMap<>();
		for (Member m : some) {
			if (m.companyId().equals(companyId) && m.hasConsentPage()) {
				links.put(m.id(), prefix + m.slug() + (protect ? "?t=" + tokens.linkToken(companyId, m.id()) : ""));
			}
		}
		return links;
	}

	// --- resolution of a personal link

	sealed interface Resolution permits Found, Moved, Missing, Disconnected {
	}

	/**
	 * A dynamic meeting whose provider integration was disconnected (PRODUCT L5): the page tells
	 * participants what happened and offers the host's static link ({@code staticLink}, a path) when
	 * the host has one.
	 */
	record Disconnected(String companyName, String memberName, String providerName, @Nullable String staticLink,
			List<String> languages, @Nullable String logoUrl) implements Resolution {
	}

	/** Pages of dynamic meetings are read again this often: their integration may be disconnected (L5). */
	static final Duration DYNAMIC_PAGE_LIFETIME = Duration.ofSeconds(30);

	/**
	 * A page, with the configuration generation it was read under (see {@link ConfigChanges}) and,
	 * when it depends on the state of a call, the instant it must be read again at the latest.
	 */
	/**
	 * A page, with the generation it is current under ({@link PageCache}): its company's configuration, and for a page
	 * with a room the recording state of that room's calls, whose key ({@code room}) is kept with it.
	 */
	record Found(PageView view, long generation, @Nullable Instant freshUntil, ConfigChanges.@Nullable Room room)
			implements Resolution {

		Found {
			if (room == null && view.joinUrl() != null) {
				room = ConfigChanges.Room.of(view.companyId(), view.joinUrl());
			}
		}

		Found(PageView view, long generation, @Nullable Instant freshUntil) {
			this(view, generation, freshUntil, null);
		}

		Found(PageView view, long generation) {
			this(view, generation, null);
		}

	}

	/** How long a page that says its call's recording stopped is kept: the link's current call may change. */
	static final Duration STOPPED_PAGE_LIFETIME = Duration.ofMinutes(1);

	record Moved(String path) implements Resolution {
	}

	record Missing() implements Resolution {
	}

	/** What {@code /{company}/{member}} shows; read fresh from the database (the company's part under its generation). */
	Resolution resolve(String companySlug, String memberSlug) {
		return resolve(companySlug, memberSlug, null);
	}

	/**
	 * What {@code /{company}/{member}} (the member's personal room) or, with {@code meetingSlug},
	 * {@code /{company}/{member}/{meeting}} (a meeting with its own join link, PRODUCT C7, L6) shows;
	 * read fresh from the database. A meeting link names its host's page (the member must be the
	 * meeting's host) and shows the profile of the call owner, which governs its calls (P5).
	 */
	Resolution resolve(String companySlug, String memberSlug, @Nullable String meetingSlug) {
		String rest = "/" + memberSlug + (meetingSlug == null ? "" : "/" + meetingSlug);
		Optional<CompanyConfigs.Config> config = configs.bySlug(companySlug);
		if (config.isEmpty()) {
			return companies.findByRetiredSlug(companySlug)
				.<Resolution>map(c -> new Moved("/" + c.slug() + rest))
				.orElse(new Missing());
		}
		// The generation the company's configuration was read under: a change committed after it
		// makes the result stale in every cache that keeps it.
		long generation = config.get().generation();
		Company c = config.get().company();
		if (!c.slug().equals(companySlug)) {
			return resolve(c.slug(), memberSlug, meetingSlug) instanceof Found ? new Moved("/" + c.slug() + rest)
					: new Missing();
		}
		Optional<Member> member = members.findBySlug(c.id(), memberSlug);
		if (member.isEmpty()) {
			// a member's earlier link name leads to their current one, permanently (C5, C9)
			return members.findByRetiredSlug(c.id(), memberSlug)
				.filter(Member::hasConsentPage)
				.<Resolution>map(moved -> new Moved("/" + c.slug() + "/" + moved.slug()
						+ (meetingSlug == null ? "" : "/" + meetingSlug)))
				.orElse(new Missing());
		}
		if (!member.get().hasConsentPage()) {
			return new Missing();
		}
		Member m = member.get();
		if (meetingSlug == null) {
			ConsentProfile profile = config.get().profileOf(m).orElseGet(() -> profiles.profileOf(c.id(), m.id()));
			if (!profile.consentPage().isOn()) {
				return new Missing();
			}
			return found(view(c, m, profile, config.get().settings()), generation);
		}
		Optional<Meeting> meeting = calls.getObject().meetingByLink(c.id(), meetingSlug);
		if (meeting.isEmpty() || meeting.get().cancelledAt() != null || meeting.get().ownerId() == null
				|| !m.id().equals(meeting.get().hostId() != null ? meeting.get().hostId() : meeting.get().ownerId())) {
			return new Missing();
		}
		Meeting mt = meeting.get();
		ConsentProfile profile;
		try {
			profile = profiles.profileOf(c.id(), mt.ownerId());
		}
		catch (dev.assent.shared.NotFound ex) {
			return new Missing();
		}
		if (!profile.consentPage().isOn()) {
			return new Missing();
		}
		ConsentPageSettings s = config.get().settings();
		if (mt.linkType() != dev.assent.calls.MeetingLinkType.DYNAMIC) {
			return found(view(c, m, profile, s, mt), generation);
		}
		Optional<Provider> gone = calls.getObject().disconnectedProvider(c.id(), mt);
		if (gone.isPresent()) {
			boolean personalPage = m.personalMeetingUrl() != null && profiles.profileOf(c.id(), m.id()).consentPage().isOn();
			return new Disconnected(c.name(), m.name(), gone.get().displayName(),
					personalPage ? consentLinks(c.id(), List.of(m), "").get(m.id()) : null, List.copyOf(profile.languages()),
					s.logoSha256() == null ? null : "/assets/logos/" + s.logoSha256());
		}
		Found page = found(view(c, m, profile, s, mt), generation);
		Instant recheck = Instant.now(clock).plus(DYNAMIC_PAGE_LIFETIME);
		return new Found(page.view(), page.generation(),
				page.freshUntil() != null && page.freshUntil().isBefore(recheck) ? page.freshUntil() : recheck, page.room());
	}

	/**
	 * The page, saying so when the link's current occurrence was stopped by an opt-out (PRODUCT C10).
	 * Stopping and reopening a call are changes of its room (the recording module reports them), so
	 * the pages of that room show them on the next view.
	 */
	private Found found(PageView view, long companyGeneration) {
		if (view.joinUrl() == null) {
			return new Found(view, companyGeneration);
		}
		// Captured before the calls are read: a stop committed after this point makes the page stale. The generation
		// is the sum of the company's and the room's (ConfigChanges#changedRoom): both only grow, so it changes
		// whenever either does.
		ConfigChanges.Room room = ConfigChanges.Room.of(view.companyId(), view.joinUrl());
		long generation = companyGeneration + changes.roomGeneration(room);
		Instant now = Instant.now(clock);
		CallManagement callManagement = calls.getObject();
		dev.assent.calls.Call current = view.meetingId() != null
				? callManagement.occurrencesOfMeetings(view.companyId(), List.of(view.meetingId()), now).get(view.meetingId())
				: callManagement.occurrencesInRooms(view.companyId(), List.of(view.joinUrl()), now).get(view.joinUrl());
		boolean stopped = current != null && ((current.status() == dev.assent.calls.CallStatus.SKIPPED
				&& current.skipReason() == dev.assent.calls.SkipReason.PARTICIPANT_OPTED_OUT)
				|| current.status() == dev.assent.calls.CallStatus.PARTIAL);
		if (!stopped) {
			return new Found(view, generation, null, room);
		}
		return new Found(withRecordingStopped(view), generation, now.plus(STOPPED_PAGE_LIFETIME), room);
	}

	private static PageView withRecordingStopped(PageView v) {
		return new PageView(v.companyId(), v.companyName(), v.companySlug(), v.memberId(), v.memberName(), v.memberSlug(),
				v.profileId(), v.profileVersion(), v.participantChoice(), v.provider(), v.joinUrl(), v.customNoticeHtml(),
				v.policyUrl(), v.logoUrl(), v.languages(), v.choices(), v.linkToken(), v.tokenRequiredFrom(), v.meetingId(),
				v.meetingSlug(), true, v.purposes(), v.lawfulBasis(), v.legitimateInterestsAssessment());
	}

	/**
	 * The page exactly as participants of a member with this profile will see it, for a sample
	 * member (PRODUCT C6). {@code draft} previews unsaved settings; {@code null} uses the saved ones.
	 */
	public String previewHtml(UUID companyId, UUID profileId, @Nullable ConsentPageSettings draft, String language) {
		PageView view = preview(companyId, profileId, draft);
		return renderer.preview(view, PageRenderer.language(view.languages(), language));
	}

	/** Unsaved settings to preview: validated and sanitised like a save, but not stored. */
	public ConsentPageSettings draft(UUID companyId, @Nullable String noticeHtml, @Nullable String policyUrl) {
		ConsentPageSettings s = settings(companyId);
		return new ConsentPageSettings(companyId, s.linkType(), s.protectedLinks(), s.protectedSince(),
				noticeHtml == null ? s.noticeHtml() : notice(noticeHtml),
				policyUrl == null ? s.policyUrl() : policyUrl.isBlank() ? null : Urls.requireWebLink("policyUrl", policyUrl),
				s.logoSha256(), s.logoType(), s.updatedAt());
	}

	PageView preview(UUID companyId, UUID profileId, @Nullable ConsentPageSettings draft) {
		Company c = companies.get(companyId);
		ConsentProfile profile = profiles.get(companyId, profileId);
		ConsentPageSettings s = draft != null ? draft : settings(companyId);
		Instant now = Instant.now(clock);
		Member sample = new Member(new UUID(0, 0), companyId, "Alex Example", "alex@example.com", "alex", null, null,
				dev.assent.accounts.Role.MEMBER, true, true, profileId, "https://zoom.us/j/0000000000", null, now, now);
		return view(c, sample, profile, s);
	}

	private PageView view(Company c, Member m, ConsentProfile profile, ConsentPageSettings s) {
		return view(c, m, profile, s, null);
	}

	/** The page of the member's personal room, or with {@code meeting} of that meeting's own room. */
	private PageView view(Company c, Member m, ConsentProfile profile, ConsentPageSettings s, @Nullable Meeting meeting) {
		String joinUrl = meeting != null ? meeting.joinUrl() : m.personalMeetingUrl();
		Provider provider = meeting != null ? meeting.provider() : providers.of(joinUrl);
		String notice = profile.noticeHtml() != null ? profile.noticeHtml() : s.noticeHtml();
		return new PageView(c.id(), c.name(), c.slug(), m.id(), m.name(), m.slug(), profile.id(), profile.version(),
				profile.participantChoice(), provider, joinUrl, notice, s.policyUrl(),
				s.logoSha256() == null ? null : "/assets/logos/" + s.logoSha256(), List.copyOf(profile.languages()),
				PageView.choicesFor(profile.participantChoice(), provider, joinUrl),
				s.protectedLinks() ? tokens.linkToken(c.id(), m.id()) : null,
				s.protectedSince() == null ? null : s.protectedSince().plus(PROTECTION_TRANSITION),
				meeting == null ? null : meeting.id(), meeting == null ? null : meeting.linkSlug(), false,
				profile.purposes(), profile.lawfulBasis(), profile.legitimateInterestsAssessment());
	}

	void rememberShownText(String sha256, String html) {
		settings.rememberShownText(sha256, html, Instant.now(clock));
	}

	/** The exact notice a decision refers to, by its content hash. */
	public Optional<String> shownText(String sha256) {
		return settings.shownText(sha256);
	}

	static String sha256(byte[] bytes) {
		try {
			return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
		}
		catch (NoSuchAlgorithmException ex) {
			throw new IllegalStateException(ex);
		}
	}

	static String sha256(String text) {
		return sha256(text.getBytes(StandardCharsets.UTF_8));
	}

}
