package dev.assent.consentpage.web;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.function.Function;
import java.util.stream.Collectors;

import jakarta.servlet.http.HttpServletResponse;

import org.jspecify.annotations.Nullable;

import org.springframework.context.MessageSource;
import org.springframework.context.i18n.LocaleContextHolder;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.validation.BindingResult;
import org.springframework.web.bind.WebDataBinder;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.InitBinder;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.multipart.MultipartFile;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

import dev.assent.accounts.CompanyManagement;
import dev.assent.accounts.Member;
import dev.assent.accounts.MemberManagement;
import dev.assent.accounts.MemberPage;
import dev.assent.accounts.MemberQuery;
import dev.assent.accounts.ProfileAssignment;
import dev.assent.accounts.Team;
import dev.assent.accounts.TeamManagement;
import dev.assent.accounts.Tenant;
import dev.assent.consentpage.ConsentPageManagement;
import dev.assent.consentpage.ConsentPageSettings;
import dev.assent.consentpage.SettingsChanges;
import dev.assent.profiles.ConsentProfile;
import dev.assent.profiles.ProfileManagement;
import dev.assent.shared.AdminForms;
import dev.assent.shared.BaseUrl;
import dev.assent.shared.Languages;
import dev.assent.shared.Conflict;
import dev.assent.shared.InvalidInput;
import dev.assent.calls.ProviderDomains;

/**
 * The consent page settings of the admin UI (PRODUCT C1, C5, C6, C9, L1): the company part of the
 * links, link type, protected links, notice and policy, the logo, a preview of unsaved settings
 * exactly as participants will see the page, and every recorded member's personal link.
 */
@Controller
@RequestMapping("/admin/consent-page")
class ConsentPageAdminController {

	/** The public page's policy (see the consent page module), not the admin UI's. */
	static final String PREVIEW_CSP = "default-src 'none'; style-src 'self'; img-src 'self'; form-action 'none'; "
			+ "base-uri 'none'; frame-ancestors 'none'";

	private static final Map<String, String> FIELDS = Map.of("slug", "companySlug");

	private final ConsentPageManagement pages;

	private final CompanyManagement companies;

	private final MemberManagement members;

	private final TeamManagement teamManagement;

	private final ProfileManagement profiles;

	private final ProviderDomains providers;

	private final BaseUrl baseUrl;

	private final MessageSource messages;

	ConsentPageAdminController(ConsentPageManagement pages, CompanyManagement companies, MemberManagement members,
			TeamManagement teamManagement, ProfileManagement profiles, ProviderDomains providers, BaseUrl baseUrl,
			MessageSource messages) {
		this.messages = messages;
		this.pages = pages;
		this.companies = companies;
		this.members = members;
		this.teamManagement = teamManagement;
		this.profiles = profiles;
		this.providers = providers;
		this.baseUrl = baseUrl;
	}

	@InitBinder
	void initBinder(WebDataBinder binder) {
		binder.setDisallowedFields("id");
		binder.setBindingErrorProcessor(AdminForms.FRIENDLY_BINDING_ERRORS);
	}

	/** A recorded member's personal link, with the profile that governs the page and the provider link it leads to. */
	record LinkRow(UUID memberId, String name, String email, @Nullable String team, String profile, boolean pageOn,
			String link, @Nullable String meetingUrl, @Nullable String provider) {
	}

	@GetMapping
	String show(@AuthenticationPrincipal Tenant tenant, Model model) {
		UUID companyId = tenant.companyId();
		model.addAttribute("settings", SettingsForm.of(companies.get(companyId).slug(), pages.settings(companyId)));
		return page(companyId, model);
	}

	@PostMapping
	String update(@AuthenticationPrincipal Tenant tenant, @ModelAttribute("settings") SettingsForm form,
			BindingResult result, Model model, RedirectAttributes redirect, HttpServletResponse response) {
		UUID companyId = tenant.companyId();
		String oldSlug = companies.get(companyId).slug();
		if (!result.hasErrors()) {
			try {
				String slug = form.getCompanySlug() == null ? "" : form.getCompanySlug().strip();
				Set<String> cleared = new HashSet<>();
				String notice = blankToNull(form.getNoticeHtml());
				String policy = blankToNull(form.getPolicyUrl());
				if (notice == null) {
					cleared.add("noticeHtml");
				}
				if (policy == null) {
					cleared.add("policyUrl");
				}
				pages.update(companyId, new SettingsChanges(slug.equals(oldSlug) ? null : slug, form.getLinkType(),
						form.isProtectedLinks(), notice, policy, cleared));
				String newSlug = companies.get(companyId).slug();
				redirect.addFlashAttribute("flash", newSlug.equals(oldSlug) ? text("consentPage.flash.saved")
						: text("consentPage.flash.slugChanged", baseUrl(), newSlug, oldSlug,
								pages.scheduledMeetingsWithConsentLinks(companyId)));
				return "redirect:/admin/consent-page";
			}
			catch (InvalidInput ex) {
				AdminForms.reject(result, ex, FIELDS);
			}
			catch (Conflict ex) {
				// The only conflict a settings change can meet is a link name another company uses.
				AdminForms.reject(result, "companySlug", ex);
			}
		}
		response.setStatus(HttpStatus.UNPROCESSABLE_ENTITY.value());
		return page(companyId, model);
	}

