package dev.assent.integrations;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import com.github.tomakehurst.wiremock.core.WireMockConfiguration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Import;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import dev.assent.calls.Provider;
import dev.assent.calls.spi.ProviderMeeting;
import dev.assent.calls.spi.ProviderMeetingRequest;
import dev.assent.calls.spi.ProviderUnavailable;
import dev.assent.support.AssentIntegrationTest;
import dev.assent.support.Http;
import dev.assent.support.MutableClock;
import dev.assent.support.TestCompany;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.containing;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.notContaining;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathMatching;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

/**
 * Connecting Google Meet, Microsoft Teams and GoToMeeting by a tech admin's grant (issue 8: "OAuth
 * through Spring Security's OAuth2 client where a user grants access"; PRODUCT L1, L4, L5, E3), as
 * Zoom and Webex are ({@link UserGrantIntegrationTests}): the redirect to the provider's authorization
 * endpoint with its own parameters, the code exchanged at its token endpoint (WireMock, payloads
 * shaped as Google's, the Microsoft identity platform's and GoTo's OAuth docs show them), the tokens
 * kept encrypted, the provider's API called with the granted bearer token, refresh, and a refused
 * refresh disconnecting. Assent runs here behind a TLS-terminating proxy: its public base URL is
 * {@code https://assent.example.test} and the browser's requests arrive with {@code X-Forwarded-*},
 * which is what lets the callback match the redirect URL registered at the provider (README).
 */
@AssentIntegrationTest
@Import(IntegrationDisconnections.class)
class ProviderGrantIntegrationTests {

	static final WireMockServer PROVIDERS = new WireMockServer(WireMockConfiguration.options().dynamicPort());

	static {
		PROVIDERS.start();
	}

	static final String PUBLIC = "https://assent.example.test";

	/** What a TLS-terminating proxy in front of Assent adds to each request it forwards. */
	static final String[] PROXY = { "X-Forwarded-Proto", "https", "X-Forwarded-Host", "assent.example.test" };

	@DynamicPropertySource
	static void providers(DynamicPropertyRegistry registry) {
		registry.add("assent.base-url", () -> PUBLIC);
		registry.add("assent.providers.meet.api-url", () -> PROVIDERS.baseUrl() + "/google/calendar/v3");
		registry.add("assent.providers.meet.oauth-url", () -> PROVIDERS.baseUrl() + "/google");
		registry.add("assent.providers.meet.client-id", () -> "1234-grant.apps.googleusercontent.com");
		registry.add("assent.providers.meet.client-secret", () -> "GOCSPX-google-secret");
		registry.add("assent.providers.meet.read-timeout", () -> "30s");
		registry.add("assent.providers.teams.api-url", () -> PROVIDERS.baseUrl() + "/graph/v1.0");
		registry.add("assent.providers.teams.oauth-url", () -> PROVIDERS.baseUrl() + "/login");
		registry.add("assent.providers.teams.client-id", () -> "6731de76-14a6-49ae-97bc-6eba6914391e");
		registry.add("assent.providers.teams.client-secret", () -> "entra-app-secret");
		registry.add("assent.providers.teams.read-timeout", () -> "30s");
		registry.add("assent.providers.gotomeeting.api-url", () -> PROVIDERS.baseUrl() + "/goto/G2M/rest");
		registry.add("assent.providers.gotomeeting.oauth-url", () -> PROVIDERS.baseUrl() + "/goto");
		registry.add("assent.providers.gotomeeting.client-id", () -> "a2094c4f-goto-client");
		registry.add("assent.providers.gotomeeting.client-secret", () -> "goto-client-secret");
		registry.add("assent.providers.gotomeeting.read-timeout", () -> "30s");
	}

	@AfterAll
	static void stop() {
		PROVIDERS.stop();
	}

	@LocalServerPort
	int port;

	@Autowired
	MutableClock clock;

	@Autowired
	JdbcClient jdbc;

