package dev.assent.integrations.gotomeeting;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
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
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import dev.assent.calls.Provider;
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
 * The GoToMeeting integration against WireMock serving payloads shaped as GoTo's developer
 * documentation shows them ({@code POST /oauth/token} with a refresh token and HTTP Basic client
 * credentials, {@code POST /G2M/rest/meetings} answering {@code joinURL} and
 * {@code conferenceCallInfo}): connecting, dynamic meetings with 5 of 7 phone numbers or the reason
 * there are none (L1, L4), token refresh with a rotated refresh token, 401 → disconnected (L5, E3),
 * 429 with Retry-After, 5xx retried.
 */
@AssentIntegrationTest
@Import({ GoToMeetingIntegrationTests.Waits.class, GoToMeetingIntegrationTests.Disconnections.class })
class GoToMeetingIntegrationTests {

	static final WireMockServer GOTO = new WireMockServer(WireMockConfiguration.options().dynamicPort().globalTemplating(true));

	static {
		GOTO.start();
	}

	@DynamicPropertySource
	static void gotomeeting(DynamicPropertyRegistry registry) {
		registry.add("assent.providers.gotomeeting.api-url", () -> GOTO.baseUrl() + "/G2M/rest");
		registry.add("assent.providers.gotomeeting.oauth-url", GOTO::baseUrl);
		registry.add("assent.providers.gotomeeting.read-timeout", () -> "30s");
		registry.add("assent.providers.gotomeeting.connect-timeout", () -> "10s");
	}

	@AfterAll
	static void stop() {
		GOTO.stop();
	}

	@LocalServerPort
	int port;

	@Autowired
	GoToMeetingIntegration gotomeeting;

	@Autowired
	MutableClock clock;

	@Autowired
	Waits waits;

	@Autowired
	Disconnections disconnections;

	Http http;

	TestCompany company;

	String clientId;

	@BeforeEach
	void setUp() {
		http = new Http(port);
		company = TestCompany.create(http, "goto");
		clientId = UUID.randomUUID().toString();
		GOTO.stubFor(post(urlPathEqualTo("/oauth/token")).atPriority(1)
			.withBasicAuth(clientId, "client-secret-value")
			.withRequestBody(containing("grant_type=refresh_token"))
			.willReturn(json(200, "token.json")));
		GOTO.stubFor(post(urlPathEqualTo("/oauth/token")).atPriority(10)
			.willReturn(aResponse().withStatus(401)
				.withHeader("Content-Type", "application/json")
				.withBody("{\"error\":\"invalid_client\",\"error_description\":\"Bad client credentials\"}")));
		GOTO.stubFor(post(urlPathEqualTo("/G2M/rest/meetings")).atPriority(10).willReturn(json(201, "meeting-created.json")));
		waits.seen.clear();
	}

	@Test
	void connectsWithARefreshTokenAndRefusesWhatGoToRejects() { // API.md integrations
		JsonNode connected = connect();

		assertThat(connected.get("state").asString()).isEqualTo("CONNECTED");
		assertThat(connected.get("account").asString()).isEqualTo("organizer@customer.example");
		assertThat(connected.toString()).doesNotContain("refresh-token-value");
		JsonNode item = company.get(http, "/api/v1/integrations").get("items").get(4);
		assertThat(item.get("provider").asString()).isEqualTo("GOTOMEETING");
		assertThat(item.get("capabilities")).extracting(JsonNode::asString)
			.containsExactlyInAnyOrder("OPT_OUT", "PERSONAL_LINK", "DYNAMIC_MEETINGS", "DIAL_IN");

		TestCompany other = TestCompany.create(http, "goto-other");
		Http.Response wrong = http.json("PUT", "/api/v1/integrations/GOTOMEETING", other.apiToken(),
				Map.of("clientId", clientId, "clientSecret", "wrong", "refreshToken", "refresh-token-value"));
		assertThat(wrong.status()).isEqualTo(400);
		assertThat(wrong.json().get("errors").get("refreshToken").asString()).contains("GoTo refused these credentials (HTTP 401)");
		assertThat(other.get(http, "/api/v1/integrations/GOTOMEETING").get("state").asString()).isEqualTo("NOT_CONNECTED");
	}

