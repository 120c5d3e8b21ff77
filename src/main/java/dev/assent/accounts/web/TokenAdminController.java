package dev.assent.accounts.web;

import java.util.List;
import java.util.Locale;

import jakarta.servlet.http.HttpServletResponse;

import org.springframework.context.MessageSource;
import org.springframework.context.i18n.LocaleContextHolder;
import org.springframework.http.HttpHeaders;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

import dev.assent.accounts.CompanyManagement;
import dev.assent.accounts.CompanyManagement.TokenKind;
import dev.assent.accounts.Tenant;
import dev.assent.shared.NotFound;

/**
 * {@code /admin/tokens} (tech admins): the company's API and SCIM tokens — whether each works,
 * rotating one (the new token is shown this once, the old one stops at once) and revoking one.
 * The same operations as {@code /api/v1/company/tokens/{kind}}.
 */
@Controller
class TokenAdminController {

	/** One token row of the page. */
	record TokenRow(String kind, boolean active) {
	}

	private final CompanyManagement companies;

	private final MessageSource messages;

	TokenAdminController(CompanyManagement companies, MessageSource messages) {
		this.companies = companies;
		this.messages = messages;
	}

	@GetMapping("/admin/tokens")
	String page(@AuthenticationPrincipal Tenant tenant, Model model, HttpServletResponse response) {
		// the page may carry a token shown once: never keep it in a cache
		response.setHeader(HttpHeaders.CACHE_CONTROL, "no-store");
		model.addAttribute("tokens", List.of(TokenKind.values())
			.stream()
			.map(k -> new TokenRow(name(k), companies.hasToken(tenant.companyId(), k)))
			.toList());
		return "accounts/tokens";
	}

	@PostMapping("/admin/tokens/{kind}/rotate")
	String rotate(@AuthenticationPrincipal Tenant tenant, @PathVariable String kind, RedirectAttributes redirect) {
		TokenKind k = kind(kind);
		String token = companies.rotateToken(tenant.companyId(), k);
		redirect.addFlashAttribute("newToken", token);
		redirect.addFlashAttribute("newTokenKind", name(k));
		redirect.addFlashAttribute("flash", text("tokens.rotated", text("tokens.kind." + name(k))));
		return "redirect:/admin/tokens";
	}

	@PostMapping("/admin/tokens/{kind}/revoke")
	String revoke(@AuthenticationPrincipal Tenant tenant, @PathVariable String kind, RedirectAttributes redirect) {
		TokenKind k = kind(kind);
		companies.revokeToken(tenant.companyId(), k);
		redirect.addFlashAttribute("flash", text("tokens.revoked", text("tokens.kind." + name(k))));
		return "redirect:/admin/tokens";
	}

	private String text(String code, Object... args) {
		return messages.getMessage(code, args, LocaleContextHolder.getLocale());
	}

	private static String name(TokenKind kind) {
		return kind.name().toLowerCase(Locale.ROOT);
	}

	private static TokenKind kind(String kind) {
		return switch (kind) {
			case "api" -> TokenKind.API;
			case "scim" -> TokenKind.SCIM;
			default -> throw new NotFound("Token kind " + kind);
		};
	}

}
