package dev.assent.evidence.web;

import java.util.UUID;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;

import org.springframework.http.ContentDisposition;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RestController;

import dev.assent.accounts.Tenant;
import dev.assent.evidence.EvidenceExports;
import dev.assent.evidence.EvidencePdf;
import dev.assent.evidence.LedgerVerification;

/**
 * Consent evidence for auditors (PRODUCT X1): the export of one call or one participant, as JSON
 * or PDF ({@code Accept: application/pdf}), and the verification of the company's chain.
 */
@RestController
@Tag(name = "Evidence", description = "Hash-chained consent evidence: exports and chain verification (X1)")
class EvidenceApiController {

	static final String EXPORT_HASH = "X-Assent-Export-Sha256";

	private final EvidenceExports exports;

	private final EvidencePdf pdf;

	private final LedgerVerification verification;

	EvidenceApiController(EvidenceExports exports, EvidencePdf pdf, LedgerVerification verification) {
		this.exports = exports;
		this.pdf = pdf;
		this.verification = verification;
	}

	@GetMapping(path = "/api/v1/calls/{id}/evidence", produces = MediaType.APPLICATION_JSON_VALUE)
	@Operation(summary = "Evidence of a call", description = "Every consent record of the call occurrence, the texts shown, each record's place in the chain, the chain's head at export time and `exportSha256`: the SHA-256 of this JSON without that member, object members sorted, no white space. `Accept: application/pdf` gives the same as a readable PDF.")
	ResponseEntity<String> call(@AuthenticationPrincipal Tenant tenant, @PathVariable UUID id) {
		return json(exports.call(tenant.companyId(), id));
	}

	@GetMapping(path = "/api/v1/calls/{id}/evidence", produces = MediaType.APPLICATION_PDF_VALUE)
	ResponseEntity<byte[]> callPdf(@AuthenticationPrincipal Tenant tenant, @PathVariable UUID id) {
		return pdf(exports.call(tenant.companyId(), id), "call-" + id);
	}

	@GetMapping(path = "/api/v1/evidence/participants/{participant}", produces = MediaType.APPLICATION_JSON_VALUE)
	@Operation(summary = "Evidence of a participant", description = "Every consent record of one participant (email or anonymous participant id) across calls; JSON or PDF as for a call.")
	ResponseEntity<String> participant(@AuthenticationPrincipal Tenant tenant, @PathVariable String participant) {
		return json(exports.participant(tenant.companyId(), participant));
	}

	@GetMapping(path = "/api/v1/evidence/participants/{participant}", produces = MediaType.APPLICATION_PDF_VALUE)
	ResponseEntity<byte[]> participantPdf(@AuthenticationPrincipal Tenant tenant, @PathVariable String participant) {
		return pdf(exports.participant(tenant.companyId(), participant), "participant");
	}

	@GetMapping("/api/v1/evidence/verification")
	@Operation(summary = "Verify the evidence chain", description = "Walks the company's chain from its first link and names the first broken link (and record): `intact`, `links`, `records`, `head`, `firstBroken{linkSeq, recordId, problem}`.")
	LedgerVerification.Result verify(@AuthenticationPrincipal Tenant tenant) {
		return verification.verify(tenant.companyId());
	}

	private static ResponseEntity<String> json(EvidenceExports.Export export) {
		return ResponseEntity.ok()
			.contentType(MediaType.APPLICATION_JSON)
			.header(EXPORT_HASH, export.sha256())
			.body(export.json());
	}

	private ResponseEntity<byte[]> pdf(EvidenceExports.Export export, String name) {
		return ResponseEntity.ok()
			.contentType(MediaType.APPLICATION_PDF)
			.header(EXPORT_HASH, export.sha256())
			.header(HttpHeaders.CONTENT_DISPOSITION,
					ContentDisposition.attachment().filename("evidence-" + name + ".pdf").build().toString())
			.body(pdf.render(export));
	}

}