	@Test
	void readsEveryMembersStandingMeetingAsTheirPersonalLinkOnConnectAndANewMembersWithinSeconds() { // L2, L3
		String early = "early@" + company.slug() + ".example";
		String hire = "new.hire@" + company.slug() + ".example";
		String own = "own@" + company.slug() + ".example";
		// GET /organizers?email=… (admin role) answers the organizer; an address that is no organizer answers 404
		GOTO.stubFor(get(urlPathEqualTo("/G2M/rest/organizers")).atPriority(5)
			.withQueryParam("email", equalTo(early))
			.willReturn(jsonBody("[{\"organizerKey\":8439885694023999999,\"groupId\":11,\"email\":\"" + early
					+ "\",\"firstName\":\"Early\",\"lastName\":\"Bird\",\"groupName\":\"Sales\",\"status\":\"active\","
					+ "\"products\":[\"G2M\"],\"maxNumAttendeesAllowed\":250}]")));
		GOTO.stubFor(get(urlPathEqualTo("/G2M/rest/organizers")).atPriority(5)
			.withQueryParam("email", equalTo(hire))
			.willReturn(jsonBody("[{\"organizerKey\":8439885694023111111,\"groupId\":11,\"email\":\"" + hire
					+ "\",\"firstName\":\"New\",\"lastName\":\"Hire\",\"groupName\":\"Sales\",\"status\":\"active\","
					+ "\"products\":[\"G2M\"],\"maxNumAttendeesAllowed\":250}]")));
		GOTO.stubFor(get(urlPathEqualTo("/G2M/rest/organizers")).atPriority(10).willReturn(aResponse().withStatus(404)));
		// their upcoming meetings: a scheduled one, then the standing (recurring) one
		GOTO.stubFor(get(urlPathEqualTo("/G2M/rest/organizers/8439885694023999999/upcomingMeetings")).willReturn(jsonBody("""
				[{"meetingId":"555111222","meetingType":"scheduled","subject":"Quarterly review","startTime":"2031-01-01T10:00:00Z",
				  "endTime":"2031-01-01T11:00:00Z","organizerKey":"8439885694023999999","accountKey":"7","email":"x",
				  "firstName":"Early","lastName":"Bird","locale":"en_US","passwordRequired":false,"status":"INACTIVE",
				  "conferenceCallInfo":"Hybrid"},
				 {"meetingId":"987654321","meetingType":"recurring","subject":"My meeting room","startTime":"2026-01-01T10:00:00Z",
				  "endTime":"2026-01-01T11:00:00Z","organizerKey":"8439885694023999999","accountKey":"7","email":"x",
				  "firstName":"Early","lastName":"Bird","locale":"en_US","passwordRequired":false,"status":"INACTIVE",
				  "conferenceCallInfo":"Hybrid"}]""")));
		GOTO.stubFor(get(urlPathEqualTo("/G2M/rest/organizers/8439885694023111111/upcomingMeetings")).willReturn(jsonBody("""
				[{"meetingId":"123-456-789","meetingType":"recurring","subject":"Room","organizerKey":"8439885694023111111"}]""")));
		JsonNode before = company.post(http, "/api/v1/members", Map.of("name", "Early Bird", "email", early, "recorded", true));
		JsonNode ownLink = company.post(http, "/api/v1/members", Map.of("name", "Own Link", "email", own, "recorded", true,
				"personalMeetingUrl", "https://meet.goto.com/111222333"));
		JsonNode nobody = company.post(http, "/api/v1/members",
				Map.of("name", "No Organizer", "email", "nobody@" + company.slug() + ".example", "recorded", true));

		connect();

		await().atMost(Duration.ofSeconds(10))
			.untilAsserted(() -> assertThat(member(before).path("personalMeetingUrl").asString(""))
				.isEqualTo("https://meet.goto.com/987654321"));
		assertThat(member(ownLink).get("personalMeetingUrl").asString()).isEqualTo("https://meet.goto.com/111222333");
		await().atMost(Duration.ofSeconds(10))
			.untilAsserted(() -> GOTO.verify(getRequestedFor(urlPathEqualTo("/G2M/rest/organizers"))
				.withQueryParam("email", equalTo("nobody@" + company.slug() + ".example"))));
		assertThat(member(nobody).path("personalMeetingUrl").isString()).as("no standing meeting, no link").isFalse();

		JsonNode later = company.post(http, "/api/v1/members", Map.of("name", "New Hire", "email", hire, "recorded", true));
		await().atMost(Duration.ofSeconds(5))
			.untilAsserted(() -> assertThat(member(later).path("personalMeetingUrl").asString(""))
				.isEqualTo("https://meet.goto.com/123456789"));
		GOTO.verify(getRequestedFor(urlPathEqualTo("/G2M/rest/organizers")).withQueryParam("email", equalTo(hire))
			.withHeader("Authorization", com.github.tomakehurst.wiremock.client.WireMock.matching("Bearer .+")));
	}

