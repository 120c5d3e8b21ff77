package dev.assent.notifications;

import java.util.UUID;

import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

import dev.assent.accounts.Tenant;
import dev.assent.shared.NotFound;

/**
 * {@code /admin/mailbox} (tech admins): the company's emails, newest first, with their delivery
 * state — the captured mailbox when no SMTP server is set, the send log otherwise (failures
 * included, PRODUCT E4) — each to open as HTML and as text; and "Send email now" (E2) with the
 * run's progress.
 */
@Controller
class MailboxAdminController {

	/** What an email's HTML may do when opened on its own: nothing but show itself. */
	static final String EMAIL_CSP = "default-src 'none'; style-src 'unsafe-inline'; img-src data:; sandbox; "
			+ "frame-ancestors 'none'; base-uri 'none'; form-action 'none'";

	private final Emails emails;

	private final Announcements announcements;

	private final Mailer mailer;

	MailboxAdminController(Emails emails, Announcements announcements, Mailer mailer) {
		this.emails = emails;
		this.announcements = announcements;
		this.mailer = mailer;
	}

	@GetMapping("/admin/mailbox")
	String list(@AuthenticationPrincipal Tenant tenant, Model model) {
		model.addAttribute("emails", emails.recent(tenant.companyId(), 200));
		model.addAttribute("captured", !"SMTP".equals(mailer.transport()));
		model.addAttribute("run", announcements.latest(tenant.companyId()).orElse(null));
		return "notifications/mailbox";
	}

	/** The run's progress alone, which the page polls while the run goes on. */
	@GetMapping("/admin/mailbox/progress")
	String progress(@AuthenticationPrincipal Tenant tenant, Model model) {
		model.addAttribute("run", announcements.latest(tenant.companyId()).orElse(null));
		return "notifications/mailbox :: progress";
	}

	@PostMapping("/admin/mailbox/announce")
	String announce(@AuthenticationPrincipal Tenant tenant, RedirectAttributes redirect) {
		Announcements.Run run = announcements.announce(tenant.companyId(), tenant.memberId());
		redirect.addFlashAttribute("flash", run.total() == 0
				? "Every recorded team member has had their link announced already: nothing to send."
				: "Sending the link announcement to " + run.total() + " team members.");
		return "redirect:/admin/mailbox";
	}

	@GetMapping("/admin/mailbox/{id}")
	String show(@AuthenticationPrincipal Tenant tenant, @PathVariable UUID id, Model model) {
		model.addAttribute("email", email(tenant, id));
		return "notifications/email";
	}

	@GetMapping("/admin/mailbox/{id}/html")
	ResponseEntity<String> html(@AuthenticationPrincipal Tenant tenant, @PathVariable UUID id) {
		return ResponseEntity.ok()
			.contentType(new MediaType(MediaType.TEXT_HTML, java.nio.charset.StandardCharsets.UTF_8))
			.header("Content-Security-Policy", EMAIL_CSP)
			.header(HttpHeaders.CACHE_CONTROL, "no-store")
			.body(email(tenant, id).htmlBody());
	}

	@GetMapping("/admin/mailbox/{id}/text")
	ResponseEntity<String> text(@AuthenticationPrincipal Tenant tenant, @PathVariable UUID id) {
		return ResponseEntity.ok()
			.contentType(new MediaType(MediaType.TEXT_PLAIN, java.nio.charset.StandardCharsets.UTF_8))
			.header(HttpHeaders.CACHE_CONTROL, "no-store")
			.body(email(tenant, id).textBody());
	}

	private Email email(Tenant tenant, UUID id) {
		return emails.find(tenant.companyId(), id).orElseThrow(() -> new NotFound("Email"));
	}

}
