package dev.assent.integrations.webex;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.temporal.ChronoUnit;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.core.WireMockConfiguration;
import com.github.tomakehurst.wiremock.stubbing.Scenario;
import com.github.tomakehurst.wiremock.stubbing.StubMapping;
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
import static com.github.tomakehurst.wiremock.client.WireMock.containing;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.matchingJsonPath;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

/**
 * The Webex integration against WireMock serving payloads shaped as Webex's API reference shows
 * them ({@code POST /access_token} with a refresh token, {@code GET /people/me},
 * {@code GET /meetingPreferences/personalMeetingRoom}, {@code POST /meetings}, webhook deliveries):
 * connecting, personal rooms (L2, L3), dynamic meetings with call-in numbers (L1, L4), token refresh
 * with a rotated refresh token, 401 → disconnected (L5, E3), 429 with Retry-After, 5xx retried, and
 * the {@code X-Spark-Signature} webhook (L7).
 */
@AssentIntegrationTest
@Import({ WebexIntegrationTests.Waits.class, WebexIntegrationTests.Disconnections.class })
class WebexIntegrationTests {

	static final WireMockServer WEBEX = new WireMockServer(WireMockConfiguration.options().dynamicPort().globalTemplating(true));

	static {
		WEBEX.start();
	}

	static final String WEBHOOK_SECRET = "webex-webhook-secret-5d1f";

	@DynamicPropertySource
	static void webex(DynamicPropertyRegistry registry) {
		registry.add("assent.providers.webex.api-url", () -> WEBEX.baseUrl() + "/v1");
		registry.add("assent.providers.webex.oauth-url", () -> WEBEX.baseUrl() + "/v1");
		registry.add("assent.providers.webex.read-timeout", () -> "30s");
		registry.add("assent.providers.webex.connect-timeout", () -> "10s");
		// the job that retries refused webhook set-ups looks every second (due ones only: the clock decides)
		registry.add("assent.integrations.webhook-retry-every", () -> "PT1S");
	}

	@AfterAll
	static void stop() {
		WEBEX.stop();
	}

	@LocalServerPort
	int port;

	@Autowired
	WebexIntegration webex;

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

	String clientId;

	@BeforeEach
	void setUp() {
		http = new Http(port);
		company = TestCompany.create(http, "webex");
		clientId = "C" + UUID.randomUUID().toString().replace("-", "");
		WEBEX.stubFor(post(urlPathEqualTo("/v1/access_token")).atPriority(1)
			.withRequestBody(containing("grant_type=refresh_token"))
			.withRequestBody(containing("client_secret=client-secret-value"))
			.willReturn(json(200, "token.json")));
		WEBEX.stubFor(post(urlPathEqualTo("/v1/access_token")).atPriority(10)
			.willReturn(aResponse().withStatus(400)
				.withHeader("Content-Type", "application/json")
				.withBody("{\"message\":\"POST failed: HTTP/1.1 400 Bad Request (invalid_client)\",\"errors\":[{\"description\":"
						+ "\"invalid_client\"}],\"trackingId\":\"ROUTER_5F0D2A5C-6B6C-01BB-00A4-0A2B1A3C00A4\"}")));
		WEBEX.stubFor(get(urlPathEqualTo("/v1/people/me")).atPriority(10).willReturn(json(200, "people-me.json")));
		WEBEX.stubFor(get(urlPathEqualTo("/v1/meetingPreferences/personalMeetingRoom")).atPriority(10)
			.willReturn(json(200, "personal-room.json")));
		WEBEX.stubFor(post(urlPathEqualTo("/v1/meetings")).atPriority(10).willReturn(json(200, "meeting-created.json")));
		waits.seen.clear();
	}