	JsonNode member(JsonNode member) {
		return company.get(http, "/api/v1/members/" + member.get("id").asString());
	}

	static com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder jsonBody(String body) {
		return aResponse().withStatus(200).withHeader("Content-Type", "application/json").withBody(body);
	}

	@Test
	void aDynamicMeetingGetsAGoToMeetingAndFiveOfItsSevenNumbersWithTheAccessCode() { // L1, L4
		connect();
		company.post(http, "/api/v1/members", Map.of("name", "Darryl Philbin", "email", "darryl@" + company.slug() + ".example",
				"slug", "darryl", "recorded", true));

		Http.Response r = http.json("POST", "/api/v1/meetings", company.apiToken(), dynamicMeeting("darryl@" + company.slug() + ".example"));

		assertThat(r.status()).as(r.body()).isEqualTo(201);
		JsonNode m = r.json();
		assertThat(m.get("provider").asString()).isEqualTo("GOTOMEETING");
		assertThat(m.get("joinUrl").asString()).isEqualTo("https://global.gotomeeting.com/join/417153477");
		assertThat(m.get("consentLink").asString()).contains("/" + company.slug() + "/darryl/");
		assertThat(m.get("dialIn").get("numbers")).extracting(JsonNode::asString)
			.containsExactly("+1 (571) 317-3122, access code 417-153-477 (United States)",
					"+61 2 8355 1050, access code 417-153-477 (Australia)", "+43 7 2088 1403, access code 417-153-477 (Austria)",
					"+32 28 93 7018, access code 417-153-477 (Belgium)", "+1 (647) 497-9391, access code 417-153-477 (Canada)");
		assertThat(m.get("inviteText").asString()).contains("+1 (571) 317-3122").doesNotContain("+33 170 950 592", "join/417153477");
		GOTO.verify(postRequestedFor(urlPathEqualTo("/G2M/rest/meetings"))
			.withHeader("Authorization", com.github.tomakehurst.wiremock.client.WireMock.matching("Bearer eyJraWQi.*"))
			.withRequestBody(matchingJsonPath("$.subject", equalTo("Discovery call")))
			.withRequestBody(matchingJsonPath("$.starttime", equalTo("2031-03-04T10:00:00Z")))
			.withRequestBody(matchingJsonPath("$.conferencecallinfo", equalTo("Hybrid"))));
	}

	@Test
	void aVoipOnlyMeetingHasNoDialInAndTheInviteSaysWhy() { // L4
		connect();
		var voip = GOTO.stubFor(post(urlPathEqualTo("/G2M/rest/meetings")).atPriority(5).willReturn(json(201, "meeting-created-voip.json")));
		company.post(http, "/api/v1/members", Map.of("name", "Holly", "email", "holly@" + company.slug() + ".example",
				"slug", "holly", "recorded", true));

		JsonNode m = company.post(http, "/api/v1/meetings", dynamicMeeting("holly@" + company.slug() + ".example"));

		assertThat(m.get("dialIn").isNull()).isTrue();
		assertThat(m.get("inviteText").asString()).contains("No dial-in: The GoToMeeting account offers no dial-in numbers for this meeting (its audio is computer audio only");
		GOTO.removeStub(voip);
	}

	@Test
	void refreshesTheTokenWhenItExpiresWithTheRotatedRefreshToken() {
		connect();
		UUID companyId = UUID.fromString(company.id());
		gotomeeting.createMeeting(companyId, request("Pipeline review"));
		gotomeeting.createMeeting(companyId, request("Pipeline review"));
		assertThat(tokenRequests()).isEqualTo(2);

		clock.advance(Duration.ofMinutes(59));
		gotomeeting.createMeeting(companyId, request("Pipeline review"));

		assertThat(tokenRequests()).isEqualTo(3);
		GOTO.verify(1, postRequestedFor(urlPathEqualTo("/oauth/token")).withBasicAuth(
				new com.github.tomakehurst.wiremock.client.BasicCredentials(clientId, "client-secret-value"))
			.withRequestBody(containing("refresh_token=eyJraWQiOiJvYXV0aHYyLmxtaS5jb20uMDIxOSIsImFsZyI6IlJTNTEyIn0.rotated")));
	}

