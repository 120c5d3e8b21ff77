package dev.assent.webhooks;

import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import jakarta.servlet.http.HttpServletResponse;

import org.jspecify.annotations.Nullable;

import org.springframework.context.MessageSource;
import org.springframework.context.i18n.LocaleContextHolder;
import org.springframework.http.HttpHeaders;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

import dev.assent.accounts.Tenant;
import dev.assent.shared.InvalidInput;

/**
 * {@code /admin/webhooks} (tech admins): the company's webhook subscriptions (PRODUCT J3) —
 * subscribing a URL to events (its signing secret is shown this once), removing one, and each
 * subscription's delivery log. The same operations as {@code /api/v1/webhooks}.
 */
@Controller
class WebhookAdminController {

	static final int LOG_SIZE = 100;

	private final WebhookManagement webhooks;

	private final MessageSource messages;

	WebhookAdminController(WebhookManagement webhooks, MessageSource messages) {
		this.webhooks = webhooks;
		this.messages = messages;
	}

	@GetMapping("/admin/webhooks")
	String list(@AuthenticationPrincipal Tenant tenant, Model model, HttpServletResponse response) {
		// the page may carry a secret shown once: never keep it in a cache
		response.setHeader(HttpHeaders.CACHE_CONTROL, "no-store");
		model.addAttribute("subscriptions", webhooks.subscriptions(tenant.companyId()));
		model.addAttribute("events", WebhookEvents.ALL);
		model.addAttribute("max", WebhookManagement.MAX_SUBSCRIPTIONS);
		return "webhooks/webhooks";
	}

	@PostMapping("/admin/webhooks")
	String subscribe(@AuthenticationPrincipal Tenant tenant, @RequestParam(defaultValue = "") String url,
			@RequestParam(required = false) @Nullable List<String> events, RedirectAttributes redirect) {
		try {
			Subscription s = webhooks.subscribe(tenant.companyId(), url.strip(),
					events == null ? List.of() : new ArrayList<>(events));
			redirect.addFlashAttribute("newSecret", s.secret());
			redirect.addFlashAttribute("newSubscription", s.id());
			redirect.addFlashAttribute("flash", text("webhooks.created", s.url()));
		}
		catch (InvalidInput ex) {
			redirect.addFlashAttribute("flashError", text("webhooks.notCreated",
					String.join("; ", ex.fields(messages, LocaleContextHolder.getLocale())
						.entrySet()
						.stream()
						.map(e -> e.getKey() + " " + e.getValue())
						.toList())));
			redirect.addFlashAttribute("url", url);
		}
		return "redirect:/admin/webhooks";
	}

	@PostMapping("/admin/webhooks/{id}/delete")
	String unsubscribe(@AuthenticationPrincipal Tenant tenant, @PathVariable UUID id, RedirectAttributes redirect) {
		Subscription s = webhooks.subscription(tenant.companyId(), id);
		webhooks.unsubscribe(tenant.companyId(), id);
		redirect.addFlashAttribute("flash", text("webhooks.deleted", s.url()));
		return "redirect:/admin/webhooks";
	}

	@GetMapping("/admin/webhooks/{id}")
	String deliveries(@AuthenticationPrincipal Tenant tenant, @PathVariable UUID id, Model model) {
		model.addAttribute("subscription", webhooks.subscription(tenant.companyId(), id));
		model.addAttribute("deliveries", webhooks.deliveries(tenant.companyId(), id, LOG_SIZE));
		model.addAttribute("logSize", LOG_SIZE);
		return "webhooks/deliveries";
	}

	private String text(String code, Object... args) {
		return messages.getMessage(code, args, LocaleContextHolder.getLocale());
	}

}
