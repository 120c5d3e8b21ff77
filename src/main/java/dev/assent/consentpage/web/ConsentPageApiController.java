package dev.assent.consentpage.web;

import java.util.List;
import java.util.UUID;

import jakarta.validation.Valid;
import jakarta.validation.constraints.Size;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.ExampleObject;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;

import org.springframework.http.MediaType;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
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
import dev.assent.calls.CallManagement;
import dev.assent.consentpage.ConsentManagement;
import dev.assent.consentpage.ConsentPageManagement;
import dev.assent.consentpage.ConsentPageSettings;
import dev.assent.consentpage.Decision;
import dev.assent.consentpage.LinkType;
import dev.assent.consentpage.SettingsChanges;
import dev.assent.profiles.ProfileManagement;
import dev.assent.shared.BaseUrl;
import dev.assent.shared.Keyset;
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

	private final CallManagement calls;

	ConsentPageApiController(ConsentPageManagement pages, ConsentManagement consents, CompanyManagement companies,
			MemberManagement members, ProfileManagement profiles, BaseUrl baseUrl, PatchBodies patches,
			CallManagement calls) {
		this.patches = patches;
		this.calls = calls;
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

	@Schema(description = "Unsaved settings to preview; fields left out are the saved ones")
	record PreviewDraft(
			@Schema(description = "HTML notice, sanitised as a save would") @Nullable @Size(max = 20000) String noticeHtml,
			@Schema(example = "https://acme.example/privacy") @Nullable @Size(max = 2000) String policyUrl,
			@Schema(description = "the consent profile to preview with; the company's default when left out") @Nullable UUID profile,
			@Schema(description = "the page's language; else Accept-Language, else en", example = "de") @Nullable @Size(max = 35) String language) {
	}

	@PostMapping(path = "/consent-page/preview", produces = MediaType.TEXT_HTML_VALUE)
	@Operation(summary = "Preview unsaved settings as participants would see them (C6)",
			description = "What the admin page's Preview button shows: the notice and policy link of the body, validated and "
					+ "sanitised like a save, rendered with a profile; nothing is stored. An invalid notice or link answers 400.")
	String previewDraft(@AuthenticationPrincipal Tenant tenant, @Valid @RequestBody PreviewDraft body,
			@RequestHeader(name = "Accept-Language", required = false) @Nullable String language) {
		UUID companyId = tenant.companyId();
		UUID profileId = body.profile() != null ? body.profile() : profiles.defaultProfile(companyId).id();
		String lang = body.language() != null && !body.language().isBlank() ? body.language()
				: language != null ? language : "en";
		return pages.previewHtml(companyId, profileId, pages.draft(companyId, body.noticeHtml(), body.policyUrl()), lang);
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

	@Schema(description = "One page of decisions, newest first")
	record DecisionList(List<Decision> items,
			@Schema(description = "pass as cursor for the next page; null on the last page") @JsonInclude(JsonInclude.Include.ALWAYS) @Nullable String nextCursor) {
	}

	static final String DECISIONS_EXAMPLE = """
			{"items": [{"id": "0193a6f2-7c1e-7d4a-9b1f-3c2d4e5f6a7b", "companyId": "0193a6f2-0000-7000-8000-000000000001",
			  "memberId": "0193a6f2-0000-7000-8000-000000000002", "callId": "0193a6f2-0000-7000-8000-000000000003",
			  "participantId": "p-5f2c9e", "choice": "DONT_RECORD", "outcome": "OPTED_OUT", "noticeSha256": "9f86d08…",
			  "language": "en", "choicesOffered": ["RECORD", "DONT_RECORD"], "profileId": "0193a6f2-0000-7000-8000-000000000004",
			  "profileVersion": 3, "provider": "ZOOM", "joinUrl": "https://us02web.zoom.us/j/81234567890",
			  "decidedAt": "2026-12-03T09:00:00Z", "purposesRefused": []}],
			 "nextCursor": "MjAyNi0xMi0wM1QwOTowMDowMFp8NDI"}""";

	@GetMapping("/consent-decisions")
	@Operation(summary = "The decision log: participant decisions, newest first",
			description = "What /admin/decisions shows. Every decision is kept; for one participant and occurrence the newest "
					+ "governs (C10). A stable order (decision time, then storage order); keyset-paginated: pass the answer's "
					+ "nextCursor as cursor for the next page (null on the last), pages never shift as new decisions arrive.")
	@ApiResponse(responseCode = "200", content = @Content(schema = @Schema(implementation = DecisionList.class),
			examples = @ExampleObject(name = "opt-out", value = DECISIONS_EXAMPLE)))
	@ApiResponse(responseCode = "400", description = "size out of range, or a cursor that is not one of this list")
	@ApiResponse(responseCode = "404", description = "member or call is not one of this company")
	DecisionList decisions(@AuthenticationPrincipal Tenant tenant,
			@Parameter(description = "only this team member's pages") @RequestParam(required = false) @Nullable UUID member,
			@Parameter(description = "only this call") @RequestParam(required = false) @Nullable UUID call,
			@Parameter(description = "the nextCursor of the previous page") @RequestParam(required = false) @Nullable String cursor,
			@Parameter(description = "1 to 500 (default 100)") @RequestParam(required = false) @Nullable Integer size,
			@Parameter(description = "former name of size", deprecated = true) @RequestParam(required = false) @Nullable Integer limit) {
		UUID companyId = tenant.companyId();
		if (member != null) {
			members.get(companyId, member);
		}
		if (call != null) {
			calls.get(companyId, call);
		}
		int n = Keyset.size(size != null ? size : limit != null ? limit : 100);
		Keyset.Page<Decision> page = consents.decisionLog(companyId, member, call, Keyset.cursor(cursor), n);
		return new DecisionList(page.items(), page.nextCursor());
	}

	private SettingsResource resource(UUID companyId, ConsentPageSettings s) {
		return new SettingsResource(companies.get(companyId).slug(), s.linkType(), s.protectedLinks(), s.protectedSince(),
				s.noticeHtml(), s.policyUrl(), s.logoSha256() == null ? null : "/assets/logos/" + s.logoSha256(), null);
	}

}
