package dev.assent.calls.web;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;

import org.jspecify.annotations.Nullable;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;

import dev.assent.accounts.Tenant;
import dev.assent.calls.Call;
import dev.assent.calls.CallConsent;
import dev.assent.calls.CallDetails;
import dev.assent.calls.CallManagement;
import dev.assent.calls.CallPage;
import dev.assent.calls.CallQuery;
import dev.assent.calls.CallStatus;
import dev.assent.calls.ConsentCounts;

/**
 * The meetings and calls lists of the admin UI (PRODUCT D1, D7, R3): every call of the company for
 * tech admins, "My calls" for every member; status, owner, consent counts, filters by status and
 * day; each call links to its call page.
 */
@Controller
class CallAdminController {

	static final int PAGE_SIZE = 50;

	private final CallManagement calls;

	private final ObjectProvider<ConsentCounts> consentCounts;

	CallAdminController(CallManagement calls, ObjectProvider<ConsentCounts> consentCounts) {
		this.calls = calls;
		this.consentCounts = consentCounts;
	}

	/** One line of the list. */
	record Line(Call call, String when, CallDetails.@Nullable Person owner, CallConsent consent) {
	}

	private static final java.time.format.DateTimeFormatter WHEN = java.time.format.DateTimeFormatter
		.ofPattern("yyyy-MM-dd HH:mm", Locale.ROOT);

	/** The planned start in the meeting's own time zone, e.g. {@code 2031-01-06 10:00 Europe/Berlin}. */
	static String when(Call c) {
		java.time.ZoneId zone;
		try {
			zone = java.time.ZoneId.of(c.timeZone());
		}
		catch (java.time.DateTimeException ex) {
			zone = ZoneOffset.UTC;
		}
		return WHEN.format(c.plannedStart().atZone(zone)) + " " + zone.getId();
	}

	@GetMapping("/admin/calls")
	String all(@AuthenticationPrincipal Tenant tenant, @RequestParam(required = false) @Nullable String status,
			@RequestParam(required = false) @Nullable String from, @RequestParam(required = false) @Nullable String to,
			@RequestParam(defaultValue = "0") int page, Model model) {
		return list(tenant, null, status, from, to, page, model, "calls");
	}

	@GetMapping("/admin/me/calls")
	String mine(@AuthenticationPrincipal Tenant tenant, @RequestParam(required = false) @Nullable String status,
			@RequestParam(required = false) @Nullable String from, @RequestParam(required = false) @Nullable String to,
			@RequestParam(defaultValue = "0") int page, Model model) {
		UUID me = tenant.memberId();
		if (me == null) {
			throw new dev.assent.shared.NotFound("Member");
		}
		return list(tenant, me, status, from, to, page, model, "my-calls");
	}

	private String list(Tenant tenant, @Nullable UUID owner, @Nullable String status, @Nullable String from,
			@Nullable String to, int page, Model model, String active) {
		CallStatus wanted = status(status);
		LocalDate first = day(from);
		LocalDate last = day(to);
		CallQuery query = new CallQuery(wanted, owner, null,
				first == null ? null : first.atStartOfDay(ZoneOffset.UTC).toInstant(),
				last == null ? null : last.plusDays(1).atStartOfDay(ZoneOffset.UTC).toInstant(), page, PAGE_SIZE);
		CallPage result = calls.search(tenant.companyId(), query);
		ConsentCounts counts = consentCounts.getIfAvailable();
		Map<UUID, ConsentCounts.Tally> tallies = counts == null || result.items().isEmpty() ? Map.of()
				: counts.tally(tenant.companyId(), result.items().stream().map(Call::id).toList());
		List<Line> lines = calls.details(tenant.companyId(), result.items())
			.stream()
			.map(d -> new Line(d.call(), when(d.call()), d.owner(),
					CallConsent.of(d, tallies.getOrDefault(d.call().id(), ConsentCounts.Tally.NONE))))
			.toList();
		model.addAttribute("lines", lines);
		model.addAttribute("total", result.total());
		model.addAttribute("page", result.page());
		model.addAttribute("pages", Math.max(1, (result.total() + PAGE_SIZE - 1) / PAGE_SIZE));
		model.addAttribute("statuses", CallStatus.values());
		model.addAttribute("status", wanted == null ? "" : wanted.name());
		model.addAttribute("from", first == null ? "" : first.toString());
		model.addAttribute("to", last == null ? "" : last.toString());
		model.addAttribute("mine", owner != null);
		model.addAttribute("active", active);
		model.addAttribute("path", owner != null ? "/admin/me/calls" : "/admin/calls");
		return "calls/admin/call-list";
	}

	/** A status filter; anything else shows every status (a bookmark with an old value still works). */
	private static @Nullable CallStatus status(@Nullable String value) {
		if (value == null || value.isBlank()) {
			return null;
		}
		try {
			return CallStatus.valueOf(value.strip().toUpperCase(Locale.ROOT));
		}
		catch (IllegalArgumentException ex) {
			return null;
		}
	}

	private static @Nullable LocalDate day(@Nullable String value) {
		if (value == null || value.isBlank()) {
			return null;
		}
		try {
			return LocalDate.parse(value.strip());
		}
		catch (DateTimeParseException ex) {
			return null;
		}
	}


}
