package dev.assent;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import org.springframework.boot.test.web.server.LocalServerPort;

import dev.assent.support.AssentIntegrationTest;
import dev.assent.support.Http;
import dev.assent.support.TestCompany;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * No data crosses companies (PRODUCT T1): with company B's token, every endpoint answers 404 for
 * every id of company A, and B's lists never show A's rows.
 */
@AssentIntegrationTest
class TenantIsolationIntegrationTests {

	@LocalServerPort
	int port;

	@Test
	void anotherCompanysIdsAnswerNotFoundOnEveryEndpoint() {
		Http http = new Http(port);
		TestCompany a = TestCompany.create(http, "tenant-a");
		TestCompany b = TestCompany.create(http, "tenant-b");
		String profile = a.post(http, "/api/v1/consent-profiles", Map.of("name", "A only")).get("id").asString();
		String team = a.post(http, "/api/v1/teams", Map.of("name", "A team")).get("id").asString();
		String member = a.member(http, "Alice A", "alice", "https://zoom.us/j/1").get("id").asString();
		String defaultProfile = a.get(http, "/api/v1/consent-profiles").get("items").get(0).get("id").asString();

		List<Http.Response> answers = List.of(http.get("/api/v1/members/" + member, b.apiToken()),
				http.json("PATCH", "/api/v1/members/" + member, b.apiToken(), Map.of("name", "x")),
				http.get("/api/v1/teams/" + team, b.apiToken()),
				http.json("PATCH", "/api/v1/teams/" + team, b.apiToken(), Map.of("name", "x")),
				http.get("/api/v1/consent-profiles/" + profile, b.apiToken()),
				http.json("PATCH", "/api/v1/consent-profiles/" + profile, b.apiToken(), Map.of("name", "x")),
				http.json("POST", "/api/v1/consent-profiles/" + profile + "/default", b.apiToken(), "{}"),
				http.delete("/api/v1/consent-profiles/" + profile, b.apiToken()),
				http.delete("/api/v1/consent-profiles/" + defaultProfile, b.apiToken()),
				http.get("/api/v1/consent-page/preview?profile=" + profile, b.apiToken()),
				http.get("/api/v1/consent-decisions?member=" + member, b.apiToken()));
		for (Http.Response r : answers) {
			assertThat(r.status()).as(r.body()).isEqualTo(404);
		}

		assertThat(ids(b.get(http, "/api/v1/members"))).doesNotContain(member);
		assertThat(ids(b.get(http, "/api/v1/teams"))).doesNotContain(team);
		assertThat(ids(b.get(http, "/api/v1/consent-profiles"))).doesNotContain(profile, defaultProfile);
		assertThat(b.get(http, "/api/v1/consent-page/links").get("items")).isEmpty();

		// B cannot attach A's profile or team to its own members either.
		assertThat(http.json("POST", "/api/v1/members", b.apiToken(), Map.of("name", "Bob", "email", "bob@b.example",
				"consentProfileId", profile)).status()).isEqualTo(400);
		assertThat(http.json("POST", "/api/v1/members", b.apiToken(), Map.of("name", "Bob", "email", "bob@b.example",
				"teamId", team)).status()).isEqualTo(400);

		// And A's data is untouched.
		assertThat(a.get(http, "/api/v1/members/" + member).get("name").asString()).isEqualTo("Alice A");
		assertThat(a.get(http, "/api/v1/consent-profiles/" + profile).get("name").asString()).isEqualTo("A only");
	}

	private static List<String> ids(JsonNode list) {
		return list.get("items").valueStream().map(n -> n.get("id").asString()).toList();
	}

}