	@Test
	void aSecond401DisconnectsTheIntegrationAndPublishesIntegrationDisconnected() { // L5, E3
		connect();
		GOTO.stubFor(post(urlPathEqualTo("/G2M/rest/meetings")).atPriority(5)
			.withRequestBody(matchingJsonPath("$.subject", equalTo("Revoked")))
			.willReturn(aResponse().withStatus(401)
				.withHeader("Content-Type", "application/json")
				.withBody("{\"int_err_code\":\"InvalidToken\",\"msg\":\"Invalid token passed\"}")));
		UUID companyId = UUID.fromString(company.id());

		assertThatThrownBy(() -> gotomeeting.createMeeting(companyId, request("Revoked"))).isInstanceOf(ProviderUnavailable.class)
			.hasMessageContaining("401");

		assertThat(company.get(http, "/api/v1/integrations/GOTOMEETING").get("state").asString()).isEqualTo("DISCONNECTED");
		assertThat(disconnections.of(companyId)).singleElement()
			.satisfies(e -> assertThat(e.provider()).isEqualTo(Provider.GOTOMEETING));
		assertThat(http.json("POST", "/api/v1/meetings", company.apiToken(), dynamicMeeting("x@x.example")).status())
			.isEqualTo(409);
	}

	@Test
	void honoursRetryAfterOf429AndRetriesServerErrors() {
		connect();
		GOTO.stubFor(post(urlPathEqualTo("/G2M/rest/meetings")).atPriority(5)
			.withRequestBody(matchingJsonPath("$.subject", equalTo("Busy")))
			.inScenario("busy")
			.whenScenarioStateIs(Scenario.STARTED)
			.willReturn(aResponse().withStatus(429).withHeader("Retry-After", "5"))
			.willSetStateTo("flaky"));
		GOTO.stubFor(post(urlPathEqualTo("/G2M/rest/meetings")).atPriority(5)
			.withRequestBody(matchingJsonPath("$.subject", equalTo("Busy")))
			.inScenario("busy")
			.whenScenarioStateIs("flaky")
			.willReturn(aResponse().withStatus(502))
			.willSetStateTo("up"));
		GOTO.stubFor(post(urlPathEqualTo("/G2M/rest/meetings")).atPriority(5)
			.withRequestBody(matchingJsonPath("$.subject", equalTo("Busy")))
			.inScenario("busy")
			.whenScenarioStateIs("up")
			.willReturn(json(201, "meeting-created.json")));

		assertThat(gotomeeting.createMeeting(UUID.fromString(company.id()), request("Busy")).joinUrl())
			.isEqualTo("https://global.gotomeeting.com/join/417153477");
		assertThat(waits.seen).containsExactly(Duration.ofSeconds(5), Duration.ofMillis(400));

		GOTO.stubFor(post(urlPathEqualTo("/G2M/rest/meetings")).atPriority(5)
			.withRequestBody(matchingJsonPath("$.subject", equalTo("Down")))
			.willReturn(aResponse().withStatus(500)));
		assertThatThrownBy(() -> gotomeeting.createMeeting(UUID.fromString(company.id()), request("Down")))
			.isInstanceOf(ProviderUnavailable.class)
			.hasMessageContaining("after 3 attempts");
	}

	// --- helpers

	JsonNode connect() {
		return company.json(http, "PUT", "/api/v1/integrations/GOTOMEETING",
				Map.of("clientId", clientId, "clientSecret", "client-secret-value", "refreshToken", "refresh-token-value"));
	}

	ProviderMeetingRequest request(String title) {
		return new ProviderMeetingRequest(title, "organizer@customer.example", Instant.parse("2031-03-04T10:00:00Z"),
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
		return GOTO.findAll(postRequestedFor(urlPathEqualTo("/oauth/token"))
			.withBasicAuth(new com.github.tomakehurst.wiremock.client.BasicCredentials(clientId, "client-secret-value"))).size();
	}

	static com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder json(int status, String file) {
		try {
			return aResponse().withStatus(status)
				.withHeader("Content-Type", "application/json")
				.withBody(new ClassPathResource("integrations/gotomeeting/" + file).getContentAsString(StandardCharsets.UTF_8));
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
