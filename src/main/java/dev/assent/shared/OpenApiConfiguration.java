package dev.assent.shared;

import io.swagger.v3.oas.models.Components;
import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.info.Info;
import io.swagger.v3.oas.models.info.License;
import io.swagger.v3.oas.models.security.SecurityRequirement;
import io.swagger.v3.oas.models.security.SecurityScheme;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The served OpenAPI 3.1 document ({@code /v3/api-docs}): the REST API, SCIM and the recorder
 * webhooks of API.md, each request body with the schema of its request record.
 */
@Configuration(proxyBeanMethods = false)
class OpenApiConfiguration {

	static final String API_TOKEN = "apiToken";

	/** The company's SCIM token, for {@code /scim/v2} only (its controllers name this scheme). */
	static final String SCIM_TOKEN = "scimToken";

	@Bean
	OpenAPI assentOpenApi() {
		return new OpenAPI()
			.info(new Info().title("Assent API")
				.version("v1")
				.description("""
						Call-recording consent: companies, team members, teams, consent profiles, the consent page, \
						meetings and calls, evidence, reports, integrations and outbound webhooks. Every request carries \
						`Authorization: Bearer <company API token>` (the platform operator's token for \
						`POST /api/v1/companies`; the SCIM token for `/scim/v2`). Errors are RFC 9457 problem details; \
						an invalid body answers 400 with `errors` naming each field.""")
				.license(new License().name("Apache-2.0").identifier("Apache-2.0")))
			.components(new Components().addSecuritySchemes(API_TOKEN,
					new SecurityScheme().type(SecurityScheme.Type.HTTP)
						.scheme("bearer")
						.description("The company's API token (or SCIM token for /scim/v2, operator token for creating companies)"))
				.addSecuritySchemes(SCIM_TOKEN, new SecurityScheme().type(SecurityScheme.Type.HTTP)
					.scheme("bearer")
					.description("The company's SCIM token (shown once when the company is created; rotate it under /admin/tokens)")))
			.addSecurityItem(new SecurityRequirement().addList(API_TOKEN));
	}

}
