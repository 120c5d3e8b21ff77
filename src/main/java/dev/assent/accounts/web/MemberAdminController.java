package dev.assent.accounts.web;

import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;

import jakarta.servlet.http.HttpServletResponse;

import org.jspecify.annotations.Nullable;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.context.MessageSource;
import org.springframework.context.i18n.LocaleContextHolder;
import org.springframework.http.HttpStatus;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.validation.BindingResult;
import org.springframework.web.bind.WebDataBinder;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.InitBinder;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;
import org.springframework.web.util.UriComponentsBuilder;

import dev.assent.accounts.CompanyManagement;
import dev.assent.accounts.ConsentLinks;
import dev.assent.accounts.ConsentProfileCatalog;
import dev.assent.accounts.Member;
import dev.assent.accounts.MemberChanges;
import dev.assent.accounts.MemberDraft;
import dev.assent.accounts.MemberManagement;
import dev.assent.accounts.MemberPage;
import dev.assent.accounts.MemberQuery;
import dev.assent.accounts.ProfileAssignment;
import dev.assent.accounts.Role;
import dev.assent.accounts.Team;
import dev.assent.accounts.TeamManagement;
import dev.assent.accounts.Tenant;
import dev.assent.shared.AdminForms;
import dev.assent.shared.BaseUrl;
import dev.assent.shared.Conflict;
import dev.assent.shared.InvalidInput;

/**
 * The team members pages of the admin UI (PRODUCT T2, T3, P3): a searchable list with each
 * member's effective consent profile and personal link, and the add/edit form. The list's table
 * is an htmx fragment of the same template, swapped in as the admin types.
 */
@Controller
@RequestMapping("/admin/members")
class MemberAdminController {

	static final int PAGE_SIZE = 25;

	/** The module API's field names that differ from the form's. */
	private static final Map<String, String> FIELDS = Map.of("team", "teamId");

	private final MemberManagement members;

	private final TeamManagement teamManagement;

	private final ConsentProfileCatalog profiles;

	private final CompanyManagement companies;

	private final ObjectProvider<ConsentLinks> links;

	private final BaseUrl baseUrl;

	private final MessageSource messages;

	MemberAdminController(MemberManagement members, TeamManagement teamManagement, ConsentProfileCatalog profiles,
			CompanyManagement companies, ObjectProvider<ConsentLinks> links, BaseUrl baseUrl, MessageSource messages) {
		this.messages = messages;
		this.members = members;
		this.teamManagement = teamManagement;
		this.profiles = profiles;
		this.companies = companies;
		this.links = links;
		this.baseUrl = baseUrl;
	}

	@InitBinder
	void initBinder(WebDataBinder binder) {
		binder.setDisallowedFields("id");
		binder.setBindingErrorProcessor(AdminForms.FRIENDLY_BINDING_ERRORS);
	}

	/** One row of the list: the member with the profile that applies and where it comes from. */
	record Row(UUID id, String name, String email, @Nullable String team, String role, boolean recorded,
			boolean active, String profile, String profileSource, @Nullable String link) {
	}

	record Pagination(int page, int pages, long total, long from, long to, @Nullable String previous,
			@Nullable String next) {
	}

	@GetMapping
	String list(@AuthenticationPrincipal Tenant tenant, @RequestParam(required = false) @Nullable String q,
			@RequestParam(required = false) @Nullable String team,
			@RequestParam(required = false) @Nullable String profile,
			@RequestParam(required = false) @Nullable String page,
			@RequestHeader(name = "HX-Request", required = false) @Nullable String htmx,
			@RequestHeader(name = "HX-History-Restore-Request", required = false) @Nullable String historyRestore,
			HttpServletResponse response, Model model) {
		UUID companyId = tenant.companyId();
		List<Team> teams = teamManagement.all(companyId);
		UUID requestedTeam = parseUuid(team);
		UUID teamId = teams.stream().anyMatch(t -> t.id().equals(requestedTeam)) ? requestedTeam : null;
		int pageNumber = Math.max(parseInt(page, 1), 1);
		MemberPage result = members.search(companyId,
				new MemberQuery(clean(q), teamId, clean(profile), pageNumber - 1, PAGE_SIZE));
		Map<UUID, String> teamNames = teams.stream().collect(Collectors.toMap(Team::id, Team::name));
		Map<UUID, String> profileNames = profiles.names(companyId);
		Map<UUID, ProfileAssignment> assignments = members.effectiveProfiles(companyId, result.items());
		Map<UUID, String> personalLinks = linksOf(companyId, result.items());
		List<Row> rows = result.items()
			.stream()
			.map(m -> row(m, assignments.get(m.id()), teamNames, profileNames, personalLinks.get(m.id())))
			.toList();

		model.addAttribute("rows", rows);
		model.addAttribute("q", clean(q));
		model.addAttribute("team", teamId);
		model.addAttribute("profile", clean(profile));
		model.addAttribute("teams", teams);
		model.addAttribute("profileNames", profileNames.values());
		model.addAttribute("filtered", clean(q) != null || teamId != null || clean(profile) != null);
		model.addAttribute("pagination", pagination(result, pageNumber, clean(q), teamId, clean(profile)));
		response.addHeader("Vary", "HX-Request");
		boolean fragment = htmx != null && historyRestore == null;
		return fragment ? "admin/members :: table" : "admin/members";
	}