	@Test
	void connectsWithARefreshTokenOrABotTokenAndNeverShowsThemAgain() { // API.md integrations, L7
		JsonNode connected = connect();

		assertThat(connected.get("state").asString()).isEqualTo("CONNECTED");
		assertThat(connected.get("account").asString()).isEqualTo("webex-admin@customer.example");
		assertThat(connected.toString()).doesNotContain("refresh-token-value").doesNotContain(WEBHOOK_SECRET);
		JsonNode item = company.get(http, "/api/v1/integrations").get("items").get(3);
		assertThat(item.get("provider").asString()).isEqualTo("WEBEX");
		assertThat(item.get("capabilities")).extracting(JsonNode::asString)
			.containsExactlyInAnyOrder("OPT_OUT", "PERSONAL_LINK", "DYNAMIC_MEETINGS", "DIAL_IN", "WEBHOOKS");
		String stored = jdbc.sql("select secrets from integrations.connections where company_id = ?::uuid and provider = 'WEBEX'")
			.param(company.id())
			.query(String.class)
			.single();
		assertThat(stored).doesNotContain("refresh-token-value").doesNotContain("client-secret-value").isNotBlank();

		TestCompany bot = TestCompany.create(http, "webex-bot");
		JsonNode byBot = bot.json(http, "PUT", "/api/v1/integrations/WEBEX", Map.of("accessToken", "bot-token-value"));
		assertThat(byBot.get("state").asString()).isEqualTo("CONNECTED");
		WEBEX.verify(getRequestedFor(urlPathEqualTo("/v1/people/me")).withHeader("Authorization", equalTo("Bearer bot-token-value")));
		// another company sees nothing of the first one's connection (T1)
		assertThat(TestCompany.create(http, "webex-other").get(http, "/api/v1/integrations/WEBEX").get("state").asString())
			.isEqualTo("NOT_CONNECTED");
	}

	@Test
	void refusesCredentialsWebexRejectsAndIncompleteOnes() {
		Http.Response wrong = http.json("PUT", "/api/v1/integrations/WEBEX", company.apiToken(),
				Map.of("clientId", clientId, "clientSecret", "wrong", "refreshToken", "refresh-token-value"));
		assertThat(wrong.status()).isEqualTo(400);
		assertThat(wrong.json().get("errors").get("refreshToken").asString()).contains("Webex refused these credentials (HTTP 400)");

		Http.Response none = http.json("PUT", "/api/v1/integrations/WEBEX", company.apiToken(), Map.of("clientId", clientId));
		assertThat(none.status()).isEqualTo(400);
		assertThat(none.json().get("errors").get("refreshToken").asString()).contains("unless a bot's accessToken is given");
		Http.Response both = http.json("PUT", "/api/v1/integrations/WEBEX", company.apiToken(), Map.of("clientId", clientId,
				"clientSecret", "client-secret-value", "refreshToken", "refresh-token-value", "accessToken", "bot-token-value"));
		assertThat(both.status()).isEqualTo(400);
		assertThat(company.get(http, "/api/v1/integrations/WEBEX").get("state").asString()).isEqualTo("NOT_CONNECTED");
	}

	@Test
	void readsEveryMembersPersonalRoomOnConnectAndANewMembersWithinSeconds() { // L2, L3
		JsonNode before = company.post(http, "/api/v1/members",
				Map.of("name", "Early Bird", "email", "early@" + company.slug() + ".example", "recorded", true));

		connect();
		await().atMost(Duration.ofSeconds(10))
			.untilAsserted(() -> assertThat(member(before).path("personalMeetingUrl").asString(""))
				.isEqualTo("https://site4-example.webex.com/meet/john.andersen"));

		JsonNode later = company.post(http, "/api/v1/members",
				Map.of("name", "New Hire", "email", "new.hire@" + company.slug() + ".example", "recorded", true));
		await().atMost(Duration.ofSeconds(5))
			.untilAsserted(() -> assertThat(member(later).path("personalMeetingUrl").asString(""))
				.isEqualTo("https://site4-example.webex.com/meet/john.andersen"));
		WEBEX.verify(getRequestedFor(urlPathEqualTo("/v1/meetingPreferences/personalMeetingRoom"))
			.withQueryParam("userEmail", equalTo("new.hire@" + company.slug() + ".example")));
	}

