package dev.assent.reporting.web;

import java.io.IOException;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import jakarta.servlet.http.HttpServletResponse;

import org.jspecify.annotations.Nullable;

import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;

import dev.assent.accounts.Tenant;
import dev.assent.reporting.ConsentLinkExport;
import dev.assent.reporting.OptOutRate;
import dev.assent.reporting.OptOutReports;
import dev.assent.shared.BaseUrl;
import dev.assent.shared.InvalidInput;

/**
 * The Reports page (PRODUCT R1, R2): the opt-out rate as a server-rendered SVG chart with the
 * numbers beside it in a table, and the consent-link spreadsheet downloads.
 */
@Controller
class ReportAdminController {

	/** Bars the chart shows at most; the table lists every row. */
	static final int MAX_BARS = 40;

	private final OptOutReports reports;

	private final ConsentLinkExport export;

	private final BaseUrl baseUrl;

	ReportAdminController(OptOutReports reports, ConsentLinkExport export, BaseUrl baseUrl) {
		this.reports = reports;
		this.export = export;
		this.baseUrl = baseUrl;
	}

	/** One bar: its label, figures, and its length in per cent of the chart's width. */
	record Bar(String label, long numerator, long denominator, @Nullable String rate, double percent, int y) {
	}

	@GetMapping("/admin/reports")
	String reports(@AuthenticationPrincipal Tenant tenant, @RequestParam(required = false) @Nullable String from,
			@RequestParam(required = false) @Nullable String to,
			@RequestParam(required = false) @Nullable String groupBy,
			@RequestParam(required = false) @Nullable String period, Model model) {
		LocalDate last;
		LocalDate first;
		OptOutRate.GroupBy by;
		OptOutRate.Period per;
		String problem = null;
		try {
			last = ReportParameters.day("to", to);
			first = ReportParameters.day("from", from);
			by = ReportParameters.groupBy(groupBy);
			per = ReportParameters.period(period);
		}
		catch (InvalidInput ex) {
			problem = "reports.optOut.invalid";
			last = null;
			first = null;
			by = null;
			per = null;
		}
		LocalDate end = last != null ? last : reports.today();
		LocalDate start = first != null ? first : end.minusDays(29);
		OptOutRate rate;
		try {
			rate = reports.report(tenant.companyId(), start, end, by, per);
		}
		catch (InvalidInput ex) {
			problem = "reports.optOut.invalid";
			end = reports.today();
			start = end.minusDays(29);
			rate = reports.report(tenant.companyId(), start, end, null, null);
		}
		List<Bar> bars = new ArrayList<>();
		int y = 0;
		for (OptOutRate.Group g : rate.groups()) {
			if (bars.size() == MAX_BARS) {
				break;
			}
			String label = g.period() == null ? g.name()
					: rate.groupBy() == null ? g.period().toString() : g.name() + " · " + g.period();
			bars.add(new Bar(label, g.numerator(), g.denominator(), percent(g.rate()),
					g.rate() == null ? 0 : Math.max(0.5, g.rate() * 100), y));
			y += 28;
		}
		model.addAttribute("rate", rate);
		model.addAttribute("totalRate", percent(rate.total().rate()));
		model.addAttribute("bars", bars);
		model.addAttribute("chartHeight", Math.max(28, y));
		model.addAttribute("from", start.toString());
		model.addAttribute("to", end.toString());
		model.addAttribute("groupBy", rate.groupBy() == null ? "" : rate.groupBy().name().toLowerCase(Locale.ROOT));
		model.addAttribute("period", rate.period() == null ? "" : rate.period().name().toLowerCase(Locale.ROOT));
		model.addAttribute("problem", problem);
		return "reporting/admin/reports";
	}

	@GetMapping("/admin/reports/consent-links.{format:csv|xlsx}")
	void download(@AuthenticationPrincipal Tenant tenant, @PathVariable String format, HttpServletResponse response)
			throws IOException {
		ExportApiController.write(export, format,
				export.rows(tenant.companyId(), baseUrl.get()), response);
	}

	private static @Nullable String percent(@Nullable Double rate) {
		return rate == null ? null : String.format(Locale.ROOT, "%.1f %%", rate * 100);
	}

}
