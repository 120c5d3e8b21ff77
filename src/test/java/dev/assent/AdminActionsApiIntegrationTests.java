package dev.assent;

import java.util.HashMap;
import java.util.Map;

import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.boot.test.web.server.LocalServerPort;

import dev.assent.support.AssentIntegrationTest;
import dev.assent.support.Http;
import dev.assent.support.TestCompany;

import static dev.assent.support.Problems.assertInvalid;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Issue 11: smaller admin actions found missing from the API by the audit of the admin
 * controllers — the API tokens page's state, and the consent page's preview of unsaved settings.
 */
@AssentIntegrationTest
class AdminActionsApiIntegrationTests {

	private static final JsonMapper JSON = JsonMapper.builder().build();

	@LocalServerPort
	int port;

	@Test
	void saysWhichTokensAreActiveAsTheTokensPageDoes() {
		Http http = new Http(port);
		TestCompany c = TestCompany.create(http, "tokstate");

		assertThat(states(c.get(http, "/api/v1/company/tokens"))).isEqualTo(Map.of("api", true, "scim", true));
		assertThat(http.delete("/api/v1/company/tokens/scim", c.apiToken()).status()).isEqualTo(204);
		assertThat(states(c.get(http, "/api/v1/company/tokens"))).isEqualTo(Map.of("api", true, "scim", false));
		assertThat(c.get(http, "/api/v1/company/tokens").toString()).doesNotContain(c.scimToken(), c.apiToken());
		assertThat(http.get("/api/v1/company/tokens").status()).isEqualTo(401);
	}

	@Test
	void previewsUnsavedSettingsWithoutStoringThem() { // C6
		Http http = new Http(port);
		TestCompany c = TestCompany.create(http, "draftprev");
		TestCompany other = TestCompany.create(http, "draftprev-b");
		String strict = c.post(http, "/api/v1/consent-profiles", Map.of("name", "Strict", "participantChoice",
				"MUST_CONSENT")).get("id").asString();

		Http.Response preview = preview(http, c, Map.of("noticeHtml",
				"<p>Draft notice <script>alert(1)</script></p>", "policyUrl", "https://acme.example/privacy-draft",
				"profile", strict));

		assertThat(preview.status()).as(preview.body()).isEqualTo(200);
		assertThat(preview.header("Content-Type")).startsWith("text/html");
		assertThat(preview.body()).contains("Draft notice", "https://acme.example/privacy-draft", "Consent and join")
			.doesNotContain("<script>alert(1)");
		JsonNode saved = c.get(http, "/api/v1/consent-page");
		assertThat(saved.get("noticeHtml") == null || saved.get("noticeHtml").isNull()
				|| !saved.get("noticeHtml").asString().contains("Draft notice")).as("nothing stored").isTrue();

		assertInvalid(preview(http, c, Map.of("policyUrl", "javascript:alert(1)")), "policyUrl",
				"invalid.must-be-an-absolute-https-link");
		assertThat(preview(http, other, Map.of("profile", strict)).status()).as("another company's profile")
			.isEqualTo(404);
		assertThat(preview(http, c, Map.of("colour", "red")).status()).as("unknown field").isEqualTo(400);
	}

	private static Map<String, Boolean> states(JsonNode tokens) {
		Map<String, Boolean> states = new HashMap<>();
		tokens.get("items").forEach(t -> states.put(t.get("kind").asString(), t.get("active").asBoolean()));
		return states;
	}

	private static Http.Response preview(Http http, TestCompany c, Map<String, Object> body) {
		return http.post("/api/v1/consent-page/preview", "application/json", JSON.writeValueAsString(body),
				"Authorization", "Bearer " + c.apiToken(), "Accept", "text/html, application/problem+json");
	}

}