	@Test
	void aDynamicMeetingGetsAWebexMeetingFiveOfItsSevenNumbersAndTheGlobalCallInPage() { // L1, L4
		connect();
		company.post(http, "/api/v1/members", Map.of("name", "Stanley Hudson", "email", "stanley@" + company.slug() + ".example",
				"slug", "stanley", "recorded", true));

		Http.Response r = http.json("POST", "/api/v1/meetings", company.apiToken(),
				dynamicMeeting("stanley@" + company.slug() + ".example"));

		assertThat(r.status()).as(r.body()).isEqualTo(201);
		JsonNode m = r.json();
		assertThat(m.get("provider").asString()).isEqualTo("WEBEX");
		assertThat(m.get("joinUrl").asString()).isEqualTo("https://site4-example.webex.com/site4/j.php?MTID=md41817da6a55b0925530cb88b3577b1e");
		assertThat(m.get("consentLink").asString()).contains("/" + company.slug() + "/stanley/");
		assertThat(m.get("dialIn").get("numbers")).extracting(JsonNode::asString)
			.containsExactly("+1-415-527-5035 (United States Toll)", "+1-202-600-2533 (United States Toll (Washington D.C.))",
					"+44-20-3478-5289 (United Kingdom Toll)", "+49-619-6781-9736 (Germany Toll)", "+33-1-7091-8646 (France Toll)");
		assertThat(m.get("dialIn").get("moreUrl").asString())
			.isEqualTo("https://site4-example.webex.com/site4/globalcallin.php?MTID=md41817da6a55b0925530cb88b3577b1e");
		assertThat(m.get("inviteText").asString()).contains("+1-415-527-5035").doesNotContain("+61-2-9338-2221", "j.php?MTID");
		WEBEX.verify(postRequestedFor(urlPathEqualTo("/v1/meetings"))
			.withRequestBody(matchingJsonPath("$.title", equalTo("Discovery call")))
			.withRequestBody(matchingJsonPath("$.hostEmail", equalTo("stanley@" + company.slug() + ".example")))
			.withRequestBody(matchingJsonPath("$.start", equalTo("2031-03-04T10:00:00Z")))
			.withRequestBody(matchingJsonPath("$.timezone", equalTo("Europe/Berlin"))));
	}

	@Test
	void refreshesTheTokenWhenItExpiresWithTheRefreshTokenWebexRotated() {
		connect();
		UUID companyId = UUID.fromString(company.id());
		webex.personalLink(companyId, "a@x.example");
		webex.personalLink(companyId, "b@x.example");
		assertThat(tokenRequests()).isEqualTo(2); // one on connect (the check), one for the API

		clock.advance(Duration.ofDays(14));
		webex.personalLink(companyId, "c@x.example");

		assertThat(tokenRequests()).isEqualTo(3);
		WEBEX.verify(1, postRequestedFor(urlPathEqualTo("/v1/access_token"))
			.withRequestBody(containing("client_id=" + clientId))
			.withRequestBody(containing("refresh_token=MDEyMzQ1Njc4OTAxMjM0NTY3ODkwMTIzNDU2Nzg5MDEyMzQ1Njc4OTAxMjM0NTY3ODkw_rotated")));
	}

	@Test
	void aSecond401DisconnectsTheIntegrationAndPublishesIntegrationDisconnected() { // L5, E3
		connect();
		WEBEX.stubFor(get(urlPathEqualTo("/v1/meetingPreferences/personalMeetingRoom")).atPriority(5)
			.withQueryParam("userEmail", equalTo("revoked@x.example"))
			.willReturn(aResponse().withStatus(401)
				.withHeader("Content-Type", "application/json")
				.withBody("{\"message\":\"The request requires a valid access token set in the Authorization request header.\","
						+ "\"errors\":[{\"description\":\"The request requires a valid access token set in the Authorization "
						+ "request header.\"}],\"trackingId\":\"ROUTER_5F0D2A5C\"}")));
		UUID companyId = UUID.fromString(company.id());

		assertThatThrownBy(() -> webex.personalLink(companyId, "revoked@x.example")).isInstanceOf(ProviderUnavailable.class)
			.hasMessageContaining("401");

		JsonNode state = company.get(http, "/api/v1/integrations/WEBEX");
		assertThat(state.get("state").asString()).isEqualTo("DISCONNECTED");
		assertThat(disconnections.of(companyId)).singleElement().satisfies(e -> {
			assertThat(e.provider()).isEqualTo(Provider.WEBEX);
			assertThat(e.reason()).contains("401");
		});
		assertThat(http.json("POST", "/api/v1/meetings", company.apiToken(), dynamicMeeting("x@x.example")).status())
			.isEqualTo(409);
	}

