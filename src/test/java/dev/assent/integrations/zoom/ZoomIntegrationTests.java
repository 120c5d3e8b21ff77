package dev.assent.integrations.zoom;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.core.WireMockConfiguration;
import com.github.tomakehurst.wiremock.stubbing.Scenario;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.context.annotation.Primary;
import org.springframework.context.event.EventListener;
import org.springframework.core.io.ClassPathResource;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import dev.assent.calls.Provider;
import dev.assent.calls.spi.ProviderUnavailable;
import dev.assent.integrations.IntegrationDisconnected;
import dev.assent.integrations.Pauses;
import dev.assent.support.AssentIntegrationTest;
import dev.assent.support.Http;
import dev.assent.support.MutableClock;
import dev.assent.support.TestCompany;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.matchingJsonPath;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathTemplate;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

/**
 * The Zoom integration against WireMock serving payloads shaped as Zoom's API reference shows them
 * (Server-to-Server OAuth token, {@code GET /users/{userId}}, {@code POST /users/{userId}/meetings}):
 * connecting, personal links (L2, L3), dynamic meetings with dial-in (L1, L4), token refresh, 401 →
 * disconnected (L5, E3), 429 with Retry-After, 5xx retried.
 */
@AssentIntegrationTest
@Import({ ZoomIntegrationTests.Waits.class, ZoomIntegrationTests.Disconnections.class })
class ZoomIntegrationTests {

	static final WireMockServer ZOOM = new WireMockServer(WireMockConfiguration.options().dynamicPort().globalTemplating(true));

	static {
		ZOOM.start();
	}

	@DynamicPropertySource
	static void zoom(DynamicPropertyRegistry registry) {
		registry.add("assent.providers.zoom.api-url", () -> ZOOM.baseUrl() + "/v2");
		registry.add("assent.providers.zoom.oauth-url", ZOOM::baseUrl);
		// the shared test machine is slow at times
		registry.add("assent.providers.zoom.read-timeout", () -> "30s");
		registry.add("assent.providers.zoom.connect-timeout", () -> "10s");
	}

	@AfterAll
	static void stop() {
		ZOOM.stop();
	}

	@LocalServerPort
	int port;

	@Autowired
	ZoomIntegration zoom;

	@Autowired
	MutableClock clock;

	@Autowired
	Waits waits;

	@Autowired
	Disconnections disconnections;

	@Autowired
	JdbcClient jdbc;

	Http http;

	TestCompany company;

	String account;

	@BeforeEach
	void setUp() {
		http = new Http(port);
		company = TestCompany.create(http, "zoom");
		account = "acc-" + UUID.randomUUID().toString().substring(0, 8);
		ZOOM.stubFor(post(urlPathEqualTo("/oauth/token")).withQueryParam("grant_type", equalTo("account_credentials"))
			.withBasicAuth("client-id", "client-secret-value")
			.willReturn(json(200, "token.json")));
		ZOOM.stubFor(post(urlPathEqualTo("/oauth/token")).atPriority(10)
			.willReturn(aResponse().withStatus(401)
				.withHeader("Content-Type", "application/json")
				.withBody("{\"reason\":\"Invalid client_id or client_secret\",\"error\":\"invalid_client\"}")));
		ZOOM.stubFor(get(urlPathTemplate("/v2/users/{userId}")).atPriority(10).willReturn(json(200, "user.json")));
		ZOOM.stubFor(post(urlPathTemplate("/v2/users/{userId}/meetings")).atPriority(10)
			.willReturn(json(201, "meeting-created.json")));
		waits.seen.clear();
	}

