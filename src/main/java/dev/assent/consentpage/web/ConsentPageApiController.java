package dev.assent.consentpage.web;

import java.util.List;
import java.util.UUID;

import jakarta.validation.constraints.Size;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;

import org.springframework.http.MediaType;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import dev.assent.accounts.CompanyManagement;
import dev.assent.accounts.MemberManagement;
import dev.assent.accounts.MemberQuery;
import dev.assent.accounts.Tenant;
import dev.assent.consentpage.ConsentManagement;
import dev.assent.consentpage.ConsentPageManagement;
import dev.assent.consentpage.ConsentPageSettings;
import dev.assent.consentpage.Decision;
import dev.assent.consentpage.LinkType;
import dev.assent.consentpage.SettingsChanges;
import dev.assent.profiles.ProfileManagement;
import dev.assent.shared.BaseUrl;
import dev.assent.shared.PatchBodies;

@RestController
@RequestMapping("/api/v1")
@Tag(name = "Consent page", description = "Settings, preview, personal links and decisions (C1–C6, C9, C10)")
class ConsentPageApiController {

	private final ConsentPageManagement pages;

	private final ConsentManagement consents;

	private final CompanyManagement companies;

	private final MemberManagement members;

	private final ProfileManagement profiles;

	private final BaseUrl baseUrl;

	private final PatchBodies patches;

	ConsentPageApiController(ConsentPageManagement pages, ConsentManagement consents, CompanyManagement companies,
			MemberManagement members, ProfileManagement profiles, BaseUrl baseUrl, PatchBodies patches) {
		this.patches = patches;
		this.pages = pages;
		this.consents = consents;
		this.companies = companies;
		this.members = members;
		this.profiles = profiles;
		this.baseUrl = baseUrl;
	}

	record SettingsResource(String companySlug, LinkType linkType, boolean protectedLinks,
			java.time.@Nullable Instant protectedSince, @Nullable String noticeHtml, @Nullable String policyUrl,
			@Nullable String logoUrl, @Nullable SlugChange slugChange) {
	}

	/** Answered when companySlug changed (C5): the old links keep working as permanent redirects. */
	record SlugChange(String oldSlug, long scheduledMeetingsWithOldLinks, String note) {
	}

	@GetMapping("/consent-page")
	SettingsResource get(@AuthenticationPrincipal Tenant tenant) {
		return resource(tenant.companyId(), pages.settings(tenant.companyId()));
	}

	@Schema(description = "Fields left out stay as they are; null returns noticeHtml to the built-in notice and removes policyUrl")
	record SettingsUpdate(
			@Schema(description = "the company's part of every consent link", example = "acme") @Nullable @Size(min = 1, max = 48) String companySlug,
			@Nullable LinkType linkType,
			@Schema(description = "consent links carry ?t=<token>; unprotected links then stop working (C9)") @Nullable Boolean protectedLinks,
			@Schema(description = "sanitised HTML notice shown above the choices") @Nullable @Size(max = 20000) String noticeHtml,
			@Schema(example = "https://acme.example/privacy") @Nullable @Size(max = 2000) String policyUrl) {
	}

