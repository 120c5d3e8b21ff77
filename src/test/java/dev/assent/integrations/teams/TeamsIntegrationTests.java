package dev.assent.integrations.teams;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
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

import dev.assent.calls.CallStarted;
import dev.assent.calls.ParticipantJoined;
import dev.assent.calls.Provider;
import dev.assent.calls.spi.ProviderMeeting;
import dev.assent.calls.spi.ProviderMeetingRequest;
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
import static com.github.tomakehurst.wiremock.client.WireMock.matchingJsonPath;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathTemplate;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The Microsoft Teams integration against WireMock serving payloads shaped as Microsoft Graph's
 * reference shows them (client-credentials token of the identity platform,
 * {@code POST /users/{userId}/onlineMeetings} with {@code audioConferencing},
 * {@code POST /subscriptions}, change notifications of meeting call events): connecting, dynamic
 * meetings with dial-in or the reason there is none (L1, L4), token refresh, 401 → disconnected
 * (L5, E3), 429 with Retry-After, 5xx retried, and the webhook (L7): validation handshake,
 * clientState, replays.
 */
@AssentIntegrationTest
@Import({ TeamsIntegrationTests.Waits.class, TeamsIntegrationTests.Events.class })
class TeamsIntegrationTests {

	static final WireMockServer GRAPH = new WireMockServer(WireMockConfiguration.options().dynamicPort().globalTemplating(true));

	static {
		GRAPH.start();
	}

	static final String CLIENT_STATE = "teams-client-state-7f3a9c2e51";

	@DynamicPropertySource
	static void graph(DynamicPropertyRegistry registry) {
		registry.add("assent.providers.teams.api-url", () -> GRAPH.baseUrl() + "/v1.0");
		registry.add("assent.providers.teams.oauth-url", GRAPH::baseUrl);
		registry.add("assent.providers.teams.read-timeout", () -> "30s");
		registry.add("assent.providers.teams.connect-timeout", () -> "10s");
	}

	@AfterAll
	static void stop() {
		GRAPH.stop();
	}

	@LocalServerPort
	int port;

	@Autowired
	TeamsIntegration teams;

	@Autowired
	MutableClock clock;

	@Autowired
	Waits waits;

	@Autowired
	Events events;

	@Autowired
	JdbcClient jdbc;

	@Autowired
	TeamsSubscriptions subscriptions;

	@Autowired
	TeamsSubscriptionRenewalJob renewals;

	Http http;

	TestCompany company;

	String tenant;

	@BeforeEach
	void setUp() {
		http = new Http(port);
		company = TestCompany.create(http, "teams");
		tenant = UUID.randomUUID().toString();
		GRAPH.stubFor(post(urlPathTemplate("/{tenant}/oauth2/v2.0/token")).atPriority(1)
			.withRequestBody(containing("grant_type=client_credentials"))
			.withRequestBody(containing("client_secret=client-secret-value"))
			.withRequestBody(containing("scope=https%3A%2F%2Fgraph.microsoft.com%2F.default"))
			.willReturn(json(200, "token.json")));
		GRAPH.stubFor(post(urlPathTemplate("/{tenant}/oauth2/v2.0/token")).atPriority(10)
			.willReturn(aResponse().withStatus(401)
				.withHeader("Content-Type", "application/json")
				.withBody("{\"error\":\"invalid_client\",\"error_description\":\"AADSTS7000215: Invalid client secret provided.\","
						+ "\"error_codes\":[7000215]}")));
		GRAPH.stubFor(post(urlPathTemplate("/v1.0/users/{userId}/onlineMeetings")).atPriority(10)
			.willReturn(json(201, "online-meeting.json")));
		GRAPH.stubFor(post(urlPathEqualTo("/v1.0/subscriptions")).atPriority(10).willReturn(json(201, "subscription.json")));
		waits.seen.clear();
	}

