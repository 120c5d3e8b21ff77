package dev.assent.consentpage;

import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;

import dev.assent.support.AssentIntegrationTest;
import dev.assent.support.Http;
import dev.assent.support.MutableClock;
import dev.assent.support.TestCompany;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** What the consent page offers and what a decision keeps (PRODUCT C2–C5, C8–C10, X1). */
@AssentIntegrationTest
class ConsentChoicesIntegrationTests {

	@LocalServerPort
	int port;

	@Autowired
	JdbcClient jdbc;

	@Autowired
	MutableClock clock;

	@Autowired
	ConsentManagement consents;

	@Test
	void providersWithoutOptOutOfferOnlyJoiningAsImplicitConsent() {
		Http http = new Http(port);
		TestCompany c = TestCompany.create(http, "c4");
		// links of providers Assent does not know only when a tech admin allows them (issue 8)
		c.json(http, "PUT", "/api/v1/integrations/other-links", Map.of("allowed", true));
		String member = c.member(http, "Kim Other", "kim", "https://whereby.com/kim-room").get("id").asString();

		String page = http.get("/" + c.slug() + "/kim").body();
		assertThat(page).contains("Join the meeting", "joining this meeting means you agree to be recorded")
			.doesNotContain("Join but don&#39;t record");

		Map<String, String> form = Http.hiddenFields(page);
		form.put("choice", "DONT_RECORD");
		assertThat(http.form("/" + c.slug() + "/kim", form).status()).isEqualTo(409);
		form.put("choice", "JOIN");
		Http.Response joined = http.form("/" + c.slug() + "/kim", form);
		assertThat(joined.status()).isEqualTo(303);
		assertThat(joined.header("Location")).isEqualTo("https://whereby.com/kim-room");
		assertThat(decisionsOf(c, member)).extracting(d -> d.get("outcome").asString()).containsExactly("IMPLICIT");
	}

	@Test
	void aLaterDecisionGovernsAndEveryDecisionIsKept() {
		Http http = new Http(port);
		TestCompany c = TestCompany.create(http, "c10");
		String member = c.member(http, "Lee Change", "lee", "https://zoom.us/j/77").get("id").asString();
		String path = "/" + c.slug() + "/lee";

		Map<String, String> first = Http.hiddenFields(http.get(path).body());
		first.put("choice", "RECORD");
		assertThat(http.form(path, first).status()).isEqualTo(303);
		clock.advance(Duration.ofMinutes(2));
		Map<String, String> second = Http.hiddenFields(http.get(path).body());
		second.put("choice", "DONT_RECORD");
		assertThat(http.form(path, second).status()).isEqualTo(303);

		List<JsonNode> all = decisionsOf(c, member);
		assertThat(all).extracting(d -> d.get("choice").asString()).containsExactly("DONT_RECORD", "RECORD");
		String participant = all.get(0).get("participantId").asString();
		assertThat(all.get(1).get("participantId").asString()).isEqualTo(participant);
		Decision governing = consents.governingDecision(java.util.UUID.fromString(c.id()),
				java.util.UUID.fromString(member), null, participant).orElseThrow();
		assertThat(governing.choice()).isEqualTo(Choice.DONT_RECORD);
	}

	@Test
	void aChoiceNoLongerOfferedIsRefusedAndNothingIsStored() {
		Http http = new Http(port);
		TestCompany c = TestCompany.create(http, "stale");
		String member = c.member(http, "Sam Stale", "sam", "https://zoom.us/j/78").get("id").asString();
		Map<String, String> form = Http.hiddenFields(http.get("/" + c.slug() + "/sam").body());
		String profile = c.get(http, "/api/v1/consent-profiles").get("items").get(0).get("id").asString();
		c.patch(http, "/api/v1/consent-profiles/" + profile, Map.of("participantChoice", "MUST_CONSENT"));

		form.put("choice", "DONT_RECORD");
		Http.Response r = http.form("/" + c.slug() + "/sam", form);

		assertThat(r.status()).isEqualTo(409);
		assertThat(r.body()).contains("recording settings changed");
		assertThat(decisionsOf(c, member)).isEmpty();
	}