	@PutMapping("/consent-page")
	@Operation(summary = "Change the consent page settings", description = "Fields left out stay as they are. noticeHtml is sanitised; null returns to the built-in notice. Changing companySlug keeps old links working as permanent redirects; the answer's slugChange says how many scheduled meetings carry links with the old one (C5).",
			requestBody = @io.swagger.v3.oas.annotations.parameters.RequestBody(required = true,
					content = @Content(schema = @Schema(implementation = SettingsUpdate.class))))
	SettingsResource put(@AuthenticationPrincipal Tenant tenant, @RequestBody JsonNode body) {
		PatchBodies.Patch<SettingsUpdate> patch = patches.read(body, SettingsUpdate.class);
		SettingsUpdate u = patch.value();
		var changes = new SettingsChanges(u.companySlug(), u.linkType(), u.protectedLinks(), u.noticeHtml(),
				u.policyUrl(), patch.cleared(SettingsChanges.CLEARABLE));
		String oldSlug = companies.get(tenant.companyId()).slug();
		SettingsResource saved = resource(tenant.companyId(), pages.update(tenant.companyId(), changes));
		if (saved.companySlug().equals(oldSlug)) {
			return saved;
		}
		long meetings = pages.scheduledMeetingsWithConsentLinks(tenant.companyId());
		return new SettingsResource(saved.companySlug(), saved.linkType(), saved.protectedLinks(), saved.protectedSince(),
				saved.noticeHtml(), saved.policyUrl(), saved.logoUrl(), new SlugChange(oldSlug, meetings, meetings
						+ " scheduled meeting(s) carry consent links with /" + oldSlug + "/ in their invites; they keep "
						+ "working as permanent redirects to /" + saved.companySlug() + "/."));
	}

	@PutMapping(path = "/consent-page/logo", consumes = { MediaType.IMAGE_PNG_VALUE, MediaType.IMAGE_JPEG_VALUE,
			"image/webp", MediaType.APPLICATION_OCTET_STREAM_VALUE })
	@Operation(summary = "Upload the logo", description = "PNG, JPEG or WebP, at most 512 KB; checked by content.")
	SettingsResource logo(@AuthenticationPrincipal Tenant tenant, @RequestBody byte[] image) {
		return resource(tenant.companyId(), pages.updateLogo(tenant.companyId(), image));
	}

	@GetMapping(path = "/consent-page/preview", produces = MediaType.TEXT_HTML_VALUE)
	@Operation(summary = "Preview the page as participants will see it (C6)")
	String preview(@AuthenticationPrincipal Tenant tenant, @RequestParam(required = false) @Nullable UUID profile,
			@RequestHeader(name = "Accept-Language", required = false) @Nullable String language) {
		UUID profileId = profile != null ? profile : profiles.defaultProfile(tenant.companyId()).id();
		return pages.previewHtml(tenant.companyId(), profileId, null, language == null ? "en" : language);
	}

	record MemberLink(UUID memberId, String name, String email, String consentLink,
			@Nullable String personalMeetingUrl) {
	}

	record LinkList(List<MemberLink> items) {
	}

	@GetMapping("/consent-page/links")
	@Operation(summary = "Personal consent links of every recorded team member (C1, C9)")
	LinkList links(@AuthenticationPrincipal Tenant tenant) {
		String base = baseUrl.get();
		List<dev.assent.accounts.Member> recorded = members.search(tenant.companyId(), MemberQuery.all())
			.items()
			.stream()
			.filter(m -> m.hasConsentPage())
			.toList();
		java.util.Map<UUID, String> links = pages.consentLinks(tenant.companyId(), recorded, base);
		return new LinkList(recorded.stream()
			.map(m -> new MemberLink(m.id(), m.name(), m.email(), links.get(m.id()), m.personalMeetingUrl()))
			.toList());
	}

	record DecisionList(List<Decision> items) {
	}

	@GetMapping("/consent-decisions")
	@Operation(summary = "Participant decisions, newest first", description = "Every decision is kept; for one participant and occurrence the newest governs (C10).")
	DecisionList decisions(@AuthenticationPrincipal Tenant tenant, @RequestParam(required = false) @Nullable UUID member,
			@RequestParam(defaultValue = "100") int limit) {
		if (member != null) {
			members.get(tenant.companyId(), member);
			return new DecisionList(consents.decisionsForMember(tenant.companyId(), member, limit));
		}
		return new DecisionList(consents.recentDecisions(tenant.companyId(), limit));
	}

	private SettingsResource resource(UUID companyId, ConsentPageSettings s) {
		return new SettingsResource(companies.get(companyId).slug(), s.linkType(), s.protectedLinks(), s.protectedSince(),
				s.noticeHtml(), s.policyUrl(), s.logoSha256() == null ? null : "/assets/logos/" + s.logoSha256(), null);
	}

}