	@Test
	void honoursRetryAfterOf429() {
		connect();
		WEBEX.stubFor(get(urlPathEqualTo("/v1/meetingPreferences/personalMeetingRoom")).atPriority(5)
			.withQueryParam("userEmail", equalTo("busy@x.example"))
			.inScenario("busy")
			.whenScenarioStateIs(Scenario.STARTED)
			.willReturn(aResponse().withStatus(429)
				.withHeader("Retry-After", "3")
				.withHeader("Content-Type", "application/json")
				.withBody("{\"message\":\"Too Many Requests\",\"trackingId\":\"ROUTER_5F0D2A5C\"}"))
			.willSetStateTo("calm"));
		WEBEX.stubFor(get(urlPathEqualTo("/v1/meetingPreferences/personalMeetingRoom")).atPriority(5)
			.withQueryParam("userEmail", equalTo("busy@x.example"))
			.inScenario("busy")
			.whenScenarioStateIs("calm")
			.willReturn(json(200, "personal-room.json")));

		assertThat(webex.personalLink(UUID.fromString(company.id()), "busy@x.example")).isPresent();

		assertThat(waits.seen).containsExactly(Duration.ofSeconds(3));
	}

	@Test
	void retriesServerErrorsAndGivesUpAfterTheLastAttempt() {
		connect();
		WEBEX.stubFor(get(urlPathEqualTo("/v1/meetingPreferences/personalMeetingRoom")).atPriority(5)
			.withQueryParam("userEmail", equalTo("flaky@x.example"))
			.inScenario("flaky")
			.whenScenarioStateIs(Scenario.STARTED)
			.willReturn(aResponse().withStatus(502))
			.willSetStateTo("up"));
		WEBEX.stubFor(get(urlPathEqualTo("/v1/meetingPreferences/personalMeetingRoom")).atPriority(5)
			.withQueryParam("userEmail", equalTo("flaky@x.example"))
			.inScenario("flaky")
			.whenScenarioStateIs("up")
			.willReturn(json(200, "personal-room.json")));
		UUID companyId = UUID.fromString(company.id());

		assertThat(webex.personalLink(companyId, "flaky@x.example")).isPresent();
		assertThat(waits.seen).containsExactly(Duration.ofMillis(200));

		WEBEX.stubFor(get(urlPathEqualTo("/v1/meetingPreferences/personalMeetingRoom")).atPriority(5)
			.withQueryParam("userEmail", equalTo("down@x.example"))
			.willReturn(aResponse().withStatus(503)));
		assertThatThrownBy(() -> webex.personalLink(companyId, "down@x.example")).isInstanceOf(ProviderUnavailable.class)
			.hasMessageContaining("after 3 attempts");
		assertThat(company.get(http, "/api/v1/integrations/WEBEX").get("state").asString()).isEqualTo("CONNECTED");
	}

	// --- webhooks (L7)

