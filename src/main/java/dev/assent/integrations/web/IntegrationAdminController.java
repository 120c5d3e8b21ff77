package dev.assent.integrations.web;

import java.util.LinkedHashMap;
import java.util.Map;

import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpSession;

import org.springframework.context.MessageSource;
import org.springframework.context.i18n.LocaleContextHolder;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

import dev.assent.accounts.Tenant;
import dev.assent.calls.Provider;
import dev.assent.calls.spi.ProviderUnavailable;
import dev.assent.integrations.Integration;
import dev.assent.integrations.IntegrationManagement;
import dev.assent.integrations.UserGrants;
import dev.assent.integrations.WebhookSetup;
import dev.assent.shared.BaseUrl;
import dev.assent.shared.InvalidInput;

/**
 * {@code /admin/integrations} (tech admins): every provider with its capabilities and connection,
 * connecting and disconnecting, whether other providers' links are allowed, and which link type
 * fits whom (PRODUCT L1–L5). Secrets are never put back into the page.
 */
@Controller
class IntegrationAdminController {

	/** Where each provider's webhooks go, by the path segment of its webhook controller. */
	private static final Map<Provider, String> WEBHOOK_PATHS = Map.of(Provider.ZOOM, "zoom", Provider.MICROSOFT_TEAMS, "teams",
			Provider.WEBEX, "webex");

	private final IntegrationManagement integrations;

	private final BaseUrl baseUrl;

	private final MessageSource messages;

	IntegrationAdminController(IntegrationManagement integrations, BaseUrl baseUrl, MessageSource messages) {
		this.integrations = integrations;
		this.baseUrl = baseUrl;
		this.messages = messages;
	}

	@GetMapping("/admin/integrations")
	String page(@AuthenticationPrincipal Tenant tenant, Model model) {
		model.addAttribute("integrations", integrations.list(tenant.companyId()));
		model.addAttribute("otherLinksAllowed", integrations.otherLinksAllowed(tenant.companyId()));
		Map<Provider, String> webhookUrls = new java.util.EnumMap<>(Provider.class);
		WEBHOOK_PATHS.forEach((p, path) -> webhookUrls.put(p, baseUrl.with("/webhooks/" + path + "/" + tenant.companyId())));
		model.addAttribute("webhookUrls", webhookUrls);
		model.addAttribute("grantCallbackBase", baseUrl.with(UserGrants.CALLBACK_PATH + "/"));
		return "integrations/integrations";
	}

	@PostMapping("/admin/integrations/{provider}")
	String connect(@AuthenticationPrincipal Tenant tenant, @PathVariable String provider,
			@RequestParam Map<String, String> form, RedirectAttributes redirect) {
		Provider p = IntegrationApiController.provider(provider);
		Integration current = integrations.get(tenant.companyId(), p);
		Map<String, String> fields = new LinkedHashMap<>();
		current.connectFields().forEach(f -> fields.put(f, form.get(f)));
		try {
			integrations.connect(tenant.companyId(), p, fields);
			redirect.addFlashAttribute("flash", text("integrations.flash.connected", p.displayName()));
		}
		catch (InvalidInput ex) {
			redirect.addFlashAttribute("flashError", text("integrations.flash.notConnected", p.displayName(),
					String.join("; ", ex.fields(messages, LocaleContextHolder.getLocale())
						.entrySet()
						.stream()
						.map(e -> e.getKey() + " " + e.getValue())
						.toList())));
		}
		catch (ProviderUnavailable ex) {
			redirect.addFlashAttribute("flashError", text("integrations.flash.notConnected", p.displayName(), ex.getMessage()));
		}
		return "redirect:/admin/integrations";
	}

	/**
	 * A grant that Spring Security's code-grant filter did not take: not configured, or a callback
	 * whose {@code state} matches no grant started in this session (forged, replayed, another
	 * admin's), or the provider's error (the admin declined). Nothing is connected then.
	 */
	@GetMapping(UserGrants.AUTHORIZE_PATH + "/{registrationId}")
	String grantNotOffered(@PathVariable String registrationId, RedirectAttributes redirect) {
		redirect.addFlashAttribute("flashError", text("integrations.flash.grantNotConfigured", registrationId));
		return "redirect:/admin/integrations";
	}

	@GetMapping(UserGrants.CALLBACK_PATH + "/{registrationId}")
	String grantCallback(@PathVariable String registrationId, @RequestParam(required = false) String code,
			@RequestParam(required = false) String state, @RequestParam(required = false) String error,
			HttpSession session, RedirectAttributes redirect, HttpServletResponse response) {
		Object connected = session.getAttribute(UserGrants.OUTCOME_CONNECTED);
		Object failed = session.getAttribute(UserGrants.OUTCOME_ERROR);
		session.removeAttribute(UserGrants.OUTCOME_CONNECTED);
		session.removeAttribute(UserGrants.OUTCOME_ERROR);
		if (code != null || state != null) {
			response.setStatus(HttpServletResponse.SC_BAD_REQUEST);
			redirect.addFlashAttribute("flashError", text("integrations.flash.grantForeign", registrationId));
			return "redirect:/admin/integrations";
		}
		if (connected != null) {
			redirect.addFlashAttribute("flash", text("integrations.flash.connected", connected));
		}
		else if (failed != null) {
			redirect.addFlashAttribute("flashError", failed.toString());
		}
		else if (error != null) {
			redirect.addFlashAttribute("flashError", text("integrations.flash.grantDenied", error));
		}
		return "redirect:/admin/integrations";
	}

	@PostMapping("/admin/integrations/{provider}/disconnect")
	String disconnect(@AuthenticationPrincipal Tenant tenant, @PathVariable String provider, RedirectAttributes redirect) {
		Provider p = IntegrationApiController.provider(provider);
		integrations.disconnect(tenant.companyId(), p, "a tech admin");
		redirect.addFlashAttribute("flash", text("integrations.flash.disconnected", p.displayName()));
		return "redirect:/admin/integrations";
	}

	@PostMapping("/admin/integrations/{provider}/webhooks")
	String setUpWebhooks(@AuthenticationPrincipal Tenant tenant, @PathVariable String provider, RedirectAttributes redirect) {
		Provider p = IntegrationApiController.provider(provider);
		Integration after = integrations.setUpWebhooks(tenant.companyId(), p);
		if (after.webhooks() != null && after.webhooks().state() == WebhookSetup.State.FAILED) {
			redirect.addFlashAttribute("flashError", after.webhooks().error());
		}
		else {
			redirect.addFlashAttribute("flash", text("integrations.flash.webhooksInPlace", p.displayName()));
		}
		return "redirect:/admin/integrations";
	}

	@PostMapping("/admin/integrations/other-links")
	String otherLinks(@AuthenticationPrincipal Tenant tenant, @RequestParam(defaultValue = "false") boolean allowed,
			RedirectAttributes redirect) {
		integrations.allowOtherLinks(tenant.companyId(), allowed);
		redirect.addFlashAttribute("flash",
				text(allowed ? "integrations.flash.otherLinksAllowed" : "integrations.flash.otherLinksRefused"));
		return "redirect:/admin/integrations";
	}

	/** An admin UI text of the request's language (admin-messages). */
	private String text(String code, Object... args) {
		return messages.getMessage(code, args, LocaleContextHolder.getLocale());
	}

}