	@GetMapping("/new")
	String add(@AuthenticationPrincipal Tenant tenant, Model model) {
		model.addAttribute("member", new MemberForm());
		return form(tenant, null, model);
	}

	@PostMapping
	String create(@AuthenticationPrincipal Tenant tenant, @ModelAttribute("member") MemberForm form,
			BindingResult result, Model model, RedirectAttributes redirect, HttpServletResponse response) {
		if (!result.hasErrors()) {
			try {
				Member created = members.create(tenant.companyId(),
						new MemberDraft(text(form.getName()), text(form.getEmail()), MemberForm.blankToNull(form.getSlug()),
								form.getTeamId(), null, form.getRole(), form.isRecorded(), form.getConsentProfileId(),
								MemberForm.blankToNull(form.getPersonalMeetingUrl()), null,
								MemberForm.blankToNull(form.getPassword())));
				redirect.addFlashAttribute("flash", text("members.flash.added", created.name()));
				return "redirect:/admin/members";
			}
			catch (InvalidInput ex) {
				AdminForms.reject(result, ex, FIELDS);
			}
			catch (Conflict ex) {
				conflict(result, ex);
			}
		}
		response.setStatus(HttpStatus.UNPROCESSABLE_ENTITY.value());
		form.setPassword(null);
		return form(tenant, null, model);
	}

	@GetMapping("/{id}")
	String edit(@AuthenticationPrincipal Tenant tenant, @PathVariable UUID id, Model model) {
		Member member = members.get(tenant.companyId(), id);
		model.addAttribute("member", MemberForm.of(member));
		return form(tenant, member, model);
	}

	@PostMapping("/{id}")
	String update(@AuthenticationPrincipal Tenant tenant, @PathVariable UUID id,
			@ModelAttribute("member") MemberForm form, BindingResult result, Model model, RedirectAttributes redirect,
			HttpServletResponse response) {
		UUID companyId = tenant.companyId();
		Member member = members.get(companyId, id);
		if (!result.hasErrors()) {
			try {
				Set<String> cleared = new HashSet<>();
				if (form.getTeamId() == null) {
					cleared.add("teamId");
				}
				if (form.getConsentProfileId() == null) {
					cleared.add("consentProfileId");
				}
				String url = MemberForm.blankToNull(form.getPersonalMeetingUrl());
				if (url == null) {
					cleared.add("personalMeetingUrl");
				}
				Member updated = members.update(companyId, id,
						new MemberChanges(text(form.getName()), text(form.getEmail()), text(form.getSlug()),
								form.getTeamId(), null, form.getRole(), form.isRecorded(), form.isActive(),
								form.getConsentProfileId(), url, null, cleared),
						MemberForm.blankToNull(form.getPassword()), tenant.memberId());
				redirect.addFlashAttribute("flash", text("members.flash.saved", updated.name()));
				return "redirect:/admin/members";
			}
			catch (InvalidInput ex) {
				AdminForms.reject(result, ex, FIELDS);
			}
			catch (Conflict ex) {
				conflict(result, ex);
			}
		}
		response.setStatus(HttpStatus.UNPROCESSABLE_ENTITY.value());
		form.setPassword(null);
		return form(tenant, member, model);
	}