	@Test
	void connectsWithClientCredentialsAndListsTeamsWithItsCapabilities() { // API.md integrations, L7
		JsonNode connected = connect();

		assertThat(connected.get("state").asString()).isEqualTo("CONNECTED");
		assertThat(connected.get("account").asString()).isEqualTo(tenant);
		assertThat(connected.toString()).doesNotContain("client-secret-value").doesNotContain(CLIENT_STATE);
		JsonNode list = company.get(http, "/api/v1/integrations");
		JsonNode item = list.get("items").get(2);
		assertThat(item.get("provider").asString()).isEqualTo("MICROSOFT_TEAMS");
		assertThat(item.get("capabilities")).extracting(JsonNode::asString)
			.containsExactlyInAnyOrder("OPT_OUT", "DYNAMIC_MEETINGS", "DIAL_IN", "WEBHOOKS");
		assertThat(item.get("connectFields")).extracting(JsonNode::asString)
			.containsExactly("tenantId", "clientId", "clientSecret", "webhookClientState");
		assertThat(list.toString()).doesNotContain("client-secret-value");
		String stored = jdbc.sql("select secrets from integrations.connections where company_id = ?::uuid and provider = 'MICROSOFT_TEAMS'")
			.param(company.id())
			.query(String.class)
			.single();
		assertThat(stored).doesNotContain("client-secret-value").doesNotContain(CLIENT_STATE).isNotBlank();
		GRAPH.verify(postRequestedFor(urlPathEqualTo("/" + tenant + "/oauth2/v2.0/token"))
			.withRequestBody(containing("client_id=app-client-id")));
		// another company sees nothing of it (T1)
		TestCompany other = TestCompany.create(http, "teams-other");
		assertThat(other.get(http, "/api/v1/integrations/MICROSOFT_TEAMS").get("state").asString()).isEqualTo("NOT_CONNECTED");
	}

	@Test
	void refusesCredentialsMicrosoftRejects() {
		Http.Response r = http.json("PUT", "/api/v1/integrations/MICROSOFT_TEAMS", company.apiToken(),
				Map.of("tenantId", tenant, "clientId", "app-client-id", "clientSecret", "wrong"));

		assertThat(r.status()).isEqualTo(400);
		assertThat(r.json().get("errors").get("clientSecret").asString()).contains("Microsoft refused these credentials (HTTP 401)");
		assertThat(company.get(http, "/api/v1/integrations/MICROSOFT_TEAMS").get("state").asString()).isEqualTo("NOT_CONNECTED");
		Http.Response badTenant = http.json("PUT", "/api/v1/integrations/MICROSOFT_TEAMS", company.apiToken(),
				Map.of("tenantId", "../evil?x=", "clientId", "app-client-id", "clientSecret", "client-secret-value"));
		assertThat(badTenant.status()).isEqualTo(400);
		assertThat(badTenant.json().get("errors").has("tenantId")).isTrue();
	}

