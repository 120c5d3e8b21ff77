package dev.assent.reporting.web;

import java.io.IOException;
import java.util.List;

import jakarta.servlet.http.HttpServletResponse;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.jspecify.annotations.Nullable;

import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import dev.assent.accounts.Tenant;
import dev.assent.reporting.ConsentLinkExport;
import dev.assent.shared.BaseUrl;
import dev.assent.shared.InvalidInput;

@RestController
@RequestMapping("/api/v1/exports")
@Tag(name = "Exports", description = "Spreadsheets of consent links (R2)")
class ExportApiController {

	static final String XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";

	private final ConsentLinkExport export;

	private final BaseUrl baseUrl;

	ExportApiController(ConsentLinkExport export, BaseUrl baseUrl) {
		this.export = export;
		this.baseUrl = baseUrl;
	}

	@GetMapping("/consent-links")
	@Operation(summary = "Every recorded member's consent link as a spreadsheet",
			description = "Accept: text/csv or " + XLSX + " (or format=csv|xlsx). One row per recorded, active member: "
					+ "name, email, team, consent profile, consent link (with its token when links are protected), "
					+ "provider link. Cells starting with =, +, -, @ get a leading apostrophe.")
	void consentLinks(@AuthenticationPrincipal Tenant tenant,
			@RequestHeader(name = HttpHeaders.ACCEPT, required = false) @Nullable String accept,
			@RequestParam(required = false) @Nullable String format, HttpServletResponse response) throws IOException, org.springframework.web.HttpMediaTypeNotAcceptableException {
		write(export, format(format, accept), export.rows(tenant.companyId(), baseUrl.get()), response);
	}

	/** {@code csv} or {@code xlsx}: the format parameter first, else the Accept header (CSV when it allows both). */
	static String format(@Nullable String format, @Nullable String accept)
			throws org.springframework.web.HttpMediaTypeNotAcceptableException {
		if (format != null && !format.isBlank()) {
			String f = format.strip().toLowerCase(java.util.Locale.ROOT);
			if (!f.equals("csv") && !f.equals("xlsx")) {
				throw InvalidInput.of("format", "invalid.must-be-csv-or-xlsx");
			}
			return f;
		}
		if (accept == null || accept.isBlank()) {
			return "csv";
		}
		List<MediaType> types = MediaType.parseMediaTypes(accept);
		types.sort(java.util.Comparator.comparingDouble(MediaType::getQualityValue).reversed());
		for (MediaType t : types) {
			if (t.isCompatibleWith(MediaType.parseMediaType("text/csv"))) {
				return "csv";
			}
			if (t.isCompatibleWith(MediaType.parseMediaType(XLSX))) {
				return "xlsx";
			}
		}
		throw new org.springframework.web.HttpMediaTypeNotAcceptableException(
				List.of(MediaType.parseMediaType("text/csv"), MediaType.parseMediaType(XLSX)));
	}

	static void write(ConsentLinkExport export, String format, List<ConsentLinkExport.Row> rows,
			HttpServletResponse response) throws IOException {
		response.setHeader(HttpHeaders.CACHE_CONTROL, "no-store");
		if (format.equals("xlsx")) {
			response.setContentType(XLSX);
			response.setHeader(HttpHeaders.CONTENT_DISPOSITION, "attachment; filename=\"consent-links.xlsx\"");
			ConsentLinkExport.writeXlsx(rows, response.getOutputStream());
		}
		else {
			response.setContentType("text/csv;charset=UTF-8");
			response.setHeader(HttpHeaders.CONTENT_DISPOSITION, "attachment; filename=\"consent-links.csv\"");
			ConsentLinkExport.writeCsv(rows, response.getOutputStream());
		}
	}

}
