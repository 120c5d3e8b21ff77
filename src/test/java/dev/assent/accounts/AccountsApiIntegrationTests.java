package dev.assent.accounts;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;

import dev.assent.shared.Tokens;
import dev.assent.support.AssentIntegrationTest;
import dev.assent.support.Http;
import dev.assent.support.TestCompany;

import static org.assertj.core.api.Assertions.assertThat;

/** Companies, members and teams through the REST API (PRODUCT T1–T3, P3). */
@AssentIntegrationTest
class AccountsApiIntegrationTests {

	@LocalServerPort
	int port;

	@Autowired
	JdbcClient jdbc;

	Http http;

	@BeforeEach
	void client() {
		http = new Http(port);
	}

	@Test
	void operatorCreatesACompanyWithADefaultProfileAndNoMembers() {
		TestCompany c = TestCompany.create(http, "fresh");

		JsonNode profiles = c.get(http, "/api/v1/consent-profiles").get("items");
		assertThat(profiles).hasSize(1);
		assertThat(profiles.get(0).get("isDefault").asBoolean()).isTrue();
		assertThat(c.get(http, "/api/v1/members").get("total").asLong()).isZero();
	}

	@Test
	void storesApiAndScimTokensOnlyAsHashes() {
		TestCompany c = TestCompany.create(http, "hashed");

		Map<String, Object> row = jdbc.sql("select api_token_hash, scim_token_hash from accounts.companies where slug = ?")
			.param(c.slug())
			.query()
			.singleRow();
		assertThat(row.get("api_token_hash")).isEqualTo(Tokens.hash(c.apiToken())).isNotEqualTo(c.apiToken());
		assertThat(row.get("scim_token_hash")).isEqualTo(Tokens.hash(c.scimToken()));
	}

	@Test
	void onlyTheOperatorCreatesCompanies() {
		TestCompany c = TestCompany.create(http, "notop");
		Map<String, String> body = Map.of("name", "Sneaky", "slug", "sneaky");

		assertThat(http.json("POST", "/api/v1/companies", c.apiToken(), body).status()).isEqualTo(403);
		assertThat(http.json("POST", "/api/v1/companies", "not-a-token", body).status()).isEqualTo(401);
		Http.Response anonymous = http.get("/api/v1/members");
		assertThat(anonymous.status()).isEqualTo(401);
		assertThat(anonymous.header("Content-Type")).contains("application/problem+json");
	}

	@Test
	void rejectsReservedMalformedAndTakenCompanySlugs() {
		TestCompany taken = TestCompany.create(http, "taken");
		String op = AssentIntegrationTest.OPERATOR_TOKEN;

		assertThat(http.json("POST", "/api/v1/companies", op, Map.of("name", "A", "slug", "admin")).status()).isEqualTo(400);
		assertThat(http.json("POST", "/api/v1/companies", op, Map.of("name", "A", "slug", "Not A Slug")).status()).isEqualTo(400);
		assertThat(http.json("POST", "/api/v1/companies", op, Map.of("name", "A", "slug", taken.slug())).status()).isEqualTo(409);
	}

	@Test
	void findsMembersByTextTeamAndConsentProfileName() {
		TestCompany c = TestCompany.create(http, "search");
		JsonNode strict = c.post(http, "/api/v1/consent-profiles", Map.of("name", "Strict EU", "consentPage", "ENFORCED",
				"participantChoice", "MUST_CONSENT"));
		JsonNode team = c.post(http, "/api/v1/teams", Map.of("name", "Berlin", "consentProfileId", strict.get("id").asString()));
		c.post(http, "/api/v1/members", Map.of("name", "Hans Meier", "email", "hans@x.example", "teamId",
				team.get("id").asString()));
		c.post(http, "/api/v1/members", Map.of("name", "Ann Lee", "email", "ann@x.example"));

		assertThat(names(c.get(http, "/api/v1/members?profile=strict"))).containsExactly("Hans Meier");
		assertThat(names(c.get(http, "/api/v1/members?profile=default"))).containsExactly("Ann Lee");
		assertThat(names(c.get(http, "/api/v1/members?q=ann"))).containsExactly("Ann Lee");
		assertThat(names(c.get(http, "/api/v1/members?q=berlin"))).containsExactly("Hans Meier");
		assertThat(names(c.get(http, "/api/v1/members?team=Berlin"))).containsExactly("Hans Meier");
	}