	@Test
	void connectsWithServerToServerCredentialsAndNeverShowsTheSecretAgain() { // API.md integrations
		JsonNode connected = connect();

		assertThat(connected.get("state").asString()).isEqualTo("CONNECTED");
		assertThat(connected.get("account").asString()).isEqualTo(account);
		assertThat(connected.toString()).doesNotContain("client-secret-value");
		JsonNode list = company.get(http, "/api/v1/integrations");
		assertThat(list.toString()).doesNotContain("client-secret-value");
		assertThat(list.get("items")).extracting(i -> i.get("provider").asString())
			.containsExactly("ZOOM", "GOOGLE_MEET", "MICROSOFT_TEAMS", "WEBEX", "GOTOMEETING", "JOIN_ME", "AMAZON_CHIME",
					"RINGCENTRAL_MEETINGS", "RINGCENTRAL_VIDEO", "OTHER");
		JsonNode zoomItem = list.get("items").get(0);
		assertThat(zoomItem.get("capabilities")).extracting(JsonNode::asString)
			.containsExactlyInAnyOrder("OPT_OUT", "PERSONAL_LINK", "DYNAMIC_MEETINGS", "DIAL_IN", "WEBHOOKS");
		assertThat(list.get("items").get(5).get("state").asString()).isEqualTo("NO_INTEGRATION");
		assertThat(list.get("items").get(9).get("capabilities")).isEmpty();
		// encrypted at rest
		String stored = jdbc.sql("select secrets from integrations.connections where company_id = ?::uuid")
			.param(company.id())
			.query(String.class)
			.single();
		assertThat(stored).doesNotContain("client-secret-value").doesNotContain("clientSecret").isNotBlank();
		// another company sees nothing of it (T1)
		TestCompany other = TestCompany.create(http, "zoom-other");
		assertThat(other.get(http, "/api/v1/integrations/ZOOM").get("state").asString()).isEqualTo("NOT_CONNECTED");
	}

	@Test
	void refusesCredentialsZoomRejectsWithoutStoringThem() {
		Http.Response r = http.json("PUT", "/api/v1/integrations/ZOOM", company.apiToken(),
				Map.of("accountId", account, "clientId", "client-id", "clientSecret", "wrong"));

		assertThat(r.status()).isEqualTo(400);
		assertThat(r.json().get("errors").get("clientSecret").asString()).contains("Zoom refused these credentials (HTTP 401)");
		assertThat(company.get(http, "/api/v1/integrations/ZOOM").get("state").asString()).isEqualTo("NOT_CONNECTED");
		Http.Response missing = http.json("PUT", "/api/v1/integrations/ZOOM", company.apiToken(), Map.of("accountId", account));
		assertThat(missing.status()).isEqualTo(400);
		assertThat(missing.json().get("errors").has("clientId")).isTrue();
	}

	@Test
	void readsThePersonalLinkOfEveryMemberOnConnectAndOfANewMemberWithinSeconds() { // L2, L3
		JsonNode before = company.post(http, "/api/v1/members",
				Map.of("name", "Early Bird", "email", "early@" + company.slug() + ".example", "recorded", true));
		JsonNode own = company.post(http, "/api/v1/members", Map.of("name", "Own Link", "email",
				"own@" + company.slug() + ".example", "recorded", true, "personalMeetingUrl", "https://zoom.us/j/1112223334"));

		connect();
		await().atMost(Duration.ofSeconds(10))
			.untilAsserted(() -> assertThat(member(before).path("personalMeetingUrl").asString(""))
				.isEqualTo("https://us05web.zoom.us/j/3542471135?pwd=dUvdkcmRuaVl2WWZmS3BtOTk3QnE0UT09"));
		assertThat(member(own).get("personalMeetingUrl").asString()).isEqualTo("https://zoom.us/j/1112223334");

		JsonNode later = company.post(http, "/api/v1/members",
				Map.of("name", "New Hire", "email", "new.hire@" + company.slug() + ".example", "recorded", true));
		await().atMost(Duration.ofSeconds(5))
			.untilAsserted(() -> assertThat(member(later).path("personalMeetingUrl").asString(""))
				.startsWith("https://us05web.zoom.us/j/3542471135"));
		ZOOM.verify(getRequestedFor(urlPathEqualTo("/v2/users/new.hire%40" + company.slug() + ".example"))
			.withHeader("Authorization", matching("Bearer " + account + "-token-.*")));
	}