	@Autowired
	List<ProviderConnector> connectors;

	@Autowired
	IntegrationDisconnections disconnections;

	Http api;

	TestCompany company;

	Http admin;

	@BeforeEach
	void setUp() {
		PROVIDERS.resetAll();
		clock.set(Instant.now());
		api = new Http(port);
		company = TestCompany.create(api, "granted");
		admin = company.techAdmin(api, port);
	}

	@AfterEach
	void resetClock() {
		clock.set(Instant.now());
	}

	@Test
	void googleMeetIsConnectedAtGoogleWithOfflineAccessAndItsMeetingsUseTheGrantedToken() { // issue 8, L1, L4, L5, E3
		// Google's token endpoint: client id and secret in the form body; a refresh answers no new refresh token
		PROVIDERS.stubFor(post(urlPathEqualTo("/google/token")).withRequestBody(containing("grant_type=authorization_code"))
			.withRequestBody(containing("client_secret=GOCSPX-google-secret"))
			.withRequestBody(containing("code=4%2F0AeaYSHB-google-code"))
			.willReturn(json("""
					{"access_token":"ya29.granted-1","expires_in":3599,"refresh_token":"1//0g-google-refresh",
					 "scope":"https://www.googleapis.com/auth/calendar.events","token_type":"Bearer"}""")));
		PROVIDERS.stubFor(post(urlPathEqualTo("/google/token")).withRequestBody(containing("grant_type=refresh_token"))
			.withRequestBody(containing("refresh_token=1%2F%2F0g-google-refresh"))
			.willReturn(json("""
					{"access_token":"ya29.refreshed-2","expires_in":3599,
					 "scope":"https://www.googleapis.com/auth/calendar.events","token_type":"Bearer"}""")));
		PROVIDERS.stubFor(get(urlPathEqualTo("/google/calendar/v3/calendars/primary/events")).willReturn(json("""
				{"kind":"calendar#events","etag":"\\"p33c9lq3tnq0ti0o\\"","summary":"scheduler@customer.example",
				 "updated":"2026-12-02T10:00:00.300Z","timeZone":"Europe/Berlin","accessRole":"owner",
				 "defaultReminders":[{"method":"popup","minutes":10}],"items":[]}""")));
		PROVIDERS.stubFor(post(urlPathMatching("/google/calendar/v3/calendars/.+/events")).willReturn(json("""
				{"kind":"calendar#event","id":"7cbh8rpc10lrc0ckih9tafss99","status":"confirmed",
				 "hangoutLink":"https://meet.google.com/abc-mnop-xyz",
				 "conferenceData":{"conferenceId":"abc-mnop-xyz","entryPoints":[
				   {"entryPointType":"video","uri":"https://meet.google.com/abc-mnop-xyz","label":"meet.google.com/abc-mnop-xyz"},
				   {"entryPointType":"phone","uri":"tel:+1-786-555-0134","label":"+1 786-555-0134","pin":"248813992","regionCode":"US"},
				   {"entryPointType":"more","uri":"https://tel.meet/abc-mnop-xyz?pin=8524187334123","pin":"8524187334123"}]}}""")));

		assertThat(admin.getWith("/admin/integrations", PROXY).body()).contains("Connect with Google Meet",
				"Connect with Microsoft Teams", "Connect with GoToMeeting",
				PUBLIC + "/admin/integrations/oauth2/callback/google-meet",
				PUBLIC + "/admin/integrations/oauth2/callback/microsoft-teams",
				PUBLIC + "/admin/integrations/oauth2/callback/gotomeeting");

		String location = GrantSteps.authorize(admin, "google-meet", PROXY);

		assertThat(location).startsWith("https://accounts.google.com/o/oauth2/v2/auth?");
		Map<String, String> query = GrantSteps.query(location);
		assertThat(query).containsEntry("response_type", "code")
			.containsEntry("client_id", "1234-grant.apps.googleusercontent.com")
			.containsEntry("redirect_uri", PUBLIC + "/admin/integrations/oauth2/callback/google-meet")
			.containsEntry("scope", "https://www.googleapis.com/auth/calendar.events")
			.containsEntry("access_type", "offline")
			.containsEntry("prompt", "consent")
			.containsEntry("code_challenge_method", "S256");

		assertThat(GrantSteps.complete(admin, "google-meet", "4/0AeaYSHB-google-code", query.get("state"), PROXY))
			.contains("Google Meet is connected.");

		JsonNode meet = company.get(api, "/api/v1/integrations/GOOGLE_MEET");
		assertThat(meet.get("state").asString()).isEqualTo("CONNECTED");
		assertThat(meet.get("account").asString()).isEqualTo("scheduler@customer.example");
		assertThat(meet.get("userGrant").asBoolean()).isTrue();
		PROVIDERS.verify(postRequestedFor(urlPathEqualTo("/google/token"))
			.withRequestBody(containing("redirect_uri=" + GrantSteps.enc(PUBLIC + "/admin/integrations/oauth2/callback/google-meet")))
			.withRequestBody(containing("code_verifier=")));
		PROVIDERS.verify(getRequestedFor(urlPathEqualTo("/google/calendar/v3/calendars/primary/events"))
			.withHeader("Authorization", equalTo("Bearer ya29.granted-1")));
		assertThat(secrets()).isNotBlank().doesNotContain("ya29.granted-1").doesNotContain("1//0g-google-refresh");

		ProviderMeeting created = adapter(Provider.GOOGLE_MEET).createMeeting(id(), request("ae@customer.example"));
		assertThat(created.joinUrl()).isEqualTo("https://meet.google.com/abc-mnop-xyz");
		assertThat(created.dialInNumbers()).singleElement().satisfies(n -> assertThat(n.number()).contains("+1 786-555-0134"));
		PROVIDERS.verify(postRequestedFor(urlPathEqualTo("/google/calendar/v3/calendars/ae%40customer.example/events"))
			.withHeader("Authorization", equalTo("Bearer ya29.granted-1")));

		// an hour later the access token is renewed with the refresh token, which Google keeps (none in the answer)
		clock.advance(Duration.ofMinutes(59));
		adapter(Provider.GOOGLE_MEET).createMeeting(id(), request("ae@customer.example"));
		PROVIDERS.verify(postRequestedFor(urlPathMatching("/google/calendar/v3/calendars/.+/events"))
			.withHeader("Authorization", equalTo("Bearer ya29.refreshed-2")));
		clock.advance(Duration.ofMinutes(59));
		adapter(Provider.GOOGLE_MEET).createMeeting(id(), request("ae@customer.example"));
		PROVIDERS.verify(2, postRequestedFor(urlPathEqualTo("/google/token"))
			.withRequestBody(containing("refresh_token=1%2F%2F0g-google-refresh")));

		// the grant revoked at Google (myaccount.google.com → Third-party access): invalid_grant disconnects
		PROVIDERS.stubFor(post(urlPathEqualTo("/google/token")).atPriority(1).withRequestBody(containing("grant_type=refresh_token"))
			.willReturn(aResponse().withStatus(400)
				.withHeader("Content-Type", "application/json")
				.withBody("{\"error\":\"invalid_grant\",\"error_description\":\"Token has been expired or revoked.\"}")));
		clock.advance(Duration.ofHours(2));
		assertThatThrownBy(() -> adapter(Provider.GOOGLE_MEET).createMeeting(id(), request("ae@customer.example")))
			.isInstanceOf(ProviderUnavailable.class)
			.hasMessageContaining("invalid_grant");
		disconnected(Provider.GOOGLE_MEET);
	}

