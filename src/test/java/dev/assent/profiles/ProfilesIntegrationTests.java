package dev.assent.profiles;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import org.springframework.boot.test.web.server.LocalServerPort;

import dev.assent.support.AssentIntegrationTest;
import dev.assent.support.Http;
import dev.assent.support.TestCompany;

import static org.assertj.core.api.Assertions.assertThat;

/** Consent profiles (PRODUCT P1–P6) through the API and their effect on the consent page. */
@AssentIntegrationTest
class ProfilesIntegrationTests {

	@LocalServerPort
	int port;

	@Test
	void aProfileChangeShowsOnTheVeryNextPageView() {
		Http http = new Http(port);
		TestCompany c = TestCompany.create(http, "p4");
		c.member(http, "Dana Scully", "dana", "https://zoom.us/j/42");
		String profile = c.get(http, "/api/v1/consent-profiles").get("items").get(0).get("id").asString();
		String page = "/" + c.slug() + "/dana";

		assertThat(http.get(page).body()).contains("Join but don&#39;t record");
		c.patch(http, "/api/v1/consent-profiles/" + profile, Map.of("participantChoice", "MUST_CONSENT"));
		String afterChange = http.get(page).body();
		assertThat(afterChange).contains("Consent and join").doesNotContain("Join but don&#39;t record");

		c.patch(http, "/api/v1/consent-profiles/" + profile, Map.of("consentPage", "OFF"));
		assertThat(http.get(page).status()).isEqualTo(404);
		c.patch(http, "/api/v1/consent-profiles/" + profile, Map.of("consentPage", "ENABLED"));
		assertThat(http.get(page).status()).isEqualTo(200);
	}

	@Test
	void assigningAnotherProfileToTheMemberShowsAtOnce() {
		Http http = new Http(port);
		TestCompany c = TestCompany.create(http, "assign");
		String member = c.member(http, "Fox Mulder", "fox", "https://zoom.us/j/43").get("id").asString();
		String strict = c.post(http, "/api/v1/consent-profiles", Map.of("name", "Strict", "participantChoice",
				"MUST_CONSENT")).get("id").asString();
		assertThat(http.get("/" + c.slug() + "/fox").body()).contains("Join and record");

		c.patch(http, "/api/v1/members/" + member, Map.of("consentProfileId", strict));

		assertThat(http.get("/" + c.slug() + "/fox").body()).contains("Consent and join").doesNotContain("Join and record");
	}

	/**
	 * A change shows on the first view of every other member's page too, whatever the page reads from
	 * its company alone — the profiles, the team's profile, the link name (P4; the company's part of a
	 * page is kept between first views, issue 7).
	 */
	@Test
	void aChangeShowsOnTheFirstViewOfAnotherMembersPage() {
		Http http = new Http(port);
		TestCompany c = TestCompany.create(http, "p4first");
		String profile = c.get(http, "/api/v1/consent-profiles").get("items").get(0).get("id").asString();
		String strict = c.post(http, "/api/v1/consent-profiles", Map.of("name", "Strict", "participantChoice",
				"MUST_CONSENT")).get("id").asString();
		String team = c.post(http, "/api/v1/teams", Map.of("name", "Closers")).get("id").asString();
		for (String slug : new String[] { "ann", "bob", "cat", "dan" }) {
			c.member(http, "Member " + slug, slug, "https://zoom.us/j/4" + slug.length());
		}
		c.post(http, "/api/v1/members", Map.of("name", "Eve", "email", "eve@" + c.slug() + ".example", "slug", "eve",
				"recorded", true, "personalMeetingUrl", "https://zoom.us/j/45", "team", "Closers"));
		assertThat(http.get("/" + c.slug() + "/ann").body()).contains("Join but don&#39;t record");
		assertThat(http.get("/" + c.slug() + "/eve").body()).contains("Join but don&#39;t record");

		c.patch(http, "/api/v1/consent-profiles/" + profile, Map.of("participantChoice", "MUST_CONSENT"));
		assertThat(http.get("/" + c.slug() + "/bob").body()).contains("Consent and join")
			.doesNotContain("Join but don&#39;t record");

		c.patch(http, "/api/v1/consent-profiles/" + profile, Map.of("participantChoice", "MAY_OPT_OUT"));
		c.patch(http, "/api/v1/teams/" + team, Map.of("consentProfileId", strict));
		assertThat(http.get("/" + c.slug() + "/cat").body()).contains("Join but don&#39;t record");
		assertThat(http.get("/" + c.slug() + "/eve").body()).contains("Consent and join")
			.doesNotContain("Join but don&#39;t record");

		String renamed = c.slug() + "-new";
		c.json(http, "PUT", "/api/v1/consent-page", Map.of("companySlug", renamed));
		Http.Response moved = http.get("/" + c.slug() + "/dan");
		assertThat(moved.status()).isBetween(301, 308);
		assertThat(moved.header("Location")).endsWith("/" + renamed + "/dan");
		assertThat(http.get("/" + renamed + "/dan").status()).isEqualTo(200);
	}

