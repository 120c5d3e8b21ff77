package dev.assent.profiles.web;

import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
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
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

import dev.assent.accounts.Tenant;
import dev.assent.profiles.AudioPrompt;
import dev.assent.profiles.AudioPrompts;
import dev.assent.profiles.ConsentProfile;

import dev.assent.profiles.ProfileManagement;
import dev.assent.profiles.ProfileSettings;
import dev.assent.shared.AdminForms;
import dev.assent.shared.Languages;
import dev.assent.shared.Conflict;
import dev.assent.shared.InvalidInput;

/**
 * The consent profiles pages of the admin UI (PRODUCT P1–P6): list, create, edit, make default,
 * and delete — asking where the members of a profile in use go.
 */
@Controller
@RequestMapping("/admin/profiles")
class ProfileAdminController {

	private final ProfileManagement profiles;

	private final AudioPrompts prompts;

	private final List<dev.assent.profiles.ProfileWarnings> warnings;

	private final MessageSource messages;

	ProfileAdminController(ProfileManagement profiles, AudioPrompts prompts,
			List<dev.assent.profiles.ProfileWarnings> warnings, MessageSource messages) {
		this.messages = messages;
		this.profiles = profiles;
		this.prompts = prompts;
		this.warnings = warnings;
	}

	@InitBinder
	void initBinder(WebDataBinder binder) {
		binder.setDisallowedFields("id");
		binder.setBindingErrorProcessor(AdminForms.FRIENDLY_BINDING_ERRORS);
	}

	record Row(ConsentProfile profile, long usage, @Nullable String audioPrompt) {
	}

	@GetMapping
	String list(@AuthenticationPrincipal Tenant tenant, Model model) {
		UUID companyId = tenant.companyId();
		List<Row> rows = profiles.list(companyId)
			.stream()
			.map(p -> new Row(p, profiles.usage(companyId, p.id()), promptName(p.audioPromptId())))
			.toList();
		model.addAttribute("rows", rows);
		model.addAttribute("languageNames", Languages.englishNames());
		return "admin/profiles";
	}

	@GetMapping("/new")
	String add(Model model) {
		model.addAttribute("profile", new ProfileForm());
		return form(null, model);
	}

	@PostMapping
	String create(@AuthenticationPrincipal Tenant tenant, @ModelAttribute("profile") ProfileForm form,
			BindingResult result, Model model, RedirectAttributes redirect, HttpServletResponse response) {
		requireLanguage(form, result);
		if (!result.hasErrors()) {
			try {
				ConsentProfile created = profiles.create(tenant.companyId(),
						new ProfileSettings(form.getName() == null ? "" : form.getName(), form.getConsentPage(),
								form.getParticipantChoice(), ProfileForm.blankToNull(form.getAudioPromptId()),
								form.getPreCallEmailMinutes(), form.getLanguages(),
								ProfileForm.blankToNull(form.getNoticeHtml()),
								// An empty lead time on the form means no pre-call emails.
								form.getPreCallEmailMinutes() == null ? Set.of("preCallEmailMinutes") : Set.of(),
								form.getPurposes(), form.getLawfulBasis(),
								ProfileForm.blankToNull(form.getLegitimateInterestsAssessment())));
				redirect.addFlashAttribute("flash", text("profiles.flash.created", created.name()));
				return "redirect:/admin/profiles";
			}
			catch (InvalidInput ex) {
				AdminForms.reject(result, ex, Map.of());
			}
			catch (Conflict ex) {
				AdminForms.reject(result, "name", ex);
			}
		}
		response.setStatus(HttpStatus.UNPROCESSABLE_ENTITY.value());
		return form(null, model);
	}

	@GetMapping("/{id}")
	String edit(@AuthenticationPrincipal Tenant tenant, @PathVariable UUID id, Model model) {
		ConsentProfile profile = profiles.get(tenant.companyId(), id);
		model.addAttribute("profile", ProfileForm.of(profile));
		return form(profile, model);
	}