	@Test
	void memberProfileWinsOverTeamProfileWhichWinsOverTheDefault() {
		TestCompany c = TestCompany.create(http, "resolve");
		String teamProfile = c.post(http, "/api/v1/consent-profiles", Map.of("name", "Team P")).get("id").asString();
		String memberProfile = c.post(http, "/api/v1/consent-profiles", Map.of("name", "Member P")).get("id").asString();
		String team = c.post(http, "/api/v1/teams", Map.of("name", "T", "consentProfileId", teamProfile)).get("id").asString();
		String id = c.post(http, "/api/v1/members", Map.of("name", "Mia", "email", "mia@x.example", "teamId", team,
				"consentProfileId", memberProfile)).get("id").asString();

		assertThat(profileOf(c, id)).isEqualTo("Member P (MEMBER)");
		Map<String, Object> clear = new HashMap<>();
		clear.put("consentProfileId", null);
		c.patch(http, "/api/v1/members/" + id, clear);
		assertThat(profileOf(c, id)).isEqualTo("Team P (TEAM)");
		Map<String, Object> leaveTeam = new HashMap<>();
		leaveTeam.put("teamId", null);
		c.patch(http, "/api/v1/members/" + id, leaveTeam);
		assertThat(profileOf(c, id)).isEqualTo("Default (DEFAULT)");
	}

	@Test
	void answersBadInputWithProblemDetailsAndStoresNothing() {
		TestCompany c = TestCompany.create(http, "bad");
		TestCompany other = TestCompany.create(http, "other");
		String foreignProfile = other.get(http, "/api/v1/consent-profiles").get("items").get(0).get("id").asString();

		assertProblem(http.json("POST", "/api/v1/members", c.apiToken(), "{not json"), 400, null);
		assertProblem(http.json("POST", "/api/v1/members", c.apiToken(), "[1,2]"), 400, "body");
		assertProblem(http.json("POST", "/api/v1/members", c.apiToken(), Map.of("name", "X", "email", "x@x.example",
				"colour", "blue")), 400, "colour");
		assertProblem(http.json("POST", "/api/v1/members", c.apiToken(), Map.of("name", "X", "email", "not-an-email")),
				400, "email");
		assertProblem(http.json("POST", "/api/v1/members", c.apiToken(), Map.of("name", List.of("X"), "email", "x@x.example")),
				400, "name");
		assertProblem(http.json("POST", "/api/v1/members", c.apiToken(), Map.of("name", "X".repeat(201), "email",
				"x@x.example")), 400, "name");
		assertProblem(http.json("POST", "/api/v1/members", c.apiToken(), Map.of("name", "X", "email", "x@x.example",
				"personalMeetingUrl", "javascript:alert(1)")), 400, "personalMeetingUrl");
		assertProblem(http.json("POST", "/api/v1/members", c.apiToken(), Map.of("name", "X", "email", "x@x.example",
				"consentProfileId", foreignProfile)), 400, "consentProfileId");
		Http.Response huge = http.json("POST", "/api/v1/members", c.apiToken(),
				Map.of("name", "X", "email", "x@x.example", "pad", "y".repeat(2_200_000)));
		assertThat(huge.status()).isEqualTo(400);
		assertThat(huge.header("Content-Type")).contains("application/problem+json");
		assertThat(huge.json().get("type").asString()).endsWith("/body-too-large");

		assertThat(c.get(http, "/api/v1/members").get("total").asLong()).isZero();

		c.post(http, "/api/v1/members", Map.of("name", "X", "email", "dup@x.example"));
		assertProblem(http.json("POST", "/api/v1/members", c.apiToken(), Map.of("name", "Y", "email", "DUP@x.example")),
				409, null);
	}