	@Test
	void aProfileOnLegitimateInterestsNeedsItsAssessmentReference() { // jurisdictions.md checklist, issue 12
		Http http = new Http(port);
		TestCompany c = TestCompany.create(http, "lia");
		String profile = "/api/v1/consent-profiles/" + c.get(http, "/api/v1/consent-profiles").get("items").get(0).get("id").asString();
		assertThat(c.get(http, profile).get("lawfulBasis").asString()).isEqualTo("CONSENT");

		Http.Response without = http.json("PATCH", profile, c.apiToken(), Map.of("lawfulBasis", "LEGITIMATE_INTERESTS"));

		assertThat(without.status()).isEqualTo(400);
		assertThat(without.body()).contains("legitimateInterestsAssessment");
		JsonNode with = c.patch(http, profile, Map.of("lawfulBasis", "LEGITIMATE_INTERESTS", "legitimateInterestsAssessment",
				"LIA-2026-07"));
		assertThat(with.get("lawfulBasis").asString()).isEqualTo("LEGITIMATE_INTERESTS");
		assertThat(with.get("legitimateInterestsAssessment").asString()).isEqualTo("LIA-2026-07");
		// back to consent: the reference no longer applies and is not kept
		JsonNode back = c.patch(http, profile, Map.of("lawfulBasis", "CONSENT")).path("legitimateInterestsAssessment");
		assertThat(back.isNull() || back.isMissingNode()).isTrue();
	}

	@Test
	void keepsExactlyOneDefaultProfile() {
		Http http = new Http(port);
		TestCompany c = TestCompany.create(http, "default");
		String first = c.get(http, "/api/v1/consent-profiles").get("items").get(0).get("id").asString();
		String second = c.post(http, "/api/v1/consent-profiles", Map.of("name", "Second")).get("id").asString();

		c.post(http, "/api/v1/consent-profiles/" + second + "/default", Map.of());

		JsonNode items = c.get(http, "/api/v1/consent-profiles").get("items");
		assertThat(items.valueStream().filter(p -> p.get("isDefault").asBoolean()).map(p -> p.get("id").asString()))
			.containsExactly(second);
		assertThat(http.delete("/api/v1/consent-profiles/" + second, c.apiToken()).status()).isEqualTo(409);
		assertThat(http.delete("/api/v1/consent-profiles/" + first, c.apiToken()).status()).isEqualTo(204);
	}

	@Test
	void aProfileInUseIsDeletedOnlyWithSomewhereForItsMembersToGo() {
		Http http = new Http(port);
		TestCompany c = TestCompany.create(http, "p6");
		String old = c.post(http, "/api/v1/consent-profiles", Map.of("name", "Old")).get("id").asString();
		String next = c.post(http, "/api/v1/consent-profiles", Map.of("name", "Next")).get("id").asString();
		String member = c.post(http, "/api/v1/members", Map.of("name", "Walter", "email", "w@x.example",
				"consentProfileId", old)).get("id").asString();
		String team = c.post(http, "/api/v1/teams", Map.of("name", "Team", "consentProfileId", old)).get("id").asString();

		Http.Response refused = http.delete("/api/v1/consent-profiles/" + old, c.apiToken());
		assertThat(refused.status()).isEqualTo(409);
		assertThat(refused.json().get("detail").asString()).contains("2").contains("reassignTo");
		assertThat(http.get("/api/v1/consent-profiles/" + old, c.apiToken()).status()).isEqualTo(200);
		assertThat(http.delete("/api/v1/consent-profiles/" + old + "?reassignTo=" + old, c.apiToken()).status())
			.isEqualTo(400);

		assertThat(http.delete("/api/v1/consent-profiles/" + old + "?reassignTo=" + next, c.apiToken()).status())
			.isEqualTo(204);

		assertThat(c.get(http, "/api/v1/members/" + member).get("consentProfileId").asString()).isEqualTo(next);
		assertThat(c.get(http, "/api/v1/teams/" + team).get("consentProfileId").asString()).isEqualTo(next);
		assertThat(http.get("/api/v1/consent-profiles/" + old, c.apiToken()).status()).isEqualTo(404);
	}

