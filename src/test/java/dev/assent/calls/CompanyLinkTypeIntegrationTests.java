package dev.assent.calls;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

import dev.assent.support.AssentIntegrationTest;
import dev.assent.support.Http;
import dev.assent.support.MutableClock;

import static org.assertj.core.api.Assertions.assertThat;

/** The company's link type is the default of meetings that do not say which they want (PRODUCT L1, L5). */
@AssentIntegrationTest
class CompanyLinkTypeIntegrationTests {

	@LocalServerPort
	int port;

	@Autowired
	MutableClock clock;

	Http http;

	TestCompany acme;

	TestCompany other;

	@BeforeEach
	void setUp() {
		clock.set(Instant.parse("2030-03-01T00:00:00Z"));
		http = new Http(port);
		acme = TestCompany.create(http);
		other = TestCompany.create(http);
	}

	@AfterEach
	void resetClock() {
		clock.set(Instant.now());
	}

	Http.Response schedule(TestCompany company, String joinUrl) {
		Map<String, Object> body = new LinkedHashMap<>();
		body.put("title", "Demo");
		body.put("organizerEmail", "michael@acme.example");
		if (joinUrl != null) {
			body.put("joinUrl", joinUrl);
		}
		body.put("start", "2030-03-04T10:00");
		body.put("end", "2030-03-04T10:30");
		body.put("timeZone", "Europe/Berlin");
		body.put("invitees", List.of(Map.of("email", "jan.kowalski@customer.example")));
		return http.json("POST", "/api/v1/meetings", company.token(), body);
	}

	void linkType(TestCompany company, String type) {
		Http.Response r = http.json("PUT", "/api/v1/consent-page", company.token(), Map.of("linkType", type));
		assertThat(r.status()).as(r.body()).isEqualTo(200);
	}

	@Test
	void aCompanyUsingDynamicLinksGetsThemForMeetingsThatDoNotSayAndA409WithoutAConnectedProvider() {
		linkType(acme, "DYNAMIC");

		Http.Response dynamic = schedule(acme, null);
		Http.Response ownLink = schedule(acme, "https://us02web.zoom.us/j/81111111111");
		Http.Response otherCompany = schedule(other, null);

		// L5: no connected integration creates meetings, so a dynamic link is refused, never a silent static one
		assertThat(dynamic.status()).as(dynamic.body()).isEqualTo(409);
		assertThat(dynamic.json().get("detail").asString()).contains("DYNAMIC");
		assertThat(ownLink.status()).as("a meeting bringing its own link keeps it").isEqualTo(201);
		assertThat(ownLink.json().get("linkType").asString()).isEqualTo("STATIC");
		assertThat(otherCompany.status()).as(otherCompany.body()).isEqualTo(201);
		assertThat(otherCompany.json().get("linkType").asString()).isEqualTo("STATIC");
	}

	@Test
	void aCompanyLettingTheHostDecideGivesTheStaticLinkWhenTheHostDidNot() {
		linkType(acme, "HOST_DECIDES");

		Http.Response r = schedule(acme, null);

		assertThat(r.status()).as(r.body()).isEqualTo(201);
		assertThat(r.json().get("linkType").asString()).isEqualTo("STATIC");
		assertThat(r.json().get("joinUrl").asString()).isEqualTo("https://us02web.zoom.us/j/81234567890");
	}

}
