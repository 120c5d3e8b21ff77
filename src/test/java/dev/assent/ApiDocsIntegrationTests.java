package dev.assent;

import org.junit.jupiter.api.Test;

import org.springframework.boot.test.web.server.LocalServerPort;

import dev.assent.support.AssentIntegrationTest;
import dev.assent.support.Http;

import static org.assertj.core.api.Assertions.assertThat;

/** The service describes its REST API and says when it is ready (API.md). */
@AssentIntegrationTest
class ApiDocsIntegrationTests {

	@LocalServerPort
	int port;

	@Test
	void servesTheOpenApiDescriptionOfThePublicContracts() {
		Http.Response docs = new Http(port).get("/v3/api-docs");

		assertThat(docs.status()).isEqualTo(200);
		assertThat(docs.json().get("paths").propertyNames()).contains("/api/v1/companies", "/api/v1/members",
				"/api/v1/members/{id}", "/api/v1/teams", "/api/v1/consent-profiles", "/api/v1/consent-profiles/{id}",
				"/api/v1/consent-profiles/{id}/default", "/api/v1/consent-page", "/api/v1/consent-page/logo",
				"/api/v1/consent-page/preview", "/api/v1/consent-decisions", "/api/v1/announcements", "/api/v1/emails",
				"/api/v1/recorder/commands");
		assertThat(new Http(port).get("/swagger-ui.html").status()).isIn(200, 302);
	}

	@Test
	void reportsHealthUp() {
		Http.Response health = new Http(port).get("/actuator/health");

		assertThat(health.status()).isEqualTo(200);
		assertThat(health.json().get("status").asString()).isEqualTo("UP");
	}

}