	@Test
	void aDynamicMeetingGetsATeamsMeetingItsConsentLinkAndFiveDialInNumbers() { // L1, L4
		connect();
		company.post(http, "/api/v1/members", Map.of("name", "Pam Beesly", "email", "pam@" + company.slug() + ".example",
				"slug", "pam", "recorded", true));

		Http.Response r = http.json("POST", "/api/v1/meetings", company.apiToken(), dynamicMeeting("pam@" + company.slug() + ".example"));

		assertThat(r.status()).as(r.body()).isEqualTo(201);
		JsonNode m = r.json();
		assertThat(m.get("provider").asString()).isEqualTo("MICROSOFT_TEAMS");
		assertThat(m.get("joinUrl").asString()).startsWith("https://teams.microsoft.com/l/meetup-join/19%3ameeting_M2Iz");
		assertThat(m.get("consentLink").asString()).contains("/" + company.slug() + "/pam/");
		assertThat(m.get("dialIn").get("numbers")).extracting(JsonNode::asString)
			.containsExactly("+12525634478", "+14255550101", "+442035550102", "+4969555501030", "+33170555010");
		assertThat(m.get("dialIn").get("moreUrl").asString())
			.isEqualTo("https://dialin.teams.microsoft.com/22f12fa0-499f-435b-bc69-b8de580ba330?id=9999999");
		assertThat(m.get("inviteText").asString()).contains("+12525634478", m.get("consentLink").asString())
			.doesNotContain("+61255501040", "meetup-join");
		GRAPH.verify(postRequestedFor(urlPathEqualTo("/v1.0/users/pam%40" + company.slug() + ".example/onlineMeetings"))
			.withHeader("Authorization", matching("Bearer eyJ0eXAi.*"))
			.withRequestBody(matchingJsonPath("$.subject", equalTo("Discovery call")))
			.withRequestBody(matchingJsonPath("$.startDateTime", equalTo("2031-03-04T10:00:00Z")))
			.withRequestBody(matchingJsonPath("$.endDateTime", equalTo("2031-03-04T10:30:00Z"))));
		// its call events are subscribed to, with the company's client state (L7)
		GRAPH.verify(postRequestedFor(urlPathEqualTo("/v1.0/subscriptions"))
			.withRequestBody(matchingJsonPath("$.changeType", equalTo("updated")))
			.withRequestBody(matchingJsonPath("$.clientState", equalTo(CLIENT_STATE)))
			.withRequestBody(matchingJsonPath("$.notificationUrl", containing("/webhooks/teams/" + company.id())))
			.withRequestBody(matchingJsonPath("$.resource",
					containing("communications/onlineMeetings(joinWebUrl='https%3A%2F%2Fteams.microsoft.com%2Fl%2Fmeetup-join"))));
		assertThat(subscriptionOf(company)).isNotBlank();
	}

	@Test
	void aTeamsMeetingWithoutAudioConferencingHasNoDialInAndTheInviteSaysWhy() { // L4
		connect();
		var noAudio = GRAPH.stubFor(post(urlPathTemplate("/v1.0/users/{userId}/onlineMeetings")).atPriority(5)
			.willReturn(json(201, "online-meeting-no-audio.json")));
		company.post(http, "/api/v1/members", Map.of("name", "Kevin", "email", "kevin@" + company.slug() + ".example",
				"slug", "kevin", "recorded", true));

		JsonNode m = company.post(http, "/api/v1/meetings", dynamicMeeting("kevin@" + company.slug() + ".example"));

		assertThat(m.get("dialIn").isNull()).isTrue();
		assertThat(m.get("dialInNote").asString()).contains("no audio conferencing");
		assertThat(m.get("inviteText").asString()).contains("No dial-in: The organizer's Microsoft Teams account has no audio "
				+ "conferencing (no PSTN dial-in licence)");
		GRAPH.removeStub(noAudio);
	}

	@Test
	void renewsTheSubscriptionOfAMeetingFurtherAheadThanGraphsThreeDays() { // L7
		connect();
		GRAPH.stubFor(com.github.tomakehurst.wiremock.client.WireMock.patch(urlPathTemplate("/v1.0/subscriptions/{id}"))
			.willReturn(aResponse().withStatus(200)
				.withHeader("Content-Type", "application/json")
				.withBody("{\"id\":\"{{request.path.id}}\",\"resource\":\"communications/onlineMeetings/x/meetingCallEvents\","
						+ "\"changeType\":\"updated\",\"expirationDateTime\":\"{{jsonPath request.body '$.expirationDateTime'}}\"}")));
		company.post(http, "/api/v1/members", Map.of("name", "Toby Flenderson", "email", "toby@" + company.slug() + ".example",
				"slug", "toby", "recorded", true));
		company.post(http, "/api/v1/meetings", dynamicMeeting("toby@" + company.slug() + ".example")); // in 2031
		String subscription = subscriptionOf(company);
		Instant firstExpiry = subscriptions.expiry(UUID.fromString(company.id()), subscription).orElseThrow();
		assertThat(renewals.renewDue()).as("not due yet").isZero();

		clock.advance(Duration.ofHours(50));
		assertThat(renewals.renewDue()).isPositive();

		Instant renewedUntil = subscriptions.expiry(UUID.fromString(company.id()), subscription).orElseThrow();
		assertThat(renewedUntil).isEqualTo(clock.instant().plus(Duration.ofHours(70)).truncatedTo(ChronoUnit.SECONDS))
			.isAfter(firstExpiry);
		GRAPH.verify(com.github.tomakehurst.wiremock.client.WireMock.patchRequestedFor(urlPathEqualTo("/v1.0/subscriptions/" + subscription))
			.withRequestBody(matchingJsonPath("$.expirationDateTime", equalTo(renewedUntil.toString()))));
	}