	@PostMapping("/{id}")
	String update(@AuthenticationPrincipal Tenant tenant, @PathVariable UUID id,
			@ModelAttribute("profile") ProfileForm form, BindingResult result, Model model,
			RedirectAttributes redirect, HttpServletResponse response) {
		ConsentProfile existing = profiles.get(tenant.companyId(), id);
		requireLanguage(form, result);
		if (!result.hasErrors()) {
			try {
				Set<String> cleared = new HashSet<>();
				String prompt = ProfileForm.blankToNull(form.getAudioPromptId());
				if (prompt == null) {
					cleared.add("audioPromptId");
				}
				if (form.getPreCallEmailMinutes() == null) {
					cleared.add("preCallEmailMinutes");
				}
				String notice = ProfileForm.blankToNull(form.getNoticeHtml());
				if (notice == null) {
					cleared.add("noticeHtml");
				}
				String assessment = ProfileForm.blankToNull(form.getLegitimateInterestsAssessment());
				if (assessment == null) {
					cleared.add("legitimateInterestsAssessment");
				}
				ConsentProfile updated = profiles.update(tenant.companyId(), id,
						new ProfileSettings(form.getName() == null ? "" : form.getName(), form.getConsentPage(),
								form.getParticipantChoice(), prompt, form.getPreCallEmailMinutes(), form.getLanguages(),
								notice, cleared, form.getPurposes(), form.getLawfulBasis(), assessment));
				redirect.addFlashAttribute("flash", text("profiles.flash.saved", updated.name()));
				return "redirect:/admin/profiles";
			}
			catch (InvalidInput ex) {
				AdminForms.reject(result, ex, Map.of());
			}
			catch (Conflict ex) {
				AdminForms.reject(result, "name", ex);
			}
		}
		response.setStatus(HttpStatus.UNPROCESSABLE_ENTITY.value());
		return form(existing, model);
	}

	@PostMapping("/{id}/default")
	String makeDefault(@AuthenticationPrincipal Tenant tenant, @PathVariable UUID id, RedirectAttributes redirect) {
		ConsentProfile profile = profiles.makeDefault(tenant.companyId(), id);
		redirect.addFlashAttribute("flash", text("profiles.flash.default", profile.name()));
		return "redirect:/admin/profiles";
	}

	@GetMapping("/{id}/delete")
	String confirmDelete(@AuthenticationPrincipal Tenant tenant, @PathVariable UUID id, Model model) {
		UUID companyId = tenant.companyId();
		ConsentProfile profile = profiles.get(companyId, id);
		model.addAttribute("profile", profile);
		model.addAttribute("usage", profiles.usage(companyId, id));
		model.addAttribute("others", profiles.list(companyId).stream().filter(p -> !p.id().equals(id)).toList());
		return "admin/profile-delete";
	}

	@PostMapping("/{id}/delete")
	String delete(@AuthenticationPrincipal Tenant tenant, @PathVariable UUID id,
			@RequestParam(required = false) @Nullable String reassignTo, RedirectAttributes redirect) {
		UUID companyId = tenant.companyId();
		ConsentProfile profile = profiles.get(companyId, id);
		long usage = profiles.usage(companyId, id);
		UUID target = parseUuid(reassignTo);
		String back = "redirect:/admin/profiles/" + id + "/delete";
		if (usage > 0 && target == null) {
			redirect.addFlashAttribute("flashError", text("profiles.flash.inUse", profile.name(), usage, String.valueOf(usage)));
			return back;
		}
		try {
			profiles.delete(companyId, id, usage > 0 ? target : null);
		}
		catch (InvalidInput ex) {
			redirect.addFlashAttribute("flashError", text("profiles.flash.noTarget"));
			return back;
		}
		catch (Conflict ex) {
			redirect.addFlashAttribute("flashError",
					text("profiles.flash.notDeleted", ex.message(messages, LocaleContextHolder.getLocale())));
			return back;
		}
		redirect.addFlashAttribute("flash", usage == 0 || target == null ? text("profiles.flash.deleted", profile.name())
				: text("profiles.flash.deletedMoved", profile.name(), usage, String.valueOf(usage),
						profiles.get(companyId, target).name()));
		return "redirect:/admin/profiles";
	}

	private String form(@Nullable ConsentProfile profile, Model model) {
		model.addAttribute("profileId", profile == null ? null : profile.id());
		model.addAttribute("profileName", profile == null ? null : profile.name());
		model.addAttribute("isDefault", profile != null && profile.isDefault());
		model.addAttribute("prompts", prompts.all());
		model.addAttribute("languageNames", Languages.englishNames());
		// X3: weaker than what a scheduled call's participants' jurisdictions need
		model.addAttribute("warnings", profile == null ? List.of()
				: warnings.stream().flatMap(w -> w.of(profile.companyId(), profile).stream()).toList());
		return "admin/profile-form";
	}

	private static void requireLanguage(ProfileForm form, BindingResult result) {
		if (form.getLanguages().isEmpty() && !result.hasFieldErrors("languages")) {
			result.rejectValue("languages", "required", "choose at least one language");
		}
	}

	private @Nullable String promptName(@Nullable String id) {
		return id == null ? null : prompts.find(id).map(AudioPrompt::name).orElse(id);
	}

	private String text(String code, Object... args) {
		return messages.getMessage(code, args, LocaleContextHolder.getLocale());
	}

	private static @Nullable UUID parseUuid(@Nullable String value) {
		try {
			return value == null || value.isBlank() ? null : UUID.fromString(value.strip());
		}
		catch (IllegalArgumentException ex) {
			return null;
		}
	}

}