	@Test
	void mapsSignedDeliveriesOntoTheCallAndRefusesBadMissingReplayedAndReserialisedOnes() {
		connect();
		company.post(http, "/api/v1/members", Map.of("name", "Phyllis Vance", "email", "phyllis@" + company.slug() + ".example",
				"slug", "phyllis", "recorded", true));
		Map<String, Object> soon = dynamicMeeting("phyllis@" + company.slug() + ".example");
		soon.put("start", clock.instant().plus(Duration.ofMinutes(5)).truncatedTo(ChronoUnit.SECONDS).toString());
		soon.put("end", clock.instant().plus(Duration.ofMinutes(35)).truncatedTo(ChronoUnit.SECONDS).toString());
		JsonNode meeting = company.post(http, "/api/v1/meetings", soon);
		String callId = meeting.get("occurrences").get(0).get("callId").asString();
		String started = delivery("meetings", "started", "{\"id\":\"870f51ff287b41be84648412901e0402_I_146987372136626846\","
				+ "\"meetingSeriesId\":\"870f51ff287b41be84648412901e0402\",\"scheduledMeetingId\":"
				+ "\"870f51ff287b41be84648412901e0402_20311104T100000Z\",\"meetingNumber\":\"2553456789\",\"title\":"
				+ "\"Discovery call\",\"meetingType\":\"meeting\",\"state\":\"inProgress\",\"timezone\":\"Europe/Berlin\","
				+ "\"start\":\"" + clock.instant().truncatedTo(ChronoUnit.SECONDS) + "\",\"hostEmail\":\"phyllis@"
				+ company.slug() + ".example\",\"siteUrl\":\"site4-example.webex.com\"}");

		Http.Response good = webhook(company, started, sign(started));
		assertThat(good.status()).as(good.body()).isEqualTo(200);
		assertThat(good.json().get("callId").asString()).isEqualTo(callId);

		assertThat(webhook(company, started, sign(started)).json().get("status").asString()).isEqualTo("duplicate ignored");
		assertThat(webhook(company, started, "0".repeat(40)).status()).isEqualTo(401);
		assertThat(webhook(company, started, null).status()).isEqualTo(401);
		assertThat(webhook(company, started.replace(",", ", "), sign(started)).status()).isEqualTo(401);
		assertThat(webhook(company, started, ZoomLikeSha256.of(started)).status()).isEqualTo(401);

		String joined = delivery("meetingParticipants", "joined", "{\"id\":\"870f51ff287b41be84648412901e0402_I_146987372136626846"
				+ "_23e2a9a4-1c8b-4e06-9c0a-6e8e1a9c1d2e\",\"orgId\":\"Y2lzY29zcGFyazovL3VzL09SR0FOSVpBVElPTi85NmFi\",\"host\":false,"
				+ "\"coHost\":false,\"email\":\"buyer@customer.example\",\"displayName\":\"Bea Buyer\",\"invitee\":true,"
				+ "\"muted\":false,\"state\":\"joined\",\"joinedTime\":\"" + clock.instant().plusSeconds(3).truncatedTo(ChronoUnit.SECONDS)
				+ "\",\"meetingId\":\"870f51ff287b41be84648412901e0402_I_146987372136626846\",\"hostEmail\":\"phyllis@"
				+ company.slug() + ".example\"}");
		assertThat(webhook(company, joined, sign(joined)).json().get("callId").asString()).isEqualTo(callId);
		// another company's endpoint does not take this company's deliveries
		assertThat(webhook(TestCompany.create(http, "webex-hook-other"), started, sign(started)).status()).isEqualTo(404);
	}

	// --- helpers

	/** A signature made the wrong way (SHA-256 instead of Webex's SHA-1) is refused too. */
	static final class ZoomLikeSha256 {