	@Test
	void fetchesANewTokenWhenTheHeldOneExpires() {
		connect();
		UUID companyId = UUID.fromString(company.id());
		teams.createMeeting(companyId, request("a@x.example"));
		teams.createMeeting(companyId, request("b@x.example"));
		assertThat(tokenRequests()).isEqualTo(2); // one on connect (the check), one for the API

		clock.advance(Duration.ofMinutes(59));
		teams.createMeeting(companyId, request("c@x.example"));

		assertThat(tokenRequests()).isEqualTo(3);
	}

	@Test
	void aSecond401DisconnectsTheIntegrationAndPublishesIntegrationDisconnected() { // L5, E3
		connect();
		GRAPH.stubFor(post(urlPathEqualTo("/v1.0/users/revoked%40x.example/onlineMeetings")).atPriority(5)
			.willReturn(aResponse().withStatus(401)
				.withHeader("Content-Type", "application/json")
				.withBody("{\"error\":{\"code\":\"InvalidAuthenticationToken\",\"message\":\"Access token validation failure.\"}}")));
		UUID companyId = UUID.fromString(company.id());

		assertThatThrownBy(() -> teams.createMeeting(companyId, request("revoked@x.example")))
			.isInstanceOf(ProviderUnavailable.class)
			.hasMessageContaining("401");

		assertThat(tokenRequests()).isEqualTo(3); // connect, first try, the fresh token after the first 401
		JsonNode state = company.get(http, "/api/v1/integrations/MICROSOFT_TEAMS");
		assertThat(state.get("state").asString()).isEqualTo("DISCONNECTED");
		assertThat(state.get("reason").asString()).contains("Microsoft Teams refused Assent's credentials");
		assertThat(events.disconnections(companyId)).singleElement().satisfies(e -> {
			assertThat(e.provider()).isEqualTo(Provider.MICROSOFT_TEAMS);
			assertThat(e.reason()).contains("401");
		});
		Http.Response dynamic = http.json("POST", "/api/v1/meetings", company.apiToken(), dynamicMeeting("owner@x.example"));
		assertThat(dynamic.status()).isEqualTo(409);
	}

	@Test
	void honoursRetryAfterOf429() {
		connect();
		GRAPH.stubFor(post(urlPathEqualTo("/v1.0/users/busy%40x.example/onlineMeetings")).atPriority(5)
			.inScenario("busy")
			.whenScenarioStateIs(Scenario.STARTED)
			.willReturn(aResponse().withStatus(429)
				.withHeader("Retry-After", "4")
				.withHeader("Content-Type", "application/json")
				.withBody("{\"error\":{\"code\":\"TooManyRequests\",\"message\":\"Too many requests.\"}}"))
			.willSetStateTo("calm"));
		GRAPH.stubFor(post(urlPathEqualTo("/v1.0/users/busy%40x.example/onlineMeetings")).atPriority(5)
			.inScenario("busy")
			.whenScenarioStateIs("calm")
			.willReturn(json(201, "online-meeting.json")));

		ProviderMeeting m = teams.createMeeting(UUID.fromString(company.id()), request("busy@x.example"));

		assertThat(m.joinUrl()).startsWith("https://teams.microsoft.com/");
		assertThat(waits.seen).containsExactly(Duration.ofSeconds(4));
	}

