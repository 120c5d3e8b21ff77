package dev.assent.accounts.web;

import org.jspecify.annotations.Nullable;

import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;

import dev.assent.accounts.Tenant;

/**
 * The sign-in page of the admin UI. Spring Security's form login handles the POST, answers
 * {@code /login?error} on bad credentials and {@code /login?logout} after signing out.
 */
@Controller
class LoginController {

	@GetMapping("/login")
	String login(@AuthenticationPrincipal @Nullable Tenant tenant, @RequestParam(required = false) @Nullable String error,
			@RequestParam(required = false) @Nullable String logout, @RequestParam(required = false) @Nullable String limited,
			@RequestParam(required = false) @Nullable String ended, Model model) {
		if (tenant != null && tenant.memberId() != null) {
			return "redirect:/admin";
		}
		model.addAttribute("failed", error != null);
		model.addAttribute("signedOut", logout != null);
		model.addAttribute("limited", limited != null);
		model.addAttribute("ended", ended != null);
		return "admin/login";
	}

}