	@Test
	void eachDecisionKeepsWhatWasShownAsAppendOnlyEvidence() {
		Http http = new Http(port);
		TestCompany c = TestCompany.create(http, "x1");
		String member = c.member(http, "Eve Evidence", "eve", "https://zoom.us/j/79").get("id").asString();
		c.post(http, "/api/v1/consent-profiles", Map.of("name", "unused"));
		Map<String, String> form = Http.hiddenFields(http.get("/" + c.slug() + "/eve").body());
		form.put("choice", "DONT_RECORD");
		http.form("/" + c.slug() + "/eve", form);

		JsonNode decision = decisionsOf(c, member).get(0);
		assertThat(decision.get("language").asString()).isEqualTo("en");
		assertThat(decision.get("choicesOffered").valueStream().map(JsonNode::asString)).containsExactly("RECORD",
				"DONT_RECORD");
		String notice = jdbc.sql("select html from consentpage.shown_texts where sha256 = ?")
			.param(decision.get("noticeSha256").asString())
			.query(String.class)
			.single();
		assertThat(notice).contains("x1");
		Map<String, Object> evidence = jdbc.sql("select * from evidence.records where member_id = ?::uuid and kind = 'CONSENT_DECISION'")
			.param(member)
			.query()
			.singleRow();
		assertThat(evidence.get("decision")).isEqualTo("OPTED_OUT");
		assertThat(evidence.get("method")).isEqualTo("PAGE");
		assertThat((String) evidence.get("shown_text")).contains(decision.get("noticeSha256").asString());
		assertThat((String) evidence.get("content_sha256")).hasSize(64);

		// the application's role may not update evidence at all (issue 12); the trigger guards the owner too
		assertThatThrownBy(() -> jdbc.sql("update evidence.records set decision = 'CONSENTED' where member_id = ?::uuid")
			.param(member)
			.update()).rootCause().hasMessageContaining("permission denied");
		assertThatThrownBy(() -> jdbc.sql("delete from consentpage.decisions where member_id = ?::uuid")
			.param(member)
			.update()).hasMessageContaining("append-only");
	}

	@Test
	void sanitisesTheNoticeAndShowsThePolicyLink() {
		Http http = new Http(port);
		TestCompany c = TestCompany.create(http, "xss");
		c.member(http, "Ned Notice", "ned", "https://zoom.us/j/80");
		Map<String, Object> settings = new HashMap<>();
		settings.put("noticeHtml", "<p onclick=\"steal()\">We record.<script>alert(1)</script>"
				+ "<img src=x onerror=alert(2)><a href=\"javascript:alert(3)\">x</a><a href=\"https://ok.example\">ok</a></p>");
		settings.put("policyUrl", "https://xss.example/privacy");
		JsonNode saved = c.json(http, "PUT", "/api/v1/consent-page", settings);

		assertThat(saved.get("noticeHtml").asString()).contains("We record.", "https://ok.example")
			.doesNotContain("script", "onclick", "onerror", "javascript:", "<img");
		String page = http.get("/" + c.slug() + "/ned").body();
		assertThat(page).contains("We record.", "https://xss.example/privacy").doesNotContain("<script", "onerror");
		assertThat(http.json("PUT", "/api/v1/consent-page", c.apiToken(), Map.of("policyUrl", "ftp://x")).status())
			.isEqualTo(400);
	}

	@Test
	void showsThePageInTheParticipantsLanguageAmongTheProfilesLanguages() {
		Http http = new Http(port);
		TestCompany c = TestCompany.create(http, "c8");
		c.member(http, "Jonas Weber", "jonas", "https://zoom.us/j/81");
		String path = "/" + c.slug() + "/jonas";

		assertThat(http.getWith(path, "Accept-Language", "de-DE,de;q=0.9").body()).contains("Join Jonas Weber");
		String profile = c.get(http, "/api/v1/consent-profiles").get("items").get(0).get("id").asString();
		c.patch(http, "/api/v1/consent-profiles/" + profile, Map.of("languages", List.of("en", "de")));

		Http.Response german = http.getWith(path, "Accept-Language", "de-DE,de;q=0.9,en;q=0.5");
		assertThat(german.body()).contains("lang=\"de\"", "Am Meeting von Jonas Weber teilnehmen",
				"Teilnehmen ohne Aufzeichnung");
		assertThat(http.getWith(path, "Accept-Language", "ja").body()).contains("lang=\"en\"");
	}