	@Test
	void retriesServerErrorsAndGivesUpAfterTheLastAttempt() {
		connect();
		GRAPH.stubFor(post(urlPathEqualTo("/v1.0/users/flaky%40x.example/onlineMeetings")).atPriority(5)
			.inScenario("flaky")
			.whenScenarioStateIs(Scenario.STARTED)
			.willReturn(aResponse().withStatus(503).withHeader("Content-Type", "application/json")
				.withBody("{\"error\":{\"code\":\"ServiceNotAvailable\",\"message\":\"Service unavailable.\"}}"))
			.willSetStateTo("up"));
		GRAPH.stubFor(post(urlPathEqualTo("/v1.0/users/flaky%40x.example/onlineMeetings")).atPriority(5)
			.inScenario("flaky")
			.whenScenarioStateIs("up")
			.willReturn(json(201, "online-meeting.json")));
		UUID companyId = UUID.fromString(company.id());

		assertThat(teams.createMeeting(companyId, request("flaky@x.example")).dialInNumbers()).hasSize(7);
		assertThat(waits.seen).containsExactly(Duration.ofMillis(200));

		GRAPH.stubFor(post(urlPathEqualTo("/v1.0/users/down%40x.example/onlineMeetings")).atPriority(5)
			.willReturn(aResponse().withStatus(500)));
		assertThatThrownBy(() -> teams.createMeeting(companyId, request("down@x.example")))
			.isInstanceOf(ProviderUnavailable.class)
			.hasMessageContaining("after 3 attempts");
		assertThat(company.get(http, "/api/v1/integrations/MICROSOFT_TEAMS").get("state").asString()).isEqualTo("CONNECTED");
	}

	@Test
	void techAdminsConnectTeamsOnTheIntegrationsPageWithItsOwnFields() {
		Http admin = new Http(port);
		Map<String, String> login = new java.util.LinkedHashMap<>();
		login.put("_csrf", Http.hiddenFields(admin.get("/login").body()).get("_csrf"));
		login.put("username", AssentIntegrationTest.ADMIN_EMAIL);
		login.put("password", AssentIntegrationTest.ADMIN_PASSWORD);
		admin.form("/login", login);
		String page = admin.get("/admin/integrations").body();
		org.jsoup.nodes.Document doc = org.jsoup.Jsoup.parse(page);
		assertThat(doc.select("#connect-MICROSOFT_TEAMS label")).extracting(org.jsoup.nodes.Element::text)
			.containsExactly("Tenant (directory) ID", "Client ID", "Client secret", "Webhook client state (optional)");
		assertThat(doc.select("#connect-MICROSOFT_TEAMS .help").text()).contains("OnlineMeetings.ReadWrite.All");
		assertThat(doc.select("#connect-MICROSOFT_TEAMS .webhook").text()).contains("/webhooks/teams/");
		assertThat(doc.select("#connect-MICROSOFT_TEAMS input[name=clientSecret]").attr("type")).isEqualTo("password");
		assertThat(doc.select("#connect-WEBEX label").text()).contains("Refresh token", "Bot or service app access token");
		assertThat(doc.select("#integration-MICROSOFT_TEAMS td").eachText())
			.containsExactly("yes", "members enter them", "yes", "yes", "yes", "Not connected");

		Map<String, String> form = new java.util.LinkedHashMap<>();
		form.put("_csrf", Http.hiddenFields(page).get("_csrf"));
		form.put("tenantId", tenant);
		form.put("clientId", "app-client-id");
		form.put("clientSecret", "client-secret-value");
		form.put("webhookClientState", "");
		assertThat(admin.form("/admin/integrations/MICROSOFT_TEAMS", form).status()).isEqualTo(302);
		String connected = admin.get("/admin/integrations").body();
		assertThat(org.jsoup.Jsoup.parse(connected).select("#integration-MICROSOFT_TEAMS .state").text()).contains("Connected", tenant);
		assertThat(connected).contains("Microsoft Teams is connected.").doesNotContain("client-secret-value");
	}

	// --- webhooks (L7)