	@Test
	void fetchesANewTokenWhenTheHeldOneExpires() {
		connect();
		UUID companyId = UUID.fromString(company.id());
		zoom.personalLink(companyId, "a@x.example");
		zoom.personalLink(companyId, "b@x.example");
		assertThat(tokenRequests()).isEqualTo(2); // one on connect (the check), one for the API

		clock.advance(Duration.ofMinutes(59));
		zoom.personalLink(companyId, "c@x.example");

		assertThat(tokenRequests()).isEqualTo(3);
	}

	@Test
	void aSecond401DisconnectsTheIntegrationAndPublishesIntegrationDisconnected() { // L5, E3
		connect();
		ZOOM.stubFor(get(urlPathEqualTo("/v2/users/revoked%40x.example"))
			.willReturn(aResponse().withStatus(401)
				.withHeader("Content-Type", "application/json")
				.withBody("{\"code\":124,\"message\":\"Invalid access token.\"}")));
		UUID companyId = UUID.fromString(company.id());

		assertThatThrownBy(() -> zoom.personalLink(companyId, "revoked@x.example")).isInstanceOf(ProviderUnavailable.class)
			.hasMessageContaining("401");

		assertThat(tokenRequests()).isEqualTo(3); // connect, first try, the fresh token after the first 401
		JsonNode state = company.get(http, "/api/v1/integrations/ZOOM");
		assertThat(state.get("state").asString()).isEqualTo("DISCONNECTED");
		assertThat(state.get("reason").asString()).contains("refused Assent's credentials");
		assertThat(disconnections.of(companyId)).singleElement().satisfies(e -> {
			assertThat(e.provider()).isEqualTo(Provider.ZOOM);
			assertThat(e.reason()).contains("401");
			assertThat(e.at()).isNotNull();
		});
		// new meetings cannot get dynamic links until reconnected (L5)
		Http.Response dynamic = http.json("POST", "/api/v1/meetings", company.apiToken(), dynamicMeeting("owner@x.example"));
		assertThat(dynamic.status()).isEqualTo(409);
		assertThat(dynamic.json().get("detail").asString()).contains("none is connected");
	}

	@Test
	void honoursRetryAfterOf429() {
		connect();
		ZOOM.stubFor(get(urlPathEqualTo("/v2/users/busy%40x.example")).inScenario("busy")
			.whenScenarioStateIs(Scenario.STARTED)
			.willReturn(aResponse().withStatus(429)
				.withHeader("Retry-After", "7")
				.withBody("{\"code\":429,\"message\":\"You have reached the maximum per-second rate limit for this API.\"}"))
			.willSetStateTo("calm"));
		ZOOM.stubFor(get(urlPathEqualTo("/v2/users/busy%40x.example")).inScenario("busy")
			.whenScenarioStateIs("calm")
			.willReturn(json(200, "user.json")));

		assertThat(zoom.personalLink(UUID.fromString(company.id()), "busy@x.example")).isPresent();

		assertThat(waits.seen).containsExactly(Duration.ofSeconds(7));
	}

