package dev.assent.accounts.web;

import java.net.URI;

import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.jspecify.annotations.Nullable;

import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

import dev.assent.accounts.CompanyManagement;
import dev.assent.accounts.NewCompany;

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

}
