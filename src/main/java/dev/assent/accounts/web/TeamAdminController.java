package dev.assent.accounts.web;

import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import jakarta.servlet.http.HttpServletResponse;

import org.jspecify.annotations.Nullable;

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
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

import dev.assent.accounts.ConsentProfileCatalog;
import dev.assent.accounts.Member;
import dev.assent.accounts.MemberManagement;
import dev.assent.accounts.MemberPage;
import dev.assent.accounts.MemberQuery;
import dev.assent.accounts.Team;
import dev.assent.accounts.TeamManagement;
import dev.assent.accounts.Tenant;
import dev.assent.shared.AdminForms;
import dev.assent.shared.Conflict;
import dev.assent.shared.InvalidInput;

/**
 * The teams pages of the admin UI (PRODUCT T2, P3): list with each team's consent profile and
 * size, create, rename and assign a profile (or none, so members fall back to the default).
 */
@Controller
@RequestMapping("/admin/teams")
class TeamAdminController {

	private final MemberManagement members;

	private final TeamManagement teamManagement;

	private final ConsentProfileCatalog profiles;

	private final MessageSource messages;

	TeamAdminController(MemberManagement members, TeamManagement teamManagement, ConsentProfileCatalog profiles,
			MessageSource messages) {
		this.messages = messages;
		this.members = members;
		this.teamManagement = teamManagement;
		this.profiles = profiles;
	}

	@InitBinder
	void initBinder(WebDataBinder binder) {
		binder.setDisallowedFields("id");
		binder.setBindingErrorProcessor(AdminForms.FRIENDLY_BINDING_ERRORS);
	}

	record Row(Team team, @Nullable String profile, long members) {
	}

	@GetMapping
	String list(@AuthenticationPrincipal Tenant tenant, Model model) {
		model.addAttribute("team", new TeamForm());
		return listPage(tenant, model);
	}

	@PostMapping
	String create(@AuthenticationPrincipal Tenant tenant, @ModelAttribute("team") TeamForm form, BindingResult result,
			Model model, RedirectAttributes redirect, HttpServletResponse response) {
		if (!result.hasErrors()) {
			try {
				Team team = teamManagement.create(tenant.companyId(), form.getName() == null ? "" : form.getName(),
						form.getConsentProfileId());
				redirect.addFlashAttribute("flash", text("teams.flash.created", team.name()));
				return "redirect:/admin/teams";
			}
			catch (InvalidInput ex) {
				AdminForms.reject(result, ex, Map.of());
			}
			catch (Conflict ex) {
				AdminForms.reject(result, "name", ex);
			}
		}
		response.setStatus(HttpStatus.UNPROCESSABLE_ENTITY.value());
		return listPage(tenant, model);
	}

	@GetMapping("/{id}")
	String edit(@AuthenticationPrincipal Tenant tenant, @PathVariable UUID id, Model model) {
		Team team = teamManagement.get(tenant.companyId(), id);
		model.addAttribute("team", TeamForm.of(team));
		return form(tenant, team, model);
	}

	@PostMapping("/{id}")
	String update(@AuthenticationPrincipal Tenant tenant, @PathVariable UUID id, @ModelAttribute("team") TeamForm form,
			BindingResult result, Model model, RedirectAttributes redirect, HttpServletResponse response) {
		Team team = teamManagement.get(tenant.companyId(), id);
		if (!result.hasErrors()) {
			try {
				Team updated = teamManagement.update(tenant.companyId(), id, form.getName() == null ? "" : form.getName(),
						form.getConsentProfileId(), form.getConsentProfileId() == null);
				redirect.addFlashAttribute("flash", text("teams.flash.saved", updated.name()));
				return "redirect:/admin/teams";
			}
			catch (InvalidInput ex) {
				AdminForms.reject(result, ex, Map.of());
			}
			catch (Conflict ex) {
				AdminForms.reject(result, "name", ex);
			}
		}
		response.setStatus(HttpStatus.UNPROCESSABLE_ENTITY.value());
		return form(tenant, team, model);
	}

	private String listPage(Tenant tenant, Model model) {
		UUID companyId = tenant.companyId();
		Map<UUID, String> profileNames = profiles.names(companyId);
		Map<UUID, Long> sizes = teamSizes(companyId);
		List<Row> rows = teamManagement.all(companyId)
			.stream()
			.map(t -> new Row(t, t.consentProfileId() == null ? null : profileNames.get(t.consentProfileId()),
					sizes.getOrDefault(t.id(), 0L)))
			.toList();
		model.addAttribute("rows", rows);
		model.addAttribute("profileOptions", profileOptions(companyId));
		model.addAttribute("defaultProfile", profileNames.get(profiles.defaultProfile(companyId)));
		return "admin/teams";
	}

	private String form(Tenant tenant, Team team, Model model) {
		UUID companyId = tenant.companyId();
		model.addAttribute("teamId", team.id());
		model.addAttribute("teamName", team.name());
		model.addAttribute("size", teamSizes(companyId).getOrDefault(team.id(), 0L));
		model.addAttribute("profileOptions", profileOptions(companyId));
		model.addAttribute("defaultProfile", profiles.names(companyId).get(profiles.defaultProfile(companyId)));
		return "admin/team-form";
	}

	private Map<UUID, String> profileOptions(UUID companyId) {
		UUID defaultProfile = profiles.defaultProfile(companyId);
		Map<UUID, String> options = new LinkedHashMap<>();
		profiles.names(companyId).forEach((id, name) -> options.put(id, id.equals(defaultProfile) ? name + " (default)" : name));
		return options;
	}

	private Map<UUID, Long> teamSizes(UUID companyId) {
		Map<UUID, Long> sizes = new HashMap<>();
		for (int page = 0;; page++) {
			MemberPage result = members.search(companyId, new MemberQuery(null, null, null, page, 500));
			for (Member m : result.items()) {
				if (m.teamId() != null) {
					sizes.merge(m.teamId(), 1L, Long::sum);
				}
			}
			if (result.items().isEmpty() || (long) (page + 1) * result.size() >= result.total()) {
				return sizes;
			}
		}
	}

	/** An admin UI text from admin-messages.properties. */
	private String text(String code, Object... args) {
		return messages.getMessage(code, args, LocaleContextHolder.getLocale());
	}

}