	@Test
	void retriesServerErrorsAndGivesUpAfterTheLastAttempt() {
		connect();
		ZOOM.stubFor(get(urlPathEqualTo("/v2/users/flaky%40x.example")).inScenario("flaky")
			.whenScenarioStateIs(Scenario.STARTED)
			.willReturn(aResponse().withStatus(503))
			.willSetStateTo("again"));
		ZOOM.stubFor(get(urlPathEqualTo("/v2/users/flaky%40x.example")).inScenario("flaky")
			.whenScenarioStateIs("again")
			.willReturn(aResponse().withStatus(502))
			.willSetStateTo("up"));
		ZOOM.stubFor(get(urlPathEqualTo("/v2/users/flaky%40x.example")).inScenario("flaky")
			.whenScenarioStateIs("up")
			.willReturn(json(200, "user.json")));
		UUID companyId = UUID.fromString(company.id());

		assertThat(zoom.personalLink(companyId, "flaky@x.example")).isPresent();
		assertThat(waits.seen).containsExactly(Duration.ofMillis(200), Duration.ofMillis(400));

		ZOOM.stubFor(get(urlPathEqualTo("/v2/users/down%40x.example")).willReturn(aResponse().withStatus(500)));
		assertThatThrownBy(() -> zoom.personalLink(companyId, "down@x.example")).isInstanceOf(ProviderUnavailable.class)
			.hasMessageContaining("after 3 attempts");
		assertThat(company.get(http, "/api/v1/integrations/ZOOM").get("state").asString()).isEqualTo("CONNECTED");
	}

	@Test
	void aDynamicMeetingGetsAZoomMeetingAndFiveOfItsSevenDialInNumbers() { // L1, L4
		connect();
		company.post(http, "/api/v1/members", Map.of("name", "Dwight Schrute", "email", "dwight@" + company.slug() + ".example",
				"slug", "dwight", "recorded", true, "personalMeetingUrl", "https://zoom.us/j/5550001111"));

		Http.Response r = http.json("POST", "/api/v1/meetings", company.apiToken(),
				dynamicMeeting("dwight@" + company.slug() + ".example"));

		assertThat(r.status()).as(r.body()).isEqualTo(201);
		JsonNode m = r.json();
		assertThat(m.get("provider").asString()).isEqualTo("ZOOM");
		assertThat(m.get("joinUrl").asString()).isEqualTo("https://us05web.zoom.us/j/85746065432?pwd=ZmVkUFBmU3dWN2dLTmZqbjNmNDhRUT09");
		assertThat(m.get("dialIn").get("numbers")).extracting(JsonNode::asString)
			.containsExactly("+1 6465588656 (US, New York)", "+1 6699006833 (US, San Jose)", "+44 2034815237 (GB)",
					"+49 6938079883 (DE)", "+33 170372246 (FR, Paris)");
		assertThat(m.get("dialIn").get("moreUrl").asString()).isEqualTo("https://zoom.us/zoomconference");
		assertThat(m.get("dialInNote").asString()).contains("first 5 of Zoom's 7");
		String invite = m.get("inviteText").asString();
		assertThat(invite).contains("+1 6465588656", "+33 170372246", "More numbers: https://zoom.us/zoomconference")
			.doesNotContain("+1 6473744685", "us05web.zoom.us/j/85746065432");
		assertThat(m.get("consentLink").asString()).contains("/" + company.slug() + "/dwight");
		ZOOM.verify(postRequestedFor(urlPathEqualTo("/v2/users/dwight%40" + company.slug() + ".example/meetings"))
			.withRequestBody(matchingJsonPath("$.topic", equalTo("Discovery call")))
			.withRequestBody(matchingJsonPath("$.type", equalTo("2")))
			.withRequestBody(matchingJsonPath("$.duration", equalTo("30")))
			.withRequestBody(matchingJsonPath("$.start_time", equalTo("2031-03-04T10:00:00Z"))));
		// read again: the same dial-in
		assertThat(company.get(http, "/api/v1/meetings/" + m.get("id").asString()).get("dialIn").get("numbers")).hasSize(5);
		// the invite's dial-in lines in the language asked for (C8, J2)
		String german = company.get(http, "/api/v1/meetings/" + m.get("id").asString() + "?language=de")
			.get("inviteText")
			.asString();
		assertThat(german).contains("Telefonische Einwahl:\n  +1 6465588656 (US, New York)",
				"Weitere Nummern: https://zoom.us/zoomconference")
			.doesNotContain("Dial in by phone", "More numbers");
		String arabic = company.get(http, "/api/v1/meetings/" + m.get("id").asString() + "?language=ar")
			.get("inviteText")
			.asString();
		assertThat(arabic).contains("الانضمام عبر الهاتف:\n  +1 6465588656 (US, New York)",
				"أرقام أخرى: https://zoom.us/zoomconference")
			.doesNotContain("Dial in by phone", "More numbers");
	}