	@Test
	void echoesGraphsValidationTokenAsPlainText() {
		connect();

		Http.Response r = http.post("/webhooks/teams/" + company.id() + "?validationToken="
				+ URLEncoder.encode("Validation: Testing client application reachability for subscription Request-Id: "
						+ "25b2bdc5-0bd5-4a88-a2d0-5e0e6b0a2a40", StandardCharsets.UTF_8), "text/plain", "");

		assertThat(r.status()).isEqualTo(200);
		assertThat(r.header("Content-Type")).startsWith("text/plain");
		assertThat(r.body()).isEqualTo("Validation: Testing client application reachability for subscription Request-Id: "
				+ "25b2bdc5-0bd5-4a88-a2d0-5e0e6b0a2a40");
		// a company without a Teams connection does not answer the handshake
		TestCompany other = TestCompany.create(http, "teams-hook-none");
		assertThat(http.post("/webhooks/teams/" + other.id() + "?validationToken=x", "text/plain", "").status()).isEqualTo(404);
	}

	@Test
	void mapsAuthenticNotificationsOntoTheCallAndRefusesBadMissingReplayedAndForeignOnes() {
		connect();
		company.post(http, "/api/v1/members", Map.of("name", "Oscar Martinez", "email", "oscar@" + company.slug() + ".example",
				"slug", "oscar", "recorded", true));
		Map<String, Object> soon = dynamicMeeting("oscar@" + company.slug() + ".example");
		soon.put("start", clock.instant().plus(Duration.ofMinutes(5)).toString());
		soon.put("end", clock.instant().plus(Duration.ofMinutes(35)).toString());
		JsonNode meeting = company.post(http, "/api/v1/meetings", soon);
		UUID callId = UUID.fromString(meeting.get("occurrences").get(0).get("callId").asString());
		String subscription = subscriptionOf(company);
		String started = notification(subscription, CLIENT_STATE, "callStarted", clock.instant(), "[]");

		Http.Response good = webhook(company, started);
		assertThat(good.status()).as(good.body()).isEqualTo(202);
		assertThat(good.json().get("handled").asInt()).isEqualTo(1);
		assertThat(events.started(callId)).hasSize(1);

		// replayed, also re-serialised: handled once
		assertThat(webhook(company, started).json().get("duplicates").asInt()).isEqualTo(1);
		assertThat(webhook(company, started.replace(",", " ,\n  ")).json().get("duplicates").asInt()).isEqualTo(1);
		assertThat(events.started(callId)).hasSize(1);
		// bad or missing clientState, unknown subscription, another company's endpoint
		assertThat(webhook(company, notification(subscription, "guessed-state", "callStarted", clock.instant(), "[]")).status())
			.isEqualTo(401);
		assertThat(webhook(company, started.replace("\"clientState\":\"" + CLIENT_STATE + "\",", "")).status()).isEqualTo(401);
		assertThat(webhook(company, notification(UUID.randomUUID().toString(), CLIENT_STATE, "callStarted", clock.instant(), "[]"))
			.status()).isEqualTo(401);
		TestCompany other = TestCompany.create(http, "teams-hook-other");
		other.json(http, "PUT", "/api/v1/integrations/MICROSOFT_TEAMS", Map.of("tenantId", tenant, "clientId", "app-client-id",
				"clientSecret", "client-secret-value", "webhookClientState", CLIENT_STATE));
		assertThat(webhook(other, notification(subscription, CLIENT_STATE, "callEnded", clock.instant(), "[]")).status())
			.isEqualTo(401);
		assertThat(events.started(callId)).hasSize(1);

		// a roster update: each participant joins once, however often the roster lists them
		String roster = "[{\"id\":\"b3a1c5d2-0001\",\"info\":{\"identity\":{\"guest\":{\"id\":\"g-1\",\"displayName\":\"Bea Buyer\"}}}},"
				+ "{\"id\":\"b3a1c5d2-0002\",\"info\":{\"identity\":{\"user\":{\"id\":\"550fae72\",\"displayName\":\"Oscar Martinez\"}}}}]";
		Instant later = clock.instant().plusSeconds(30);
		assertThat(webhook(company, notification(subscription, CLIENT_STATE, "rosterUpdated", later, roster)).json()
			.get("handled").asInt()).isEqualTo(2);
		assertThat(webhook(company, notification(subscription, CLIENT_STATE, "rosterUpdated", later.plusSeconds(5), roster)).json()
			.get("handled").asInt()).isZero();
		assertThat(events.joined(callId)).extracting(ParticipantJoined::name).containsExactly("Bea Buyer", "Oscar Martinez");
	}