		static String of(String body) {
			try {
				javax.crypto.Mac mac = javax.crypto.Mac.getInstance("HmacSHA256");
				mac.init(new javax.crypto.spec.SecretKeySpec(WEBHOOK_SECRET.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
				return java.util.HexFormat.of().formatHex(mac.doFinal(body.getBytes(StandardCharsets.UTF_8)));
			}
			catch (java.security.GeneralSecurityException ex) {
				throw new IllegalStateException(ex);
			}
		}

	}

	@Test
	void connectingWithoutAWebhookSecretRegistersAssentsWebhooksAndDisconnectingDeletesThem() { // issue 8, L7
		String target = http.base() + "/webhooks/webex/" + company.id();
		WEBEX.stubFor(get(urlPathEqualTo("/v1/webhooks")).willReturn(aResponse().withStatus(200)
			.withHeader("Content-Type", "application/json")
			.withBody("{\"items\":[{\"id\":\"old-" + company.id() + "\",\"name\":\"Assent: meetings started\",\"targetUrl\":\""
					+ target + "\",\"resource\":\"meetings\",\"event\":\"started\",\"status\":\"active\"},"
					+ "{\"id\":\"theirs-" + company.id() + "\",\"name\":\"CRM\",\"targetUrl\":\"https://crm.example/webex\","
					+ "\"resource\":\"meetings\",\"event\":\"ended\",\"status\":\"active\"}]}")));
		WEBEX.stubFor(post(urlPathEqualTo("/v1/webhooks")).willReturn(aResponse().withStatus(200)
			.withHeader("Content-Type", "application/json")
			.withBody("{\"id\":\"hook-{{jsonPath request.body '$.resource'}}-{{jsonPath request.body '$.event'}}-" + company.id()
					+ "\",\"name\":\"{{jsonPath request.body '$.name'}}\",\"targetUrl\":\"{{jsonPath request.body '$.targetUrl'}}\","
					+ "\"resource\":\"{{jsonPath request.body '$.resource'}}\",\"event\":\"{{jsonPath request.body '$.event'}}\","
					+ "\"secret\":\"{{jsonPath request.body '$.secret'}}\",\"status\":\"active\",\"created\":\"2026-12-03T02:00:00.000Z\"}")));
		WEBEX.stubFor(com.github.tomakehurst.wiremock.client.WireMock.delete(
				com.github.tomakehurst.wiremock.client.WireMock.urlPathMatching("/v1/webhooks/.*"))
			.willReturn(aResponse().withStatus(204)));

		company.json(http, "PUT", "/api/v1/integrations/WEBEX", Map.of("clientId", clientId, "clientSecret",
				"client-secret-value", "refreshToken", "refresh-token-value"));

		await().atMost(Duration.ofSeconds(20))
			.until(() -> WEBEX.findAll(postRequestedFor(urlPathEqualTo("/v1/webhooks"))
				.withRequestBody(matchingJsonPath("$.targetUrl", equalTo(target)))).size() == 3);
		var registered = WEBEX.findAll(postRequestedFor(urlPathEqualTo("/v1/webhooks"))
			.withRequestBody(matchingJsonPath("$.targetUrl", equalTo(target))));
		assertThat(registered).extracting(r -> JSON.readTree(r.getBodyAsString()))
			.extracting(b -> b.get("resource").asString() + "/" + b.get("event").asString())
			.containsExactlyInAnyOrder("meetings/started", "meetings/ended", "meetingParticipants/joined");
		List<String> secrets = registered.stream().map(r -> JSON.readTree(r.getBodyAsString()).get("secret").asString()).distinct().toList();
		assertThat(secrets).singleElement().satisfies(secret -> assertThat(secret).hasSizeGreaterThanOrEqualTo(32));
		String secret = secrets.get(0);
		assertThat(registered).allSatisfy(r -> assertThat(r.getHeader("Authorization")).startsWith("Bearer "));
		WEBEX.verify(com.github.tomakehurst.wiremock.client.WireMock.deleteRequestedFor(urlPathEqualTo("/v1/webhooks/old-" + company.id())));
		WEBEX.verify(0, com.github.tomakehurst.wiremock.client.WireMock.deleteRequestedFor(
				urlPathEqualTo("/v1/webhooks/theirs-" + company.id())));
		// kept encrypted
		assertThat(jdbc.sql("select secrets from integrations.connections where company_id = ?::uuid")
			.param(company.id())
			.query(String.class)
			.single()).doesNotContain(secret);

		// Webex's deliveries are checked with the generated secret
		String ended = delivery("meetings", "ended", "{\"id\":\"9a1b2c3d4e5f_I_1\",\"meetingSeriesId\":\"9a1b2c3d4e5f\","
				+ "\"end\":\"" + clock.instant().truncatedTo(ChronoUnit.SECONDS) + "\"}");
		await().atMost(Duration.ofSeconds(10))
			.untilAsserted(() -> assertThat(webhook(company, ended, WebexWebhookController.hmacSha1(secret, ended)).status())
				.isEqualTo(200));
		assertThat(webhook(company, ended, sign(ended)).status()).as("signed with another secret").isEqualTo(401);

		company.json(http, "DELETE", "/api/v1/integrations/WEBEX", Map.of());
		for (String hook : List.of("meetings-started", "meetings-ended", "meetingParticipants-joined")) {
			WEBEX.verify(com.github.tomakehurst.wiremock.client.WireMock.deleteRequestedFor(
					urlPathEqualTo("/v1/webhooks/hook-" + hook + "-" + company.id())));
		}
		assertThat(webhook(company, ended, WebexWebhookController.hmacSha1(secret, ended)).status()).isEqualTo(404);
	}

	@Test
	void aRefusedWebhookRegistrationIsShownWithWebexsReasonAndRetriedWithoutARestart() { // issue 8, L7
		String target = http.base() + "/webhooks/webex/" + company.id();
		var byTarget = matchingJsonPath("$.targetUrl", equalTo(target));
		List<StubMapping> stubs = new java.util.ArrayList<>();
		stubs.add(WEBEX.stubFor(get(urlPathEqualTo("/v1/webhooks")).atPriority(1).willReturn(aResponse().withStatus(200)
			.withHeader("Content-Type", "application/json")
			.withBody("{\"items\":[]}"))));
		// Webex's error answer: message, errors[].description, trackingId
		stubs.add(WEBEX.stubFor(post(urlPathEqualTo("/v1/webhooks")).atPriority(1).withRequestBody(byTarget)
			.willReturn(aResponse().withStatus(400)
				.withHeader("Content-Type", "application/json")
				.withBody("{\"message\":\"Unable to reach the targetUrl: connection refused\",\"errors\":[{\"description\":"
						+ "\"Unable to reach the targetUrl: connection refused\"}],\"trackingId\":\"ROUTER_5F0D2A5C-6B6C-01BB\"}"))));
		try {
			company.json(http, "PUT", "/api/v1/integrations/WEBEX", Map.of("clientId", clientId, "clientSecret",
					"client-secret-value", "refreshToken", "refresh-token-value"));

			JsonNode failed = await().atMost(Duration.ofSeconds(20))
				.until(() -> company.get(http, "/api/v1/integrations/WEBEX").get("webhooks"),
						w -> w != null && "FAILED".equals(w.path("state").asString()));
			assertThat(failed.get("error").asString()).contains("HTTP 400", "Unable to reach the targetUrl: connection refused");
			assertThat(failed.get("attempts").asInt()).isEqualTo(1);
			assertThat(java.time.Instant.parse(failed.get("nextAttemptAt").asString()))
				.isEqualTo(java.time.Instant.parse(failed.get("checkedAt").asString()).plus(Duration.ofMinutes(1)));
			assertThat(company.get(http, "/api/v1/integrations/WEBEX").get("state").asString()).as("still connected")
				.isEqualTo("CONNECTED");

			// a tech admin sees it on the integrations page, and may try again at once (still refused: the next pause doubles)
			Http admin = company.techAdmin(http, port);
			assertThat(admin.get("/admin/integrations").body()).contains("Webhooks not registered:",
					"Unable to reach the targetUrl: connection refused", "/admin/integrations/WEBEX/webhooks");
			JsonNode again = company.json(http, "POST", "/api/v1/integrations/WEBEX/webhooks", Map.of()).get("webhooks");
			assertThat(again.get("state").asString()).isEqualTo("FAILED");
			assertThat(again.get("attempts").asInt()).isEqualTo(2);
			assertThat(java.time.Instant.parse(again.get("nextAttemptAt").asString()))
				.isEqualTo(java.time.Instant.parse(again.get("checkedAt").asString()).plus(Duration.ofMinutes(2)));
			assertThat(WEBEX.findAll(postRequestedFor(urlPathEqualTo("/v1/webhooks")).withRequestBody(byTarget))).hasSize(2);

			// Webex accepts them now; nothing is tried before the next attempt is due, then the job registers them
			stubs.add(WEBEX.stubFor(post(urlPathEqualTo("/v1/webhooks")).atPriority(1).withRequestBody(byTarget)
				.willReturn(aResponse().withStatus(200)
					.withHeader("Content-Type", "application/json")
					.withBody("{\"id\":\"hook-{{jsonPath request.body '$.event'}}-" + company.id() + "\",\"targetUrl\":\""
							+ target + "\",\"resource\":\"{{jsonPath request.body '$.resource'}}\",\"event\":"
							+ "\"{{jsonPath request.body '$.event'}}\",\"status\":\"active\"}"))));
			await().during(Duration.ofSeconds(2))
				.atMost(Duration.ofSeconds(4))
				.until(() -> WEBEX.findAll(postRequestedFor(urlPathEqualTo("/v1/webhooks")).withRequestBody(byTarget)).size() == 2);
			clock.advance(Duration.ofMinutes(2).plusSeconds(1));
			JsonNode registered = await().atMost(Duration.ofSeconds(20))
				.until(() -> company.get(http, "/api/v1/integrations/WEBEX").get("webhooks"),
						w -> w != null && "REGISTERED".equals(w.path("state").asString()));
			assertThat(registered.has("error")).isFalse();
			assertThat(registered.get("attempts").asInt()).isZero();
			assertThat(WEBEX.findAll(postRequestedFor(urlPathEqualTo("/v1/webhooks")).withRequestBody(byTarget))).hasSize(5);
			assertThat(admin.get("/admin/integrations").body()).contains("Webhooks: registered by Assent.")
				.doesNotContain("Webhooks not registered:");
		}
		finally {
			stubs.forEach(WEBEX::removeStub);
		}
	}

	static final tools.jackson.databind.json.JsonMapper JSON = tools.jackson.databind.json.JsonMapper.builder().build();

	String delivery(String resource, String event, String data) {
		return "{\"id\":\"Y2lzY29zcGFyazovL3VzL1dFQkhPT0svZjRlNjA1NjAtNjYwMi00ZmIwLWEyNWEtOTQ5ODgxNjA5NDk3\",\"name\":"
				+ "\"Assent " + resource + " " + event + "\",\"targetUrl\":\"https://assent.example/webhooks/webex/" + company.id()
				+ "\",\"resource\":\"" + resource + "\",\"event\":\"" + event + "\",\"orgId\":"
				+ "\"Y2lzY29zcGFyazovL3VzL09SR0FOSVpBVElPTi85NmFi\",\"createdBy\":\"Y2lzY29zcGFyazovL3VzL1BFT1BMRS9mNWIz\","
				+ "\"appId\":\"Y2lzY29zcGFyazovL3VzL0FQUExJQ0FUSU9OL0MxMjM\",\"ownedBy\":\"org\",\"status\":\"active\","
				+ "\"created\":\"2026-11-30T09:00:00.000Z\",\"actorId\":\"Y2lzY29zcGFyazovL3VzL1BFT1BMRS9mNWIz\",\"data\":" + data + "}";
	}

	static String sign(String body) {
		return WebexWebhookController.hmacSha1(WEBHOOK_SECRET, body);
	}

	Http.Response webhook(TestCompany c, String body, @org.jspecify.annotations.Nullable String signature) {
		return signature == null ? http.post("/webhooks/webex/" + c.id(), "application/json", body)
				: http.post("/webhooks/webex/" + c.id(), "application/json", body, "X-Spark-Signature", signature);
	}

	JsonNode connect() {
		return company.json(http, "PUT", "/api/v1/integrations/WEBEX", Map.of("clientId", clientId, "clientSecret",
				"client-secret-value", "refreshToken", "refresh-token-value", "webhookSecret", WEBHOOK_SECRET));
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
		return WEBEX.findAll(postRequestedFor(urlPathEqualTo("/v1/access_token")).withRequestBody(containing("client_id=" + clientId)))
			.size();
	}

	static com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder json(int status, String file) {
		try {
			return aResponse().withStatus(status)
				.withHeader("Content-Type", "application/json")
				.withBody(new ClassPathResource("integrations/webex/" + file).getContentAsString(StandardCharsets.UTF_8));
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

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
