package dev.assent.calls.web;

import java.io.IOException;

import org.springframework.context.MessageSource;
import org.springframework.context.i18n.LocaleContextHolder;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.multipart.MultipartFile;

import dev.assent.accounts.Tenant;
import dev.assent.calls.CalendarImport;
import dev.assent.calls.CallManagement;
import dev.assent.shared.InvalidInput;

/**
 * Importing an iCalendar file in the admin UI (tech admins): the meetings created and updated, and
 * every event skipped with the line its VEVENT begins on and why (issue 8) — the same answer as
 * {@code POST /api/v1/meetings/import}.
 */
@Controller
class CalendarImportAdminController {

	private final CallManagement calls;

	private final MessageSource messages;

	CalendarImportAdminController(CallManagement calls, MessageSource messages) {
		this.calls = calls;
		this.messages = messages;
	}

	@GetMapping("/admin/meetings/import")
	String form(Model model) {
		model.addAttribute("active", "calls");
		return "calls/admin/calendar-import";
	}

	@PostMapping("/admin/meetings/import")
	String upload(@AuthenticationPrincipal Tenant tenant, @RequestParam("file") MultipartFile file, Model model)
			throws IOException {
		model.addAttribute("active", "calls");
		try {
			CalendarImport result = calls.importCalendar(tenant.companyId(),
					file.getInputStream().readNBytes(CallManagement.MAX_CALENDAR_BYTES + 1));
			model.addAttribute("result", result);
		}
		catch (InvalidInput ex) {
			model.addAttribute("error", ex.fields(messages, LocaleContextHolder.getLocale()).values().iterator().next());
		}
		return "calls/admin/calendar-import";
	}

}