	@Test
	void aDynamicMeetingWithoutDialInSaysWhy() { // L4
		connect();
		var noDialIn = ZOOM.stubFor(post(urlPathTemplate("/v2/users/{userId}/meetings")).atPriority(5)
			.willReturn(json(201, "meeting-created-no-dial-in.json")));
		company.post(http, "/api/v1/members", Map.of("name", "Angela", "email", "angela@" + company.slug() + ".example",
				"slug", "angela", "recorded", true));

		JsonNode m = company.post(http, "/api/v1/meetings", dynamicMeeting("angela@" + company.slug() + ".example"));

		assertThat(m.get("dialIn").isNull()).isTrue();
		assertThat(m.get("dialInNote").asString()).contains("no dial-in numbers");
		assertThat(m.get("inviteText").asString()).contains("No dial-in: The Zoom account offers no dial-in numbers");
		assertThat(company.get(http, "/api/v1/meetings/" + m.get("id").asString() + "?language=de").get("inviteText").asString())
			.contains("Keine telefonische Einwahl: Das Zoom-Konto bietet für dieses Meeting keine Einwahlnummern")
			.doesNotContain("No dial-in");
		ZOOM.removeStub(noDialIn);
	}

	@Test
	void disconnectingForgetsTheCredentialsAndRefusesDynamicLinks() { // L5
		connect();
		UUID companyId = UUID.fromString(company.id());

		JsonNode state = http.delete("/api/v1/integrations/ZOOM", company.apiToken()).json();

		assertThat(state.get("state").asString()).isEqualTo("DISCONNECTED");
		assertThat(disconnections.of(companyId)).singleElement().satisfies(e -> assertThat(e.reason()).contains("Disconnected by"));
		assertThat(http.json("POST", "/api/v1/meetings", company.apiToken(), dynamicMeeting("x@x.example")).status())
			.isEqualTo(409);
		assertThatThrownBy(() -> zoom.personalLink(companyId, "a@x.example")).isInstanceOf(ProviderUnavailable.class)
			.hasMessageContaining("not connected");
	}

	@Test
	void aDynamicMeetingsPageExplainsADisconnectionInTheParticipantsLanguageAndOffersTheStaticLink() { // L5
		connect();
		company.post(http, "/api/v1/members", Map.of("name", "Dwight Schrute", "email", "dwight@" + company.slug() + ".example",
				"slug", "dwight", "recorded", true, "personalMeetingUrl", "https://zoom.us/j/5550001111"));
		String withStatic = company.post(http, "/api/v1/meetings", dynamicMeeting("dwight@" + company.slug() + ".example"))
			.get("consentLink").asString().replaceFirst("^https?://[^/]+", "");
		assertThat(http.get(withStatic).body()).as("connected: the consent page itself").contains("<form");

		for (JsonNode profile : company.get(http, "/api/v1/consent-profiles").get("items")) {
			company.json(http, "PATCH", "/api/v1/consent-profiles/" + profile.get("id").asString(),
					Map.of("languages", List.of("en", "de")));
		}
		http.delete("/api/v1/integrations/ZOOM", company.apiToken());

		Http.Response page = http.getWith(withStatic, "Accept-Language", "de-DE,de;q=0.9");
		assertThat(page.status()).isEqualTo(200);
		org.jsoup.nodes.Document doc = org.jsoup.Jsoup.parse(page.body());
		assertThat(doc.select("h1").text()).isEqualTo("Dieser Meeting-Link funktioniert nicht mehr");
		assertThat(doc.select("p.lead").text()).contains("Zoom");
		assertThat(doc.select("a[href=/" + company.slug() + "/dwight]").text()).contains("Dwight Schrute");
		assertThat(doc.select("form")).as("nothing to decide on a meeting that may not exist").isEmpty();
		assertThat(http.post(withStatic, "application/x-www-form-urlencoded", "choice=RECORD").status()).isEqualTo(409);

		connect();
		assertThat(http.get(withStatic).body()).as("reconnected: the consent page again").contains("<form");
	}