	@Test
	void keepsEverySettingOfAProfile() {
		Http http = new Http(port);
		TestCompany c = TestCompany.create(http, "p1");

		JsonNode p = c.post(http, "/api/v1/consent-profiles", Map.of("name", "Full", "consentPage", "ENFORCED",
				"participantChoice", "MUST_CONSENT", "audioPromptId", "classic", "preCallEmailMinutes", 15, "languages",
				List.of("en", "de"), "noticeHtml", "<p>Hi</p>"));

		JsonNode read = c.get(http, "/api/v1/consent-profiles/" + p.get("id").asString());
		assertThat(read.get("consentPage").asString()).isEqualTo("ENFORCED");
		assertThat(read.get("participantChoice").asString()).isEqualTo("MUST_CONSENT");
		assertThat(read.get("audioPromptId").asString()).isEqualTo("classic");
		assertThat(read.get("preCallEmailMinutes").asInt()).isEqualTo(15);
		assertThat(read.get("languages").valueStream().map(JsonNode::asString)).containsExactly("en", "de");

		java.util.Map<String, Object> off = new java.util.HashMap<>();
		off.put("preCallEmailMinutes", null);
		off.put("audioPromptId", null);
		JsonNode cleared = c.patch(http, "/api/v1/consent-profiles/" + p.get("id").asString(), off);
		assertThat(cleared.has("preCallEmailMinutes")).isFalse();
		assertThat(cleared.has("audioPromptId")).isFalse();
		assertThat(cleared.get("version").asInt()).isEqualTo(2);
	}

	@Test
	void offersSeveralAudioPromptsWithTextAndPlayableAudio() {
		Http http = new Http(port);
		TestCompany c = TestCompany.create(http, "a1");

		JsonNode prompts = c.get(http, "/api/v1/audio-prompts").get("items");

		assertThat(prompts.size()).isGreaterThanOrEqualTo(3);
		for (JsonNode p : prompts) {
			assertThat(p.get("text").asString()).isNotBlank();
			Http.Response audio = http.get(p.get("audioPath").asString());
			assertThat(audio.status()).isEqualTo(200);
			assertThat(audio.header("Content-Type")).isEqualTo("audio/wav");
			assertThat(audio.body()).startsWith("RIFF");
		}
	}

	@Test
	void rejectsInvalidProfileSettings() {
		Http http = new Http(port);
		TestCompany c = TestCompany.create(http, "pbad");
		c.post(http, "/api/v1/consent-profiles", Map.of("name", "Taken"));

		assertThat(http.json("POST", "/api/v1/consent-profiles", c.apiToken(), Map.of("name", "taken")).status())
			.isEqualTo(409);
		for (Map<String, Object> bad : List.<Map<String, Object>>of(Map.of(), Map.of("name", ""),
				Map.of("name", "X", "consentPage", "SOMETIMES"), Map.of("name", "X", "preCallEmailMinutes", 0),
				Map.of("name", "X", "preCallEmailMinutes", 5000), Map.of("name", "X", "languages", List.of("klingon")),
				Map.of("name", "X", "languages", "en"), Map.of("name", "X", "audioPromptId", "no-such-prompt"))) {
			Http.Response r = http.json("POST", "/api/v1/consent-profiles", c.apiToken(), bad);
			assertThat(r.status()).as(bad.toString()).isEqualTo(400);
			assertThat(r.header("Content-Type")).contains("problem+json");
		}
		assertThat(c.get(http, "/api/v1/consent-profiles").get("items")).hasSize(2);
	}

}
