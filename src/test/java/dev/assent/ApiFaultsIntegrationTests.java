package dev.assent;

import org.junit.jupiter.api.Test;

import org.springframework.boot.test.context.TestComponent;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Import;
import org.springframework.http.HttpStatus;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ResponseStatusException;

import dev.assent.support.AssentIntegrationTest;
import dev.assent.support.Http;
import dev.assent.support.TestCompany;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A fault inside an API controller answers an RFC 9457 problem detail that gives nothing of the
 * fault away; what Spring answers itself keeps its own status (ADR 0003).
 */
@AssentIntegrationTest
@Import(ApiFaultsIntegrationTests.Faulty.class)
class ApiFaultsIntegrationTests {

	@TestComponent
	@RestController
	static class Faulty {

		@GetMapping("/api/v1/test-faults/bug")
		String bug() {
			throw new IllegalStateException("secret detail: connection to db-7 refused");
		}

		@GetMapping("/api/v1/test-faults/teapot")
		String teapot() {
			throw new ResponseStatusException(HttpStatus.I_AM_A_TEAPOT, "short and stout");
		}

		@GetMapping("/api/v1/test-faults/denied")
		String denied() {
			throw new AccessDeniedException("not yours");
		}

	}

	@LocalServerPort
	int port;

	@Test
	void anUnexpectedFaultIsAProblemDetailThatRevealsNothing() {
		Http http = new Http(port);
		TestCompany c = TestCompany.create(http, "faults");

		Http.Response r = http.get("/api/v1/test-faults/bug", c.apiToken());

		assertThat(r.status()).isEqualTo(500);
		assertThat(r.header("Content-Type")).contains("application/problem+json");
		assertThat(r.json().get("type").asString()).endsWith("/internal-error");
		assertThat(r.body()).doesNotContain("secret", "db-7", "IllegalStateException");
	}

	@Test
	void whatSpringAnswersItselfKeepsItsStatus() {
		Http http = new Http(port);
		TestCompany c = TestCompany.create(http, "faults2");

		assertThat(http.get("/api/v1/test-faults/teapot", c.apiToken()).status()).isEqualTo(418);
		assertThat(http.get("/api/v1/test-faults/denied", c.apiToken()).status()).isEqualTo(403);
	}

}