	@Test
	void techAdminsConnectAndDisconnectOnTheIntegrationsPage() {
		Http admin = new Http(port);
		Map<String, String> login = new java.util.LinkedHashMap<>();
		login.put("_csrf", Http.hiddenFields(admin.get("/login").body()).get("_csrf"));
		login.put("username", AssentIntegrationTest.ADMIN_EMAIL);
		login.put("password", AssentIntegrationTest.ADMIN_PASSWORD);
		admin.form("/login", login);
		String page = admin.get("/admin/integrations").body();
		org.jsoup.nodes.Document doc = org.jsoup.Jsoup.parse(page);
		assertThat(doc.select("#integration-ZOOM .state").text()).contains("Not connected");
		assertThat(doc.select("#integration-JOIN_ME td").first().text()).isEqualTo("yes");
		assertThat(doc.select("#integration-OTHER td").first().text()).contains("joining is consent");
		assertThat(doc.text()).contains("only SDRs schedule", "SDRs sometimes schedule");

		Map<String, String> form = new java.util.LinkedHashMap<>();
		form.put("_csrf", Http.hiddenFields(page).get("_csrf"));
		form.put("accountId", account);
		form.put("clientId", "client-id");
		form.put("clientSecret", "client-secret-value");
		assertThat(admin.form("/admin/integrations/ZOOM", form).status()).isEqualTo(302);
		String connected = admin.get("/admin/integrations").body();
		assertThat(org.jsoup.Jsoup.parse(connected).select("#integration-ZOOM .state").text()).contains("Connected", account);
		assertThat(connected).contains("Zoom is connected.").doesNotContain("client-secret-value");

		Map<String, String> off = new java.util.LinkedHashMap<>();
		off.put("_csrf", Http.hiddenFields(connected).get("_csrf"));
		admin.form("/admin/integrations/ZOOM/disconnect", off);
		String disconnected = admin.get("/admin/integrations").body();
		assertThat(org.jsoup.Jsoup.parse(disconnected).select("#integration-ZOOM .state").text())
			.contains("Disconnected", "Disconnected by a tech admin");
		assertThat(disconnected).contains("Zoom is disconnected; its credentials are forgotten.");

		Map<String, String> others = new java.util.LinkedHashMap<>();
		others.put("_csrf", Http.hiddenFields(disconnected).get("_csrf"));
		others.put("allowed", "true");
		admin.form("/admin/integrations/other-links", others);
		String allowed = admin.get("/admin/integrations").body();
		assertThat(allowed).contains("Links of other meeting providers are allowed.");
		others.put("_csrf", Http.hiddenFields(allowed).get("_csrf"));
		others.put("allowed", "false");
		admin.form("/admin/integrations/other-links", others);
		assertThat(org.jsoup.Jsoup.parse(admin.get("/admin/integrations").body()).text())
			.contains("Only links on known meeting providers' domains are accepted from now on.");
	}

	// --- webhooks (L7)

	@Test
	void answersZoomsUrlValidationHandshake() {
		connectWithWebhookSecret();
		String body = "{\"payload\":{\"plainToken\":\"qgg8vlvZRS6UYooatFL8Aw\"},\"event_ts\":" + clock.millis()
				+ ",\"event\":\"endpoint.url_validation\"}";

		Http.Response r = webhook(body, signed(body, now()), now());

		assertThat(r.status()).isEqualTo(200);
		assertThat(r.json().get("plainToken").asString()).isEqualTo("qgg8vlvZRS6UYooatFL8Aw");
		assertThat(r.json().get("encryptedToken").asString())
			.isEqualTo(ZoomWebhookController.hmac(WEBHOOK_SECRET, "qgg8vlvZRS6UYooatFL8Aw"));
	}