	// --- helpers

	JsonNode connect() {
		return company.json(http, "PUT", "/api/v1/integrations/MICROSOFT_TEAMS", Map.of("tenantId", tenant, "clientId",
				"app-client-id", "clientSecret", "client-secret-value", "webhookClientState", CLIENT_STATE));
	}

	String subscriptionOf(TestCompany c) {
		return jdbc.sql("select subscription_id from integrations.teams_subscriptions where company_id = ?::uuid order by created_at desc limit 1")
			.param(c.id())
			.query(String.class)
			.single();
	}

	/** A change notification of a meeting call event, shaped as Graph sends it. */
	String notification(String subscription, String clientState, String type, Instant at, String participants) {
		return "{\"value\":[{\"subscriptionId\":\"" + subscription + "\",\"clientState\":\"" + clientState + "\","
				+ "\"changeType\":\"updated\",\"resource\":\"communications/onlineMeetings(joinWebUrl='https%3A%2F%2Fteams."
				+ "microsoft.com%2Fl%2Fmeetup-join%2F19%253ameeting_M2Iz%2540thread.v2%2F0')/meetingCallEvents\","
				+ "\"subscriptionExpirationDateTime\":\"" + at.plus(Duration.ofDays(2)) + "\",\"resourceData\":{"
				+ "\"@odata.type\":\"#microsoft.graph.callEvent\",\"@odata.id\":\"communications/onlineMeetings/x/meetingCallEvents/"
				+ type + at.toEpochMilli() + "\",\"id\":\"" + type + "-" + at.toEpochMilli() + "\",\"callEventType\":\"" + type
				+ "\",\"eventDateTime\":\"" + at + "\",\"participants\":" + participants + "},"
				+ "\"tenantId\":\"" + tenant + "\"}]}";
	}

	Http.Response webhook(TestCompany c, String body) {
		return http.post("/webhooks/teams/" + c.id(), "application/json", body);
	}

	ProviderMeetingRequest request(String host) {
		return new ProviderMeetingRequest("Pipeline review", host, Instant.parse("2031-03-04T10:00:00Z"),
				Instant.parse("2031-03-04T10:30:00Z"), "Europe/Berlin", null);
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
		return GRAPH.findAll(postRequestedFor(urlPathEqualTo("/" + tenant + "/oauth2/v2.0/token"))).size();
	}

	static com.github.tomakehurst.wiremock.matching.StringValuePattern matching(String regex) {
		return com.github.tomakehurst.wiremock.client.WireMock.matching(regex);
	}

	static com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder json(int status, String file) {
		try {
			return aResponse().withStatus(status)
				.withHeader("Content-Type", "application/json")
				.withBody(new ClassPathResource("integrations/teams/" + file).getContentAsString(StandardCharsets.UTF_8));
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
	static class Events {

		final List<Object> seen = new CopyOnWriteArrayList<>();

		@EventListener
		void on(IntegrationDisconnected event) {
			seen.add(event);
		}

		@EventListener
		void on(CallStarted event) {
			seen.add(event);
		}

		@EventListener
		void on(ParticipantJoined event) {
			seen.add(event);
		}

		List<IntegrationDisconnected> disconnections(UUID companyId) {
			return seen.stream().filter(IntegrationDisconnected.class::isInstance).map(IntegrationDisconnected.class::cast)
				.filter(e -> e.companyId().equals(companyId)).toList();
		}

		List<CallStarted> started(UUID callId) {
			return seen.stream().filter(CallStarted.class::isInstance).map(CallStarted.class::cast)
				.filter(e -> e.callId().equals(callId)).toList();
		}

		List<ParticipantJoined> joined(UUID callId) {
			return seen.stream().filter(ParticipantJoined.class::isInstance).map(ParticipantJoined.class::cast)
				.filter(e -> e.callId().equals(callId)).toList();
		}

	}

}
