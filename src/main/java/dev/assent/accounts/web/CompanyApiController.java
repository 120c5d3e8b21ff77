package dev.assent.accounts.web;

import java.net.URI;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.jspecify.annotations.Nullable;

import org.springframework.http.ResponseEntity;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

import dev.assent.accounts.CompanyManagement;
import dev.assent.accounts.NewCompany;
import dev.assent.accounts.Tenant;
import dev.assent.shared.InvalidInput;

@RestController
@Tag(name = "Companies", description = "Tenants; only the platform operator may create them")
class CompanyApiController {

	private final CompanyManagement companies;

	CompanyApiController(CompanyManagement companies) {
		this.companies = companies;
	}

	record CreateCompany(@NotBlank @Size(max = 200) String name, @Nullable @Size(max = 48) String slug) {
	}

	@PostMapping("/api/v1/companies")
	@Operation(summary = "Create a company", description = "Operator token only. The API and SCIM tokens are shown this once.")
	ResponseEntity<NewCompany> create(@Valid @RequestBody CreateCompany body) {
		NewCompany company = companies.create(body.name(), body.slug());
		return ResponseEntity.created(URI.create("/api/v1/companies/" + company.id())).body(company);
	}

	record IssuedToken(@Schema(description = "The new token, shown this once", example = "ast_3q2+7w…") String token) {
	}

	record TokenState(@Schema(description = "api or scim") String kind,
			@Schema(description = "false once revoked, until rotated again") boolean active) {
	}

	record TokenStates(List<TokenState> items) {
	}

	@GetMapping("/api/v1/company/tokens")
	@Operation(summary = "Which of the company's tokens are active (what the API tokens page shows)",
			description = "Tokens themselves are never shown again after they are issued.")
	TokenStates tokens(@AuthenticationPrincipal Tenant tenant) {
		return new TokenStates(Arrays.stream(CompanyManagement.TokenKind.values())
			.map(k -> new TokenState(k.name().toLowerCase(Locale.ROOT), companies.hasToken(tenant.companyId(), k)))
			.toList());
	}

	@PostMapping("/api/v1/company/tokens/{kind}")
	@Operation(summary = "Rotate the company's API or SCIM token",
			description = "kind is api or scim. A new token is issued and shown this once; the previous one stops working at once.")
	IssuedToken rotate(@AuthenticationPrincipal Tenant tenant, @PathVariable String kind) {
		return new IssuedToken(companies.rotateToken(tenant.companyId(), kind(kind)));
	}

	@DeleteMapping("/api/v1/company/tokens/{kind}")
	@Operation(summary = "Revoke the company's API or SCIM token",
			description = "kind is api or scim. The token stops working at once; rotate to issue a new one.")
	ResponseEntity<Void> revoke(@AuthenticationPrincipal Tenant tenant, @PathVariable String kind) {
		companies.revokeToken(tenant.companyId(), kind(kind));
		return ResponseEntity.noContent().build();
	}

	private static CompanyManagement.TokenKind kind(String kind) {
		return switch (kind) {
			case "api" -> CompanyManagement.TokenKind.API;
			case "scim" -> CompanyManagement.TokenKind.SCIM;
			default -> throw InvalidInput.of("kind", "invalid.must-be-api-or-scim");
		};
	}

}
