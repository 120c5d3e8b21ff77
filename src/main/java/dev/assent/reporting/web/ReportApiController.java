package dev.assent.reporting.web;

import java.time.LocalDate;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.jspecify.annotations.Nullable;

import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import dev.assent.accounts.Tenant;
import dev.assent.reporting.OptOutRate;
import dev.assent.reporting.OptOutReports;

@RestController
@RequestMapping("/api/v1/reports")
@Tag(name = "Reports", description = "The consent opt-out rate (R1)")
class ReportApiController {

	private final OptOutReports reports;

	ReportApiController(OptOutReports reports) {
		this.reports = reports;
	}

	@GetMapping("/opt-out-rate")
	@Operation(summary = "The consent opt-out rate",
			description = "Calls aborted because a participant opted out (numerator) ÷ calls where the consent page was used "
					+ "(denominator), by the calls' planned start (UTC days, both inclusive; default the last 30 days); "
					+ "in total and per group (team, member, provider) and period (day, week from Monday, month). "
					+ "rate is null when no call used the consent page.")
	OptOutRate optOutRate(@AuthenticationPrincipal Tenant tenant,
			@Parameter(description = "first day, e.g. 2026-01-01") @RequestParam(required = false) @Nullable String from,
			@Parameter(description = "last day, e.g. 2026-12-31") @RequestParam(required = false) @Nullable String to,
			@Parameter(description = "team, member or provider") @RequestParam(required = false) @Nullable String groupBy,
			@Parameter(description = "day, week or month") @RequestParam(required = false) @Nullable String period) {
		LocalDate last = ReportParameters.day("to", to);
		LocalDate first = ReportParameters.day("from", from);
		LocalDate end = last != null ? last : reports.today();
		LocalDate start = first != null ? first : end.minusDays(29);
		return reports.report(tenant.companyId(), start, end, ReportParameters.groupBy(groupBy),
				ReportParameters.period(period));
	}

}
