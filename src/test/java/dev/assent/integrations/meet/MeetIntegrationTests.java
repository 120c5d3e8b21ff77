package dev.assent.integrations.meet;

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
import static com.github.tomakehurst.wiremock.client.WireMock.matchingJsonPath;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathTemplate;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The Google Meet integration against WireMock serving payloads shaped as the Google Calendar API
 * reference shows them (OAuth refresh-token grant, {@code events.list} of the primary calendar,
 * {@code events.insert} with {@code conferenceData}): connecting, dynamic meetings with the phone
 * entry point and the "more" page or the reason there is none (L1, L4), token refresh, 401 →
 * disconnected (L5, E3), 429 with Retry-After, 5xx retried.
 */
@AssentIntegrationTest
@Import({ MeetIntegrationTests.Waits.class, MeetIntegrationTests.Disconnections.class })
class MeetIntegrationTests {

	static final WireMockServer GOOGLE = new WireMockServer(WireMockConfiguration.options().dynamicPort().globalTemplating(true));

	static {
		GOOGLE.start();
	}

	@DynamicPropertySource
	static void google(DynamicPropertyRegistry registry) {
		registry.add("assent.providers.meet.api-url", () -> GOOGLE.baseUrl() + "/calendar/v3");
		registry.add("assent.providers.meet.oauth-url", GOOGLE::baseUrl);
		registry.add("assent.providers.meet.read-timeout", () -> "30s");
		registry.add("assent.providers.meet.connect-timeout", () -> "10s");
	}

	@AfterAll
	static void stop() {
		GOOGLE.stop();
	}

	@LocalServerPort
	int port;