	private String form(Tenant tenant, @Nullable Member member, Model model) {
		UUID companyId = tenant.companyId();
		UUID defaultProfile = profiles.defaultProfile(companyId);
		Map<UUID, String> profileNames = profiles.names(companyId);
		Map<UUID, String> profileOptions = new LinkedHashMap<>();
		profileNames.forEach((pid, name) -> profileOptions.put(pid, pid.equals(defaultProfile) ? name + " (default)" : name));
		model.addAttribute("memberId", member == null ? null : member.id());
		model.addAttribute("memberName", member == null ? null : member.name());
		model.addAttribute("teams", teamManagement.all(companyId));
		model.addAttribute("profileOptions", profileOptions);
		model.addAttribute("roles", Role.values());
		model.addAttribute("linkPrefix", baseUrl() + "/" + companies.get(companyId).slug() + "/");
		if (member != null) {
			ProfileAssignment a = members.effectiveProfile(companyId, member.id());
			model.addAttribute("effectiveProfile", profileNames.getOrDefault(a.profileId(), "?"));
			model.addAttribute("effectiveSource", sourceText(a, member.teamId() == null ? null
					: teamManagement.all(companyId).stream().filter(t -> t.id().equals(member.teamId())).map(Team::name)
						.findFirst().orElse(null)));
			model.addAttribute("link", linksOf(companyId, List.of(member)).get(member.id()));
		}
		return "admin/member-form";
	}

	private Map<UUID, String> linksOf(UUID companyId, List<Member> some) {
		ConsentLinks consentLinks = links.getIfAvailable();
		if (consentLinks != null) {
			return consentLinks.linksOf(companyId, some, baseUrl());
		}
		String prefix = baseUrl() + "/" + companies.get(companyId).slug() + "/";
		return some.stream().filter(Member::hasConsentPage).collect(Collectors.toMap(Member::id, m -> prefix + m.slug()));
	}

	private static Row row(Member m, ProfileAssignment a, Map<UUID, String> teamNames, Map<UUID, String> profileNames,
			@Nullable String link) {
		String team = m.teamId() == null ? null : teamNames.get(m.teamId());
		return new Row(m.id(), m.name(), m.email(), team, m.role() == Role.TECH_ADMIN ? "Tech admin" : "Member",
				m.recorded(), m.active(), profileNames.getOrDefault(a.profileId(), "?"), sourceText(a, team), link);
	}

	static String sourceText(ProfileAssignment a, @Nullable String team) {
		return switch (a.source()) {
			case MEMBER -> "assigned to the member";
			case TEAM -> team == null ? "from the team" : "from team " + team;
			case DEFAULT -> "company default";
		};
	}

	private static Pagination pagination(MemberPage result, int page, @Nullable String q, @Nullable UUID team,
			@Nullable String profile) {
		int pages = (int) Math.max(1, (result.total() + result.size() - 1) / result.size());
		long from = result.items().isEmpty() ? 0 : (long) (page - 1) * result.size() + 1;
		long to = from == 0 ? 0 : from + result.items().size() - 1;
		return new Pagination(page, pages, result.total(), from, to,
				page > 1 ? listUrl(q, team, profile, Math.min(page - 1, pages)) : null,
				page < pages ? listUrl(q, team, profile, page + 1) : null);
	}

	static String listUrl(@Nullable String q, @Nullable UUID team, @Nullable String profile, int page) {
		UriComponentsBuilder url = UriComponentsBuilder.fromPath("/admin/members");
		if (q != null) {
			url.queryParam("q", q);
		}
		if (team != null) {
			url.queryParam("team", team);
		}
		if (profile != null) {
			url.queryParam("profile", profile);
		}
		if (page > 1) {
			url.queryParam("page", page);
		}
		return url.encode().build().toUriString();
	}

	private static void conflict(BindingResult result, Conflict ex) {
		if ("conflict.member.email".equals(ex.code())) {
			AdminForms.reject(result, "email", ex);
		}
		else if ("conflict.member.slug".equals(ex.code()) || "conflict.company.slug".equals(ex.code())) {
			AdminForms.reject(result, "slug", ex);
		}
		else {
			AdminForms.reject(result, ex);
		}
	}

	private String baseUrl() {
		return baseUrl.get();
	}

	private static String text(@Nullable String value) {
		return value == null ? "" : value;
	}

	private static @Nullable String clean(@Nullable String value) {
		return value == null || value.isBlank() ? null : value.strip();
	}

	private static @Nullable UUID parseUuid(@Nullable String value) {
		try {
			return value == null || value.isBlank() ? null : UUID.fromString(value.strip());
		}
		catch (IllegalArgumentException ex) {
			return null;
		}
	}

	private static int parseInt(@Nullable String value, int fallback) {
		try {
			return value == null || value.isBlank() ? fallback : Integer.parseInt(value.strip());
		}
		catch (NumberFormatException ex) {
			return fallback;
		}
	}

	/** An admin UI text from admin-messages.properties. */
	private String text(String code, Object... args) {
		return messages.getMessage(code, args, LocaleContextHolder.getLocale());
	}

}