	@Test
	void oldCompanyLinksRedirectAfterTheCompanyPartChanges() {
		Http http = new Http(port);
		TestCompany c = TestCompany.create(http, "c5");
		c.member(http, "Rita Rename", "rita", "https://zoom.us/j/82");
		String renamed = c.slug() + "-new";

		c.json(http, "PUT", "/api/v1/consent-page", Map.of("companySlug", renamed));

		Http.Response old = http.get("/" + c.slug() + "/rita");
		assertThat(old.status()).isEqualTo(301);
		assertThat(old.header("Location")).isEqualTo("/" + renamed + "/rita");
		assertThat(http.get("/" + renamed + "/rita").body()).contains("Rita Rename");
		assertThat(http.json("PUT", "/api/v1/consent-page", c.apiToken(), Map.of("companySlug", "acme")).status())
			.isEqualTo(409);
	}

	@Test
	void protectedLinksNeedTheirTokenAfterTheTransition() {
		Http http = new Http(port);
		TestCompany c = TestCompany.create(http, "c9");
		c.member(http, "Pat Protected", "pat", "https://zoom.us/j/83");
		String path = "/" + c.slug() + "/pat";

		c.json(http, "PUT", "/api/v1/consent-page", Map.of("protectedLinks", true));
		String link = c.get(http, "/api/v1/consent-page/links").get("items").get(0).get("consentLink").asString();
		assertThat(link).contains(path + "?t=");
		String token = link.substring(link.indexOf("?t=") + 3);

		assertThat(http.get(path).status()).as("old links work during the transition").isEqualTo(200);
		clock.advance(Duration.ofDays(91));
		try {
			assertThat(http.get(path).status()).isEqualTo(404);
			assertThat(http.get(path + "?t=wrong" + token.substring(5)).status()).isEqualTo(404);
			assertThat(http.get(path + "?t=" + token).status()).isEqualTo(200);
		}
		finally {
			clock.advance(Duration.ofDays(-91));
		}
	}

	@Test
	void acceptsAPngLogoAndRejectsSvgAndOversizedImages() {
		Http http = new Http(port);
		TestCompany c = TestCompany.create(http, "logo");
		c.member(http, "Lou Logo", "lou", "https://zoom.us/j/84");
		byte[] png = java.util.Base64.getDecoder()
			.decode("iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==");

		Http.Response saved = http.bytes("PUT", "/api/v1/consent-page/logo", c.apiToken(), "image/png", png);
		assertThat(saved.status()).isEqualTo(200);
		String logoUrl = saved.json().get("logoUrl").asString();
		Http.Response logo = http.get(logoUrl);
		assertThat(logo.status()).isEqualTo(200);
		assertThat(logo.header("Content-Type")).isEqualTo("image/png");
		assertThat(http.get("/" + c.slug() + "/lou").body()).contains(logoUrl);

		byte[] svg = "<svg xmlns=\"http://www.w3.org/2000/svg\"><script>alert(1)</script></svg>".getBytes();
		assertThat(http.bytes("PUT", "/api/v1/consent-page/logo", c.apiToken(), "image/png", svg).status()).isEqualTo(400);
		byte[] big = new byte[600 * 1024];
		System.arraycopy(png, 0, big, 0, png.length);
		assertThat(http.bytes("PUT", "/api/v1/consent-page/logo", c.apiToken(), "image/png", big).status()).isEqualTo(400);
		assertThat(c.get(http, "/api/v1/consent-page").get("logoUrl").asString()).isEqualTo(logoUrl);
	}

	@Test
	void previewShowsThePageForAProfileWithInertButtons() {
		Http http = new Http(port);
		TestCompany c = TestCompany.create(http, "c6");
		String strict = c.post(http, "/api/v1/consent-profiles", Map.of("name", "Strict", "participantChoice",
				"MUST_CONSENT")).get("id").asString();

		Http.Response preview = http.get("/api/v1/consent-page/preview?profile=" + strict, c.apiToken());

		assertThat(preview.status()).isEqualTo(200);
		assertThat(preview.header("Content-Type")).startsWith("text/html");
		assertThat(preview.body()).contains("Join Alex Example", "Consent and join", "disabled")
			.doesNotContain("Join and record");
	}

	private List<JsonNode> decisionsOf(TestCompany c, String member) {
		return new Http(port).get("/api/v1/consent-decisions?member=" + member, c.apiToken())
			.json()
			.get("items")
			.valueStream()
			.toList();
	}

}
