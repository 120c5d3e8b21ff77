package dev.assent.consentpage;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Instant;
import java.util.Collection;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import org.jspecify.annotations.Nullable;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import dev.assent.accounts.Company;
import dev.assent.accounts.CompanyManagement;
import dev.assent.accounts.Member;
import dev.assent.accounts.MemberManagement;
import dev.assent.accounts.Role;
import dev.assent.calls.CallManagement;
import dev.assent.profiles.ConsentProfile;
import dev.assent.profiles.ProfileManagement;
import dev.assent.shared.ConfigChanges;
import dev.assent.shared.Html;
import dev.assent.shared.InvalidInput;
import dev.assent.shared.Urls;

/**
 * Consent page settings of a company, its members' consent links and the preview of its page (PRODUCT C1–C6, C9).
 * What a link shows when it is opened is {@link PageLinks}'.
 */
@Service
public class ConsentPageManagement {

	static final int MAX_LOGO_BYTES = 512 * 1024;

	private final PageSettings settings;

	private final CompanyManagement companies;

	private final MemberManagement members;

	private final ProfileManagement profiles;

	private final ParticipantTokens tokens;

	private final ConfigChanges changes;

	private final PageLinks links;

	private final PageRenderer renderer;

	private final Clock clock;

	/** Lazily: calls asks this module for consent links (ConsentLinks), this module asks calls for meetings. */
	private final ObjectProvider<CallManagement> calls;

	ConsentPageManagement(PageSettings settings, CompanyManagement companies, MemberManagement members,
			ProfileManagement profiles, ParticipantTokens tokens, ConfigChanges changes, PageLinks links,
			PageRenderer renderer, Clock clock, ObjectProvider<CallManagement> calls) {
		this.settings = settings;
		this.companies = companies;
		this.members = members;
		this.profiles = profiles;
		this.tokens = tokens;
		this.changes = changes;
		this.links = links;
		this.renderer = renderer;
		this.clock = clock;
		this.calls = calls;
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
	public Map<UUID, String> consentLinks(UUID companyId, Collection<Member> some, String baseUrl) {
		String prefix = baseUrl + "/" + companies.get(companyId).slug() + "/";
		boolean protect = settings(companyId).protectedLinks();
		Map<UUID, String> links = new LinkedHashMap<>();
		for (Member m : some) {
			if (m.companyId().equals(companyId) && m.hasConsentPage()) {
				links.put(m.id(), prefix + PageLinks.personalPath(m, protect, tokens));
			}
		}
		return links;
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
				Role.MEMBER, true, true, profileId, "https://zoom.us/j/0000000000", null, now, now);
		return links.view(c, sample, profile, s);
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