	@Autowired
	MeetIntegration meet;

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
		company = TestCompany.create(http, "meet");
		clientId = UUID.randomUUID() + ".apps.googleusercontent.com";
		GOOGLE.stubFor(post(urlPathEqualTo("/token")).atPriority(1)
			.withRequestBody(containing("grant_type=refresh_token"))
			.withRequestBody(containing("client_secret=client-secret-value"))
			.willReturn(json(200, "token.json")));
		GOOGLE.stubFor(post(urlPathEqualTo("/token")).atPriority(10)
			.willReturn(aResponse().withStatus(401)
				.withHeader("Content-Type", "application/json")
				.withBody("{\"error\":\"invalid_client\",\"error_description\":\"The OAuth client was not found.\"}")));
		GOOGLE.stubFor(get(urlPathEqualTo("/calendar/v3/calendars/primary/events")).willReturn(json(200, "primary-events.json")));
		GOOGLE.stubFor(post(urlPathTemplate("/calendar/v3/calendars/{calendarId}/events")).atPriority(10)
			.willReturn(json(200, "event-created.json")));
		waits.seen.clear();
	}

	@Test
	void connectsWithARefreshTokenAndRefusesWhatGoogleRejects() { // API.md integrations
		JsonNode connected = connect();

		assertThat(connected.get("state").asString()).isEqualTo("CONNECTED");
		assertThat(connected.get("account").asString()).isEqualTo("scheduler@customer.example");
		assertThat(connected.toString()).doesNotContain("refresh-token-value");
		JsonNode item = company.get(http, "/api/v1/integrations").get("items").get(1);
		assertThat(item.get("provider").asString()).isEqualTo("GOOGLE_MEET");
		assertThat(item.get("capabilities")).extracting(JsonNode::asString)
			.containsExactlyInAnyOrder("OPT_OUT", "DYNAMIC_MEETINGS", "DIAL_IN");

		TestCompany other = TestCompany.create(http, "meet-other");
		Http.Response wrong = http.json("PUT", "/api/v1/integrations/GOOGLE_MEET", other.apiToken(),
				Map.of("clientId", clientId, "clientSecret", "wrong", "refreshToken", "refresh-token-value"));
		assertThat(wrong.status()).isEqualTo(400);
		assertThat(wrong.json().get("errors").get("refreshToken").asString()).contains("Google refused these credentials (HTTP 401)");
		assertThat(other.get(http, "/api/v1/integrations/GOOGLE_MEET").get("state").asString()).isEqualTo("NOT_CONNECTED");
	}

	@Test
	void aDynamicMeetingGetsAMeetConferenceItsPhoneNumberAndTheMoreNumbersPage() { // L1, L4
		connect();
		company.post(http, "/api/v1/members", Map.of("name", "Andy Bernard", "email", "andy@" + company.slug() + ".example",
				"slug", "andy", "recorded", true));

		Http.Response r = http.json("POST", "/api/v1/meetings", company.apiToken(), dynamicMeeting("andy@" + company.slug() + ".example"));

		assertThat(r.status()).as(r.body()).isEqualTo(201);
		JsonNode m = r.json();
		assertThat(m.get("provider").asString()).isEqualTo("GOOGLE_MEET");
		assertThat(m.get("joinUrl").asString()).isEqualTo("https://meet.google.com/abc-mnop-xyz");
		assertThat(m.get("consentLink").asString()).contains("/" + company.slug() + "/andy/");
		assertThat(m.get("dialIn").get("numbers")).extracting(JsonNode::asString)
			.containsExactly("+1 786-555-0134 PIN: 248813992# (US)");
		assertThat(m.get("dialIn").get("moreUrl").asString()).isEqualTo("https://tel.meet/abc-mnop-xyz?pin=8524187334123");
		assertThat(m.get("inviteText").asString()).contains("+1 786-555-0134").doesNotContain("meet.google.com/abc-mnop-xyz");
		GOOGLE.verify(postRequestedFor(urlPathEqualTo("/calendar/v3/calendars/andy%40" + company.slug() + ".example/events"))
			.withQueryParam("conferenceDataVersion", equalTo("1"))
			.withRequestBody(matchingJsonPath("$.summary", equalTo("Discovery call")))
			.withRequestBody(matchingJsonPath("$.start.dateTime", equalTo("2031-03-04T10:00:00Z")))
			.withRequestBody(matchingJsonPath("$.conferenceData.createRequest.conferenceSolutionKey.type", equalTo("hangoutsMeet"))));
	}

	@Test
	void aMeetConferenceWithoutPhoneNumbersHasNoDialInAndTheInviteSaysWhy() { // L4
		connect();
		var noPhone = GOOGLE.stubFor(post(urlPathTemplate("/calendar/v3/calendars/{calendarId}/events")).atPriority(5)
			.willReturn(json(200, "event-no-phone.json")));
		company.post(http, "/api/v1/members", Map.of("name", "Erin", "email", "erin@" + company.slug() + ".example",
				"slug", "erin", "recorded", true));

		JsonNode m = company.post(http, "/api/v1/meetings", dynamicMeeting("erin@" + company.slug() + ".example"));

		assertThat(m.get("dialIn").isNull()).isTrue();
		assertThat(m.get("inviteText").asString()).contains("No dial-in: Google Meet gave this meeting no phone numbers");
		GOOGLE.removeStub(noPhone);
	}

	@Test
	void fetchesANewTokenWhenTheHeldOneExpires() {
		connect();
		UUID companyId = UUID.fromString(company.id());
		meet.createMeeting(companyId, request("a@x.example"));
		meet.createMeeting(companyId, request("b@x.example"));
		assertThat(tokenRequests()).isEqualTo(2);

		clock.advance(Duration.ofMinutes(59));
		meet.createMeeting(companyId, request("c@x.example"));

		assertThat(tokenRequests()).isEqualTo(3);
	}

	@Test
	void aSecond401DisconnectsTheIntegrationAndPublishesIntegrationDisconnected() { // L5, E3
		connect();
		GOOGLE.stubFor(post(urlPathEqualTo("/calendar/v3/calendars/revoked%40x.example/events")).atPriority(5)
			.willReturn(aResponse().withStatus(401)
				.withHeader("Content-Type", "application/json")
				.withBody("{\"error\":{\"code\":401,\"message\":\"Request had invalid authentication credentials.\","
						+ "\"status\":\"UNAUTHENTICATED\"}}")));
		UUID companyId = UUID.fromString(company.id());

		assertThatThrownBy(() -> meet.createMeeting(companyId, request("revoked@x.example"))).isInstanceOf(ProviderUnavailable.class)
			.hasMessageContaining("401");

		assertThat(company.get(http, "/api/v1/integrations/GOOGLE_MEET").get("state").asString()).isEqualTo("DISCONNECTED");
		assertThat(disconnections.of(companyId)).singleElement()
			.satisfies(e -> assertThat(e.provider()).isEqualTo(Provider.GOOGLE_MEET));
		assertThat(http.json("POST", "/api/v1/meetings", company.apiToken(), dynamicMeeting("x@x.example")).status())
			.isEqualTo(409);
	}

	@Test
	void honoursRetryAfterOf429AndRetriesServerErrors() {
		connect();
		GOOGLE.stubFor(post(urlPathEqualTo("/calendar/v3/calendars/busy%40x.example/events")).atPriority(5)
			.inScenario("busy")
			.whenScenarioStateIs(Scenario.STARTED)
			.willReturn(aResponse().withStatus(429).withHeader("Retry-After", "6")
				.withHeader("Content-Type", "application/json")
				.withBody("{\"error\":{\"code\":429,\"message\":\"Rate Limit Exceeded\",\"status\":\"RESOURCE_EXHAUSTED\"}}"))
			.willSetStateTo("flaky"));
		GOOGLE.stubFor(post(urlPathEqualTo("/calendar/v3/calendars/busy%40x.example/events")).atPriority(5)
			.inScenario("busy")
			.whenScenarioStateIs("flaky")
			.willReturn(aResponse().withStatus(503))
			.willSetStateTo("up"));
		GOOGLE.stubFor(post(urlPathEqualTo("/calendar/v3/calendars/busy%40x.example/events")).atPriority(5)
			.inScenario("busy")
			.whenScenarioStateIs("up")
			.willReturn(json(200, "event-created.json")));

		assertThat(meet.createMeeting(UUID.fromString(company.id()), request("busy@x.example")).joinUrl())
			.isEqualTo("https://meet.google.com/abc-mnop-xyz");
		assertThat(waits.seen).containsExactly(Duration.ofSeconds(6), Duration.ofMillis(400));

		GOOGLE.stubFor(post(urlPathEqualTo("/calendar/v3/calendars/down%40x.example/events")).atPriority(5)
			.willReturn(aResponse().withStatus(500)));
		assertThatThrownBy(() -> meet.createMeeting(UUID.fromString(company.id()), request("down@x.example")))
			.isInstanceOf(ProviderUnavailable.class)
			.hasMessageContaining("after 3 attempts");
	}

	// --- helpers

	JsonNode connect() {
		return company.json(http, "PUT", "/api/v1/integrations/GOOGLE_MEET",
				Map.of("clientId", clientId, "clientSecret", "client-secret-value", "refreshToken", "refresh-token-value"));
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
		return GOOGLE.findAll(postRequestedFor(urlPathEqualTo("/token")).withRequestBody(containing(
				"client_id=" + java.net.URLEncoder.encode(clientId, StandardCharsets.UTF_8)))).size();
	}

	static com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder json(int status, String file) {
		try {
			return aResponse().withStatus(status)
				.withHeader("Content-Type", "application/json")
				.withBody(new ClassPathResource("integrations/meet/" + file).getContentAsString(StandardCharsets.UTF_8));
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