	@Test
	void teamsIsConnectedAtMicrosoftAndCreatesMeetingsOnlyForTheUserWhoGrantedIt() { // issue 8, L1, L4, L5, E3
		String token = "/login/organizations/oauth2/v2.0/token";
		PROVIDERS.stubFor(post(urlPathEqualTo(token)).withRequestBody(containing("grant_type=authorization_code"))
			.withRequestBody(containing("client_secret=entra-app-secret"))
			.willReturn(json("""
					{"token_type":"Bearer","scope":"User.Read OnlineMeetings.ReadWrite","expires_in":4783,"ext_expires_in":4783,
					 "access_token":"eyJ0eXAiOiJKV1Qi.granted-1","refresh_token":"1.AXkA-ms-refresh-1"}""")));
		PROVIDERS.stubFor(post(urlPathEqualTo(token)).withRequestBody(containing("grant_type=refresh_token"))
			.withRequestBody(containing("refresh_token=1.AXkA-ms-refresh-1"))
			.willReturn(json("""
					{"token_type":"Bearer","scope":"User.Read OnlineMeetings.ReadWrite","expires_in":4783,"ext_expires_in":4783,
					 "access_token":"eyJ0eXAiOiJKV1Qi.refreshed-2","refresh_token":"1.AXkA-ms-refresh-2"}""")));
		PROVIDERS.stubFor(get(urlPathEqualTo("/graph/v1.0/me")).willReturn(json("""
				{"@odata.context":"https://graph.microsoft.com/v1.0/$metadata#users/$entity","businessPhones":[],
				 "displayName":"Ada Account-Executive","givenName":"Ada","jobTitle":"AE","mail":"ada@customer.example",
				 "userPrincipalName":"ada@customer.example","id":"87d349ed-44d7-43e1-9a83-5f2406dee5bd"}""")));
		PROVIDERS.stubFor(post(urlPathEqualTo("/graph/v1.0/me/onlineMeetings")).willReturn(json(201, """
				{"@odata.context":"https://graph.microsoft.com/v1.0/$metadata#users('87d349ed')/onlineMeetings/$entity",
				 "id":"MSpkYzE3Njc0Yy04MWQ5LTRhZGItYmZiMi04ZjZhNDQyMDdjMzAqMCoqMTk6bWVldGluZ19N",
				 "creationDateTime":"2026-12-03T07:00:00.6491364Z","subject":"Discovery call",
				 "joinWebUrl":"https://teams.microsoft.com/l/meetup-join/19%3ameeting_M2Iz%40thread.v2/0?context=%7b%22Tid%22%3a%2272f9%22%7d",
				 "audioConferencing":{"conferenceId":"9999999","tollNumber":"+12525634478","tollNumbers":["+12525634478"],
				   "tollFreeNumber":"+18666390588","tollFreeNumbers":["+18666390588"],
				   "dialinUrl":"https://dialin.teams.microsoft.com/22f12fa0-499f-435b-bc69-b8de580ba330?id=9999999"}}""")));

		String location = GrantSteps.authorize(admin, "microsoft-teams", PROXY);

		assertThat(location).startsWith(PROVIDERS.baseUrl() + "/login/organizations/oauth2/v2.0/authorize?");
		Map<String, String> query = GrantSteps.query(location);
		assertThat(query).containsEntry("client_id", "6731de76-14a6-49ae-97bc-6eba6914391e")
			.containsEntry("redirect_uri", PUBLIC + "/admin/integrations/oauth2/callback/microsoft-teams")
			.containsEntry("scope", "offline_access User.Read OnlineMeetings.ReadWrite")
			.containsKey("code_challenge");
		assertThat(GrantSteps.complete(admin, "microsoft-teams", "0.AXkA-ms-code", query.get("state"), PROXY))
			.contains("Microsoft Teams is connected.");

		JsonNode teams = company.get(api, "/api/v1/integrations/MICROSOFT_TEAMS");
		assertThat(teams.get("state").asString()).isEqualTo("CONNECTED");
		assertThat(teams.get("account").asString()).isEqualTo("ada@customer.example");
		assertThat(secrets()).doesNotContain("granted-1").doesNotContain("ms-refresh-1");

		// a delegated token creates meetings for the signed-in user only (POST /me/onlineMeetings)
		ProviderMeeting created = adapter(Provider.MICROSOFT_TEAMS).createMeeting(id(), request("Ada@customer.example"));
		assertThat(created.joinUrl()).startsWith("https://teams.microsoft.com/l/meetup-join/");
		assertThat(created.dialInNumbers()).extracting(ProviderMeeting.DialInNumber::number).containsExactly("+12525634478", "+18666390588");
		PROVIDERS.verify(postRequestedFor(urlPathEqualTo("/graph/v1.0/me/onlineMeetings"))
			.withHeader("Authorization", equalTo("Bearer eyJ0eXAiOiJKV1Qi.granted-1")));
		assertThatThrownBy(() -> adapter(Provider.MICROSOFT_TEAMS).createMeeting(id(), request("bob@customer.example")))
			.isInstanceOf(ProviderUnavailable.class)
			.hasMessageContaining("only for ada@customer.example")
			.hasMessageContaining("OnlineMeetings.ReadWrite.All");
		PROVIDERS.verify(0, postRequestedFor(urlPathMatching("/graph/v1.0/users/.*")));

		// refresh: the identity platform wants the scopes named again, and rotates the refresh token
		clock.advance(Duration.ofMinutes(80));
		adapter(Provider.MICROSOFT_TEAMS).createMeeting(id(), request("ada@customer.example"));
		PROVIDERS.verify(postRequestedFor(urlPathEqualTo(token)).withRequestBody(containing("grant_type=refresh_token"))
			.withRequestBody(containing("scope=offline_access")));
		PROVIDERS.verify(postRequestedFor(urlPathEqualTo("/graph/v1.0/me/onlineMeetings"))
			.withHeader("Authorization", equalTo("Bearer eyJ0eXAiOiJKV1Qi.refreshed-2")));
		assertThat(secrets()).doesNotContain("ms-refresh-2");

		// the user's sessions revoked in Entra: AADSTS50173 invalid_grant on the next refresh disconnects
		PROVIDERS.stubFor(post(urlPathEqualTo(token)).atPriority(1).withRequestBody(containing("refresh_token=1.AXkA-ms-refresh-2"))
			.willReturn(aResponse().withStatus(400)
				.withHeader("Content-Type", "application/json")
				.withBody("{\"error\":\"invalid_grant\",\"error_description\":\"AADSTS50173: The provided grant has expired due to "
						+ "it being revoked, a fresh auth token is needed.\",\"error_codes\":[50173],\"timestamp\":\"2026-12-03 09:00:00Z\"}")));
		clock.advance(Duration.ofMinutes(80));
		assertThatThrownBy(() -> adapter(Provider.MICROSOFT_TEAMS).createMeeting(id(), request("ada@customer.example")))
			.isInstanceOf(ProviderUnavailable.class);
		disconnected(Provider.MICROSOFT_TEAMS);
	}