	@Test
	void typedPatchNamesEveryBadFieldAndKeepsWhatIsLeftOut() {
		// issue 11: PATCH bodies are validated records; null clears, absence keeps
		TestCompany c = TestCompany.create(http, "typed");
		String profile = c.post(http, "/api/v1/consent-profiles", Map.of("name", "Typed")).get("id").asString();
		String id = c.post(http, "/api/v1/members", Map.of("name", "Pat Typed", "email", "pat@typed.example",
				"consentProfileId", profile, "personalMeetingUrl", "https://zoom.us/j/4242")).get("id").asString();
		String path = "/api/v1/members/" + id;

		assertProblem(http.json("PATCH", path, c.apiToken(), Map.of("nmae", "Typo")), 400, "nmae");
		assertProblem(http.json("PATCH", path, c.apiToken(), Map.of("role", "BOSS")), 400, "role");
		assertThat(http.json("PATCH", path, c.apiToken(), Map.of("role", "BOSS")).json().get("errors").get("role")
			.asString()).contains("TECH_ADMIN", "MEMBER");
		Http.Response both = http.json("PATCH", path, c.apiToken(), Map.of("name", "", "email", "not-an-email"));
		assertProblem(both, 400, "name");
		assertThat(both.json().get("errors").has("email")).as("every bad field is named").isTrue();
		assertProblem(http.json("PATCH", path, c.apiToken(), Map.of("consentProfileId", "not-a-uuid")), 400,
				"consentProfileId");

		JsonNode kept = c.patch(http, path, Map.of("recorded", false));
		assertThat(kept.get("name").asString()).isEqualTo("Pat Typed");
		assertThat(kept.get("consentProfileId").asString()).isEqualTo(profile);
		assertThat(kept.get("personalMeetingUrl").asString()).isEqualTo("https://zoom.us/j/4242");

		Map<String, Object> clear = new HashMap<>();
		clear.put("consentProfileId", null);
		clear.put("personalMeetingUrl", null);
		JsonNode cleared = c.patch(http, path, clear);
		assertThat(cleared.has("consentProfileId")).isFalse();
		assertThat(cleared.has("personalMeetingUrl")).isFalse();
		assertThat(cleared.get("consentProfile").get("source").asString()).isEqualTo("DEFAULT");

		assertProblem(http.json("POST", "/api/v1/teams", c.apiToken(), Map.of("name", " ")), 400, "name");
		assertProblem(http.json("PATCH", "/api/v1/consent-profiles/" + profile, c.apiToken(),
				Map.of("preCallEmailMinutes", 0)), 400, "preCallEmailMinutes");
	}

	@Test
	void aSignInEmailOfAnotherCompanysAccountIsAConflictThatSaysSoNotAServerError() { // issue 11
		TestCompany a = TestCompany.create(http, "logina");
		TestCompany b = TestCompany.create(http, "loginb");
		String shared = "pat@shared-" + a.slug() + ".example";
		String inA = a.post(http, "/api/v1/members", Map.of("name", "Pat in A", "email", shared, "slug", "pat")).get("id").asString();
		a.patch(http, "/api/v1/members/" + inA, Map.of("password", "a-long-enough-password-1"));
		// The same person is also a member of company B: allowed, but B cannot give that email a sign-in too.
		String inB = b.post(http, "/api/v1/members", Map.of("name", "Pat in B", "email", shared, "slug", "pat")).get("id").asString();

		Http.Response refused = http.json("PATCH", "/api/v1/members/" + inB, b.apiToken(),
				Map.of("password", "another-long-password-2"));
		assertThat(refused.status()).as(refused.body()).isEqualTo(409);
		assertThat(refused.body()).contains("signs in to Assent for another company");

		// Nor may a member who signs in move to an email that is another account's sign-in.
		String other = b.post(http, "/api/v1/members", Map.of("name", "Sam in B", "email", "sam@" + b.slug() + ".example",
				"slug", "sam")).get("id").asString();
		b.patch(http, "/api/v1/members/" + other, Map.of("password", "sams-long-password-3"));
		Http.Response moved = http.json("PATCH", "/api/v1/members/" + other, b.apiToken(), Map.of("email", shared));
		assertThat(moved.status()).as(moved.body()).isEqualTo(409);
		assertThat(b.get(http, "/api/v1/members/" + other).get("email").asString()).isEqualTo("sam@" + b.slug() + ".example");
	}

	private static void assertProblem(Http.Response r, int status, String field) {
		assertThat(r.status()).as(r.body()).isEqualTo(status);
		assertThat(r.header("Content-Type")).contains("application/problem+json");
		JsonNode body = r.json();
		assertThat(body.get("status").asInt()).isEqualTo(status);
		assertThat(body.get("detail").asString()).isNotBlank();
		if (field != null) {
			assertThat(body.get("errors").has(field)).as(r.body()).isTrue();
		}
	}

	private String profileOf(TestCompany c, String memberId) {
		JsonNode p = c.get(http, "/api/v1/members/" + memberId).get("consentProfile");
		return p.get("name").asString() + " (" + p.get("source").asString() + ")";
	}

	private static List<String> names(JsonNode list) {
		return list.get("items").valueStream().map(m -> m.get("name").asString()).toList();
	}

}