	@PostMapping(path = "/logo", consumes = MediaType.MULTIPART_FORM_DATA_VALUE)
	String logo(@AuthenticationPrincipal Tenant tenant, @RequestParam(name = "logo", required = false) @Nullable MultipartFile logo,
			RedirectAttributes redirect) throws IOException {
		if (logo == null || logo.isEmpty()) {
			redirect.addFlashAttribute("flashError", text("consentPage.flash.noLogo"));
			return "redirect:/admin/consent-page#logo";
		}
		try {
			pages.updateLogo(tenant.companyId(), logo.getBytes());
			redirect.addFlashAttribute("flash", text("consentPage.flash.logo"));
		}
		catch (InvalidInput ex) {
			redirect.addFlashAttribute("flashError", text("consentPage.flash.logoRefused",
					ex.fields(messages, LocaleContextHolder.getLocale()).values().iterator().next()));
		}
		return "redirect:/admin/consent-page#logo";
	}

	/**
	 * The page exactly as participants of a member with the chosen profile will see it, with the
	 * unsaved notice and policy from the settings form (PRODUCT C6). It carries the public page's
	 * strict CSP, not the admin UI's.
	 */
	@PostMapping("/preview")
	@Nullable String preview(@AuthenticationPrincipal Tenant tenant,
			@RequestParam(required = false) @Nullable String noticeHtml,
			@RequestParam(required = false) @Nullable String policyUrl,
			@RequestParam(required = false) @Nullable UUID previewProfile,
			@RequestParam(required = false) @Nullable String previewLanguage,
			@RequestHeader(name = "Accept-Language", required = false) @Nullable String acceptLanguage,
			HttpServletResponse response, Model model) throws IOException {
		UUID companyId = tenant.companyId();
		UUID profileId = previewProfile != null ? profiles.get(companyId, previewProfile).id()
				: profiles.defaultProfile(companyId).id();
		String language = previewLanguage != null && !previewLanguage.isBlank() ? previewLanguage
				: acceptLanguage != null ? acceptLanguage : "en";
		String html;
		try {
			html = pages.previewHtml(companyId, profileId, pages.draft(companyId, noticeHtml, policyUrl), language);
		}
		catch (InvalidInput ex) {
			response.setStatus(HttpStatus.BAD_REQUEST.value());
			List<String> problems = new ArrayList<>();
			Locale locale = LocaleContextHolder.getLocale();
			ex.fields(messages, locale)
				.forEach((field, message) -> problems.add(messages.getMessage("consentPage.preview.problem",
						new Object[] { label(field, locale), message.replaceAll(",? or null\\b.*$", "") }, locale)));
			model.addAttribute("problems", problems);
			return "admin/preview-error";
		}
		byte[] body = html.getBytes(StandardCharsets.UTF_8);
		response.setStatus(HttpStatus.OK.value());
		response.setContentType("text/html;charset=UTF-8");
		response.setHeader("Content-Security-Policy", PREVIEW_CSP);
		response.setHeader("Cache-Control", "no-store");
		response.setHeader("Referrer-Policy", "no-referrer");
		response.setContentLength(body.length);
		response.getOutputStream().write(body);
		return null;
	}

	private String page(UUID companyId, Model model) {
		ConsentPageSettings saved = pages.settings(companyId);
		List<ConsentProfile> all = profiles.list(companyId);
		model.addAttribute("currentSlug", companies.get(companyId).slug());
		model.addAttribute("baseUrl", baseUrl());
		model.addAttribute("logoUrl", saved.logoSha256() == null ? null : "/assets/logos/" + saved.logoSha256());
		model.addAttribute("protectedSince", saved.protectedSince());
		model.addAttribute("profiles", all);
		model.addAttribute("languageNames", Languages.englishNames());
		model.addAttribute("links", links(companyId, all));
		return "admin/consent-page";
	}

	private List<LinkRow> links(UUID companyId, List<ConsentProfile> all) {
		List<Member> recorded = new ArrayList<>();
		for (int page = 0;; page++) {
			MemberPage result = members.search(companyId, new MemberQuery(null, null, null, page, 500));
			result.items().stream().filter(Member::hasConsentPage).forEach(recorded::add);
			if (result.items().isEmpty() || (long) (page + 1) * result.size() >= result.total()) {
				break;
			}
		}
		Map<UUID, ConsentProfile> byId = all.stream().collect(Collectors.toMap(ConsentProfile::id, Function.identity()));
		Map<UUID, String> teams = teamManagement.all(companyId).stream().collect(Collectors.toMap(Team::id, Team::name));
		Map<UUID, ProfileAssignment> assignments = members.effectiveProfiles(companyId, recorded);
		Map<UUID, String> links = pages.consentLinks(companyId, recorded, baseUrl());
		return recorded.stream().map(m -> {
			ConsentProfile p = byId.get(assignments.get(m.id()).profileId());
			String url = m.personalMeetingUrl();
			return new LinkRow(m.id(), m.name(), m.email(), m.teamId() == null ? null : teams.get(m.teamId()),
					p == null ? "?" : p.name(), p != null && p.consentPage().isOn(),
					links.get(m.id()), url, url == null ? null : providers.of(url).displayName());
		}).toList();
	}

	private String label(String field, Locale locale) {
		return switch (field) {
			case "policyUrl" -> messages.getMessage("consentPage.policy", null, locale);
			case "noticeHtml" -> messages.getMessage("consentPage.notice", null, locale);
			default -> field;
		};
	}

	private String baseUrl() {
		return baseUrl.get();
	}

	private static @Nullable String blankToNull(@Nullable String value) {
		return value == null || value.isBlank() ? null : value.strip();
	}

	/** An admin UI text from admin-messages.properties. */
	private String text(String code, Object... args) {
		return messages.getMessage(code, args, LocaleContextHolder.getLocale());
	}

}