	@Test
	void goToMeetingIsConnectedAtGoToAndItsOrganizerNamedByTheTokenAnswer() { // issue 8, L1, L4, L5, E3
		// GoTo's token endpoint: HTTP Basic client id:secret; its answer names the organizer (principal)
		PROVIDERS.stubFor(post(urlPathEqualTo("/goto/oauth/token")).withBasicAuth("a2094c4f-goto-client", "goto-client-secret")
			.withRequestBody(containing("grant_type=authorization_code"))
			.willReturn(json("""
					{"access_token":"eyJraWQiOiJvYXV0aHYyLmxtaS5jb20uMDIxOSIsImFsZyI6IlJTNTEyIn0.granted-1","token_type":"Bearer",
					 "refresh_token":"eyJraWQiOiJvYXV0aHYyLmxtaS5jb20uMDIxOSIsImFsZyI6IlJTNTEyIn0.goto-refresh-1",
					 "expires_in":3600,"scope":"collab:","principal":"organizer@customer.example"}""")));
		PROVIDERS.stubFor(post(urlPathEqualTo("/goto/oauth/token")).withBasicAuth("a2094c4f-goto-client", "goto-client-secret")
			.withRequestBody(containing("grant_type=refresh_token"))
			.withRequestBody(containing("goto-refresh-1"))
			.willReturn(json("""
					{"access_token":"eyJraWQiOiJvYXV0aHYyLmxtaS5jb20uMDIxOSIsImFsZyI6IlJTNTEyIn0.refreshed-2","token_type":"Bearer",
					 "refresh_token":"eyJraWQiOiJvYXV0aHYyLmxtaS5jb20uMDIxOSIsImFsZyI6IlJTNTEyIn0.goto-refresh-2",
					 "expires_in":3600,"scope":"collab:","principal":"organizer@customer.example"}""")));
		PROVIDERS.stubFor(get(urlPathEqualTo("/goto/G2M/rest/upcomingMeetings")).willReturn(json("[]")));
		PROVIDERS.stubFor(post(urlPathEqualTo("/goto/G2M/rest/meetings")).willReturn(json(201, """
				[{"joinURL":"https://global.gotomeeting.com/join/417153477","maxParticipants":250,"uniqueMeetingId":1103458229,
				  "conferenceCallInfo":"United States: +1 (571) 317-3122\\nAustralia: +61 2 8355 1050\\nAccess Code: 417-153-477",
				  "meetingid":417153477}]""")));

		String location = GrantSteps.authorize(admin, "gotomeeting", PROXY);

		assertThat(location).startsWith(PROVIDERS.baseUrl() + "/goto/oauth/authorize?");
		Map<String, String> query = GrantSteps.query(location);
		assertThat(query).containsEntry("client_id", "a2094c4f-goto-client")
			.containsEntry("redirect_uri", PUBLIC + "/admin/integrations/oauth2/callback/gotomeeting")
			.doesNotContainKey("scope");
		assertThat(GrantSteps.complete(admin, "gotomeeting", "goto-code-1", query.get("state"), PROXY))
			.contains("GoToMeeting is connected.");
		// the personal-link scan on connect (L2) is done before the test moves the clock
		await().atMost(Duration.ofSeconds(20))
			.until(() -> !PROVIDERS.findAll(getRequestedFor(urlPathEqualTo("/goto/G2M/rest/organizers"))).isEmpty());

		JsonNode goTo = company.get(api, "/api/v1/integrations/GOTOMEETING");
		assertThat(goTo.get("state").asString()).isEqualTo("CONNECTED");
		assertThat(goTo.get("account").asString()).isEqualTo("organizer@customer.example");
		PROVIDERS.verify(getRequestedFor(urlPathEqualTo("/goto/G2M/rest/upcomingMeetings"))
			.withHeader("Authorization", containing(".granted-1")));
		assertThat(secrets()).doesNotContain("granted-1").doesNotContain("goto-refresh-1");

		ProviderMeeting created = adapter(Provider.GOTOMEETING).createMeeting(id(), request("organizer@customer.example"));
		assertThat(created.joinUrl()).isEqualTo("https://global.gotomeeting.com/join/417153477");
		assertThat(created.dialInNumbers()).hasSize(2);
		PROVIDERS.verify(postRequestedFor(urlPathEqualTo("/goto/G2M/rest/meetings")).withHeader("Authorization",
				equalTo("Bearer eyJraWQiOiJvYXV0aHYyLmxtaS5jb20uMDIxOSIsImFsZyI6IlJTNTEyIn0.granted-1")));

		clock.advance(Duration.ofMinutes(59));
		adapter(Provider.GOTOMEETING).createMeeting(id(), request("organizer@customer.example"));
		PROVIDERS.verify(postRequestedFor(urlPathEqualTo("/goto/G2M/rest/meetings")).withHeader("Authorization",
				equalTo("Bearer eyJraWQiOiJvYXV0aHYyLmxtaS5jb20uMDIxOSIsImFsZyI6IlJTNTEyIn0.refreshed-2")));
		PROVIDERS.verify(postRequestedFor(urlPathEqualTo("/goto/oauth/token")).withRequestBody(containing("grant_type=refresh_token"))
			.withRequestBody(notContaining("scope=")));

		// the rotated refresh token is the one GoTo accepts next; the old one is refused (invalid_grant) → disconnected
		PROVIDERS.stubFor(post(urlPathEqualTo("/goto/oauth/token")).atPriority(1).withRequestBody(containing("goto-refresh-2"))
			.willReturn(aResponse().withStatus(400)
				.withHeader("Content-Type", "application/json")
				.withBody("{\"error\":\"invalid_grant\",\"error_description\":\"Refresh token is revoked\"}")));
		clock.advance(Duration.ofMinutes(59));
		assertThatThrownBy(() -> adapter(Provider.GOTOMEETING).createMeeting(id(), request("organizer@customer.example")))
			.isInstanceOf(ProviderUnavailable.class)
			.hasMessageContaining("refused to renew");
		disconnected(Provider.GOTOMEETING);
	}