	@Test
	void mapsSignedMeetingEventsOntoTheCallAndRefusesBadMissingReplayedAndReserialisedOnes() {
		connectWithWebhookSecret();
		company.post(http, "/api/v1/members", Map.of("name", "Jim Halpert", "email", "jim@" + company.slug() + ".example",
				"slug", "jim", "recorded", true, "personalMeetingUrl", "https://zoom.us/j/5550002222"));
		Map<String, Object> soon = dynamicMeeting("jim@" + company.slug() + ".example");
		soon.put("start", clock.instant().plus(Duration.ofMinutes(5)).toString());
		soon.put("end", clock.instant().plus(Duration.ofMinutes(35)).toString());
		JsonNode meeting = company.post(http, "/api/v1/meetings", soon);
		String callId = meeting.get("occurrences").get(0).get("callId").asString();
		String started = "{\"event\":\"meeting.started\",\"event_ts\":" + clock.millis()
				+ ",\"payload\":{\"account_id\":\"" + account + "\",\"object\":{\"id\":\"85746065432\",\"uuid\":"
				+ "\"aDYlohsHRtCd4ii1uC2+hA==\",\"host_id\":\"KDcuGIm1QgePTO8WbOqwIQ\",\"topic\":\"Discovery call\","
				+ "\"type\":2,\"start_time\":\"" + clock.instant() + "\",\"timezone\":\"Europe/Berlin\",\"duration\":30}}}";
		String ts = now();

		Http.Response good = webhook(started, signed(started, ts), ts);
		assertThat(good.status()).as(good.body()).isEqualTo(200);
		assertThat(good.json().get("callId").asString()).isEqualTo(callId);

		// replayed: the same delivery again changes nothing
		assertThat(webhook(started, signed(started, ts), ts).json().get("status").asString()).isEqualTo("duplicate ignored");
		// bad signature, missing signature, re-serialised body, stale timestamp
		assertThat(webhook(started, "v0=" + "0".repeat(64), ts).status()).isEqualTo(401);
		assertThat(webhook(started, null, ts).status()).isEqualTo(401);
		assertThat(webhook(started.replace(",", ", "), signed(started, ts), ts).status()).isEqualTo(401);
		String old = String.valueOf(clock.instant().minus(Duration.ofMinutes(10)).getEpochSecond());
		assertThat(webhook(started, signed(started, old), old).status()).isEqualTo(401);

		String joined = "{\"event\":\"meeting.participant_joined\",\"event_ts\":" + clock.millis()
				+ ",\"payload\":{\"account_id\":\"" + account + "\",\"object\":{\"id\":\"85746065432\",\"participant\":"
				+ "{\"user_id\":\"16778240\",\"user_name\":\"Bea Buyer\",\"email\":\"buyer@customer.example\","
				+ "\"join_time\":\"" + clock.instant().plusSeconds(2).truncatedTo(java.time.temporal.ChronoUnit.SECONDS) + "\"}}}}";
		String ts2 = now();
		Http.Response participant = webhook(joined, signed(joined, ts2), ts2);
		assertThat(participant.json().get("callId").asString()).isEqualTo(callId);
		// another company's endpoint does not take this company's deliveries
		TestCompany other = TestCompany.create(http, "zoom-hook-other");
		assertThat(http.post("/webhooks/zoom/" + other.id(), "application/json", started, "x-zm-signature", signed(started, ts),
				"x-zm-request-timestamp", ts).status()).isEqualTo(404);
	}

