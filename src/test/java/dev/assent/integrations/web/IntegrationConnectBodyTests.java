package dev.assent.integrations.web;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

import dev.assent.integrations.ProviderConnector;
import dev.assent.support.AssentIntegrationTest;
import dev.assent.support.Http;
import dev.assent.support.TestCompany;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code PUT /api/v1/integrations/{provider}} reads the provider's own request record (issue 11):
 * unknown fields, missing and overlong ones are refused as RFC 9457 problems naming every failing
 * field, before the provider is asked anything; nothing is connected.
 */
@AssentIntegrationTest
class IntegrationConnectBodyTests {

	@LocalServerPort
	int port;

	@Autowired
	List<ProviderConnector> connectors;

	Http http;

	TestCompany company;

	@BeforeEach
	void setUp() {
		http = new Http(port);
		company = TestCompany.create(http, "connect-body");
	}

	@Test
	void everyProviderRecordHasExactlyThatProvidersConnectFields() {
		for (ProviderConnector c : connectors) {
			var type = IntegrationApiController.BODIES.get(c.provider());
			assertThat(type).as("the body record of %s", c.provider()).isNotNull();
			assertThat(Arrays.stream(type.getRecordComponents()).map(r -> r.getName()).toList()).as("%s", c.provider())
				.isEqualTo(c.fields());
		}
	}

	@Test
	void refusesAnUnknownFieldNamingTheKnownOnes() {
		Map<String, Object> body = new LinkedHashMap<>(Map.of("accountId", "acc", "clientId", "id", "clientSecret", "s"));
		body.put("clientSecrett", "typo");

		Http.Response r = put("ZOOM", body);

		assertThat(r.status()).isEqualTo(400);
		assertThat(r.header("Content-Type")).startsWith("application/problem+json");
		assertThat(r.json().get("errors").get("clientSecrett").asString()).contains("is not a known field",
				"accountId, clientId, clientSecret, webhookSecretToken");
		assertThat(put("WEBEX", Map.of("accountId", "acc")).json().get("errors").has("accountId")).isTrue();
		assertNotConnected("ZOOM");
	}

	@Test
	void namesEveryMissingBlankAndOverlongField() {
		Http.Response r = put("ZOOM", Map.of("accountId", " ", "clientSecret", "x".repeat(4097)));

		assertThat(r.status()).isEqualTo(400);
		JsonNode errors = r.json().get("errors");
		assertThat(errors.has("accountId")).isTrue();
		assertThat(errors.has("clientId")).isTrue();
		assertThat(errors.get("clientSecret").asString()).contains("4096");
		assertThat(errors.has("webhookSecretToken")).isFalse();

		Http.Response teams = put("MICROSOFT_TEAMS", Map.of("tenantId", "t", "clientId", "c", "clientSecret", "s",
				"webhookClientState", "x".repeat(129)));
		assertThat(teams.status()).isEqualTo(400);
		assertThat(teams.json().get("errors").get("webhookClientState").asString()).contains("128");

		Http.Response meet = put("GOOGLE_MEET", Map.of("clientId", "c"));
		assertThat(meet.json().get("errors").has("clientSecret")).isTrue();
		assertThat(meet.json().get("errors").has("refreshToken")).isTrue();
		Http.Response gotoMeeting = put("gotomeeting", Map.of("clientId", "c", "clientSecret", "s"));
		assertThat(gotoMeeting.json().get("errors").has("refreshToken")).isTrue();
		assertNotConnected("ZOOM");
		assertNotConnected("MICROSOFT_TEAMS");
		assertNotConnected("GOOGLE_MEET");
	}

	@Test
	void refusesABodyThatIsNoObjectAndAProviderWithoutIntegration() {
		Http.Response array = http.json("PUT", "/api/v1/integrations/ZOOM", company.apiToken(), "[\"accountId\"]");
		assertThat(array.status()).isEqualTo(400);
		assertThat(array.json().get("errors").has("body")).isTrue();

		Http.Response wrongType = put("ZOOM", Map.of("accountId", List.of("a"), "clientId", "c", "clientSecret", "s"));
		assertThat(wrongType.status()).isEqualTo(400);
		assertThat(wrongType.json().get("errors").has("accountId")).isTrue();

		assertThat(put("JOIN_ME", Map.of("clientId", "c")).status()).isEqualTo(404);
		assertThat(put("NO_SUCH_PROVIDER", Map.of()).status()).isEqualTo(404);
	}

	private Http.Response put(String provider, Map<String, ?> body) {
		return http.json("PUT", "/api/v1/integrations/" + provider, company.apiToken(), body);
	}

	private void assertNotConnected(String provider) {
		assertThat(company.get(http, "/api/v1/integrations/" + provider).get("state").asString()).isEqualTo("NOT_CONNECTED");
	}

}