	@Test
	void withoutTheProxysForwardedHeadersTheCallbackDoesNotMatchThePublicRedirectUrlAndNothingIsConnected() { // README
		PROVIDERS.stubFor(post(urlPathEqualTo("/goto/oauth/token")).willReturn(json("""
				{"access_token":"a","token_type":"Bearer","refresh_token":"r","expires_in":3600,"principal":"o@customer.example"}""")));
		String state = GrantSteps.query(GrantSteps.authorize(admin, "gotomeeting")).get("state");

		// the browser comes back to https://assent.example.test/…; without X-Forwarded-* Assent sees http://localhost:…
		assertThat(GrantSteps.complete(admin, "gotomeeting", "goto-code-1", state))
			.contains("does not belong to a sign-in started in this browser session");

		assertThat(company.get(api, "/api/v1/integrations/GOTOMEETING").get("state").asString()).isEqualTo("NOT_CONNECTED");
		PROVIDERS.verify(0, postRequestedFor(urlPathEqualTo("/goto/oauth/token")));
	}

	// --- helpers

	private void disconnected(Provider provider) {
		JsonNode state = company.get(api, "/api/v1/integrations/" + provider);
		assertThat(state.get("state").asString()).isEqualTo("DISCONNECTED");
		assertThat(state.get("reason").asString()).contains("invalid_grant", "Connect " + provider.displayName() + " again");
		assertThat(disconnections.of(id())).singleElement().satisfies(e -> assertThat(e.provider()).isEqualTo(provider));
	}

	private static ProviderMeetingRequest request(String host) {
		return new ProviderMeetingRequest("Discovery call", host, Instant.parse("2031-03-04T10:00:00Z"),
				Instant.parse("2031-03-04T10:30:00Z"), "Europe/Berlin", null);
	}

	private ProviderConnector adapter(Provider provider) {
		return connectors.stream().filter(c -> c.provider() == provider).findFirst().orElseThrow();
	}

	private String secrets() {
		return String.join("\n", jdbc.sql("select secrets from integrations.connections where company_id = ?::uuid")
			.param(company.id())
			.query(String.class)
			.list());
	}

	private UUID id() {
		return UUID.fromString(company.id());
	}

	private static ResponseDefinitionBuilder json(String body) {
		return json(200, body);
	}

	private static ResponseDefinitionBuilder json(int status, String body) {
		return aResponse().withStatus(status).withHeader("Content-Type", "application/json").withBody(body);
	}

}