	@Test
	void appDeauthorizedDisconnectsTheIntegration() { // L5
		connectWithWebhookSecret();
		String body = "{\"event\":\"app_deauthorized\",\"event_ts\":" + clock.millis() + ",\"payload\":{\"account_id\":\""
				+ account + "\",\"user_id\":\"KDcuGIm1QgePTO8WbOqwIQ\",\"signature\":\"x\",\"deauthorization_time\":\""
				+ clock.instant() + "\",\"client_id\":\"client-id\"}}";
		String ts = now();

		assertThat(webhook(body, signed(body, ts), ts).status()).isEqualTo(200);

		assertThat(company.get(http, "/api/v1/integrations/ZOOM").get("state").asString()).isEqualTo("DISCONNECTED");
		assertThat(disconnections.of(UUID.fromString(company.id()))).singleElement()
			.satisfies(e -> assertThat(e.reason()).contains("app_deauthorized"));
	}

	// --- helpers

	static final String WEBHOOK_SECRET = "zoom-webhook-secret-token";

	JsonNode connectWithWebhookSecret() {
		return company.json(http, "PUT", "/api/v1/integrations/ZOOM", Map.of("accountId", account, "clientId", "client-id",
				"clientSecret", "client-secret-value", "webhookSecretToken", WEBHOOK_SECRET));
	}

	String now() {
		return String.valueOf(clock.instant().getEpochSecond());
	}

	static String signed(String body, String timestamp) {
		return "v0=" + ZoomWebhookController.hmac(WEBHOOK_SECRET, "v0:" + timestamp + ":" + body);
	}

	Http.Response webhook(String body, @org.jspecify.annotations.Nullable String signature, String timestamp) {
		return signature == null
				? http.post("/webhooks/zoom/" + company.id(), "application/json", body, "x-zm-request-timestamp", timestamp)
				: http.post("/webhooks/zoom/" + company.id(), "application/json", body, "x-zm-signature", signature,
						"x-zm-request-timestamp", timestamp);
	}


	JsonNode connect() {
		return company.json(http, "PUT", "/api/v1/integrations/ZOOM",
				Map.of("accountId", account, "clientId", "client-id", "clientSecret", "client-secret-value"));
	}

	JsonNode member(JsonNode member) {
		return company.get(http, "/api/v1/members/" + member.get("id").asString());
	}

	Map<String, Object> dynamicMeeting(String organizer) {
		Map<String, Object> body = new HashMap<>();
		body.put("title", "Discovery call");
		body.put("organizerEmail", organizer);
		body.put("start", "2031-03-04T10:00:00Z");
		body.put("end", "2031-03-04T10:30:00Z");
		body.put("timeZone", "Europe/Berlin");
		body.put("linkType", "DYNAMIC");
		body.put("invitees", List.of(Map.of("email", "buyer@customer.example", "name", "Bea Buyer")));
		return body;
	}

	long tokenRequests() {
		return ZOOM.findAll(postRequestedFor(urlPathEqualTo("/oauth/token")).withQueryParam("account_id", equalTo(account)))
			.size();
	}

	static com.github.tomakehurst.wiremock.matching.StringValuePattern matching(String regex) {
		return com.github.tomakehurst.wiremock.client.WireMock.matching(regex);
	}

	static com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder json(int status, String file) {
		try {
			return aResponse().withStatus(status)
				.withHeader("Content-Type", "application/json")
				.withBody(new ClassPathResource("integrations/zoom/" + file).getContentAsString(StandardCharsets.UTF_8));
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	/** The waits between attempts, seen instead of slept through. */
	@TestConfiguration(proxyBeanMethods = false)
	static class Waits {

		final List<Duration> seen = new CopyOnWriteArrayList<>();

		@Bean
		@Primary
		Pauses recordingPauses() {
			return seen::add;
		}

	}

	@TestConfiguration(proxyBeanMethods = false)
	static class Disconnections {

		final List<IntegrationDisconnected> events = new CopyOnWriteArrayList<>();

		@EventListener
		void on(IntegrationDisconnected event) {
			events.add(event);
		}

		List<IntegrationDisconnected> of(UUID companyId) {
			return events.stream().filter(e -> e.companyId().equals(companyId)).toList();
		}

	}

}
