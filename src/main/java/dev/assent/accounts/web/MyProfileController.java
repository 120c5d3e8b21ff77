package dev.assent.accounts.web;

import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import jakarta.servlet.http.HttpServletResponse;

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
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

import dev.assent.accounts.ConsentLinks;
import dev.assent.accounts.ConsentProfileCatalog;
import dev.assent.accounts.Member;
import dev.assent.accounts.MemberChanges;
import dev.assent.accounts.MemberManagement;
import dev.assent.accounts.ProfileAssignment;
import dev.assent.accounts.Tenant;
import dev.assent.shared.AdminForms;
import dev.assent.shared.BaseUrl;
import dev.assent.shared.InvalidInput;
import dev.assent.shared.NotFound;

/**
 * "My Profile" for every signed-in member (PRODUCT L2, E2): their personal consent link and the
 * personal meeting link participants land on after the consent page.
 */
@Controller
@RequestMapping("/admin/me")
class MyProfileController {

	private final MemberManagement members;

	private final ConsentProfileCatalog profiles;

	private final ObjectProvider<ConsentLinks> links;

	private final BaseUrl baseUrl;

	private final MessageSource messages;

	MyProfileController(MemberManagement members, ConsentProfileCatalog profiles, ObjectProvider<ConsentLinks> links, BaseUrl baseUrl, MessageSource messages) {
		this.messages = messages;
		this.members = members;
		this.profiles = profiles;
		this.links = links;
		this.baseUrl = baseUrl;
	}

	@InitBinder
	void initBinder(WebDataBinder binder) {
		binder.setDisallowedFields("id");
		binder.setBindingErrorProcessor(AdminForms.FRIENDLY_BINDING_ERRORS);
	}

	@GetMapping
	String show(@AuthenticationPrincipal Tenant tenant, Model model) {
		Member me = me(tenant);
		MyProfileForm form = new MyProfileForm();
		form.setPersonalMeetingUrl(me.personalMeetingUrl());
		model.addAttribute("profile", form);
		return page(tenant, me, model);
	}

	@PostMapping
	String update(@AuthenticationPrincipal Tenant tenant, @ModelAttribute("profile") MyProfileForm form,
			BindingResult result, Model model, RedirectAttributes redirect, HttpServletResponse response) {
		Member me = me(tenant);
		if (!result.hasErrors()) {
			try {
				String url = form.getPersonalMeetingUrl() == null || form.getPersonalMeetingUrl().isBlank() ? null
						: form.getPersonalMeetingUrl().strip();
				members.update(tenant.companyId(), me.id(), new MemberChanges(null, null, null, null, null, null, null,
						null, null, url, null, url == null ? Set.of("personalMeetingUrl") : Set.of()));
				redirect.addFlashAttribute("flash", url == null ? text("me.flash.removed") : text("me.flash.saved"));
				return "redirect:/admin/me";
			}
			catch (InvalidInput ex) {
				AdminForms.reject(result, ex, Map.of());
			}
		}
		response.setStatus(HttpStatus.UNPROCESSABLE_ENTITY.value());
		return page(tenant, me, model);
	}

	private String page(Tenant tenant, Member me, Model model) {
		UUID companyId = tenant.companyId();
		ProfileAssignment assignment = members.effectiveProfile(companyId, me.id());
		ConsentLinks consentLinks = links.getIfAvailable();
		String link = consentLinks == null ? null
				: consentLinks.linksOf(companyId, List.of(me), baseUrl.get())
					.get(me.id());
		model.addAttribute("me", me);
		model.addAttribute("link", link);
		model.addAttribute("profileName", profiles.names(companyId).getOrDefault(assignment.profileId(), "?"));
		return "admin/me";
	}

	private Member me(Tenant tenant) {
		if (tenant.memberId() == null) {
			throw new NotFound("Team member");
		}
		return members.get(tenant.companyId(), tenant.memberId());
	}

	/** An admin UI text from admin-messages.properties. */
	private String text(String code, Object... args) {
		return messages.getMessage(code, args, LocaleContextHolder.getLocale());
	}

}
