package dev.assent.integrations;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import com.github.tomakehurst.wiremock.WireMockServer;
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
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathTemplate;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

/**
 * Connecting Zoom and Webex by a tech admin's grant (issue 8: "OAuth through Spring Security's
 * OAuth2 client where a user grants access"; PRODUCT L1–L5, E3): the authorize redirect, the
 * callback with the code exchanged at the provider's token endpoint (WireMock, payloads shaped as
 * Zoom's and Webex's OAuth docs show them), tokens stored encrypted on the admin's own company,
 * refresh when the access token expires, a refused refresh disconnecting, and callbacks whose
 * state belongs to no sign-in of the session refused.
 */
@AssentIntegrationTest
@Import(IntegrationDisconnections.class)
class UserGrantIntegrationTests {

	static final WireMockServer PROVIDERS = new WireMockServer(WireMockConfiguration.options().dynamicPort());

	/** The secret token of the deployment's Zoom OAuth app's event subscription. */
	static final String ZOOM_APP_WEBHOOK_SECRET = "zoom-app-webhook-secret-7Qk2";

	static {
		PROVIDERS.start();
	}

	@DynamicPropertySource
	static void providers(DynamicPropertyRegistry registry) {
		registry.add("assent.providers.zoom.api-url", () -> PROVIDERS.baseUrl() + "/zoom/v2");
		registry.add("assent.providers.zoom.oauth-url", () -> PROVIDERS.baseUrl() + "/zoom");
		registry.add("assent.providers.zoom.client-id", () -> "zoom-app-id");
		registry.add("assent.providers.zoom.client-secret", () -> "zoom-app-secret");
		registry.add("assent.providers.zoom.read-timeout", () -> "30s");
		registry.add("assent.providers.zoom.webhook-secret-token", () -> ZOOM_APP_WEBHOOK_SECRET);
		registry.add("assent.providers.webex.api-url", () -> PROVIDERS.baseUrl() + "/webex/v1");
		registry.add("assent.providers.webex.oauth-url", () -> PROVIDERS.baseUrl() + "/webex/v1");
		registry.add("assent.providers.webex.client-id", () -> "webex-integration-id");
		registry.add("assent.providers.webex.client-secret", () -> "webex-integration-secret");
		registry.add("assent.providers.webex.read-timeout", () -> "30s");
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
		company = TestCompany.create(api, "grant");
		admin = techAdmin(company);
		// Zoom: POST /oauth/token (HTTP Basic client id:secret), authorization_code then refresh_token
		PROVIDERS.stubFor(post(urlPathEqualTo("/zoom/oauth/token")).withBasicAuth("zoom-app-id", "zoom-app-secret")
			.withRequestBody(containing("grant_type=authorization_code"))
			.withRequestBody(containing("code=zoom-code-1"))
			.willReturn(token("zoom-access-1", "zoom-refresh-1", "user:read:admin meeting:write:admin")));
		PROVIDERS.stubFor(post(urlPathEqualTo("/zoom/oauth/token")).withBasicAuth("zoom-app-id", "zoom-app-secret")
			.withRequestBody(containing("grant_type=refresh_token"))
			.withRequestBody(containing("refresh_token=zoom-refresh-1"))
			.willReturn(token("zoom-access-2", "zoom-refresh-2", "user:read:admin meeting:write:admin")));
		PROVIDERS.stubFor(get(urlPathEqualTo("/zoom/v2/users/me")).willReturn(json("""
				{"id":"KDcuGIm1QgePTO8WbOqwIQ","first_name":"Jill","last_name":"Chill","email":"jill@customer.example",
				 "type":2,"personal_meeting_url":"https://us05web.zoom.us/j/3542471135","account_id":"q6gBJVO5TzexKYTb_I2rpg"}""")));
		PROVIDERS.stubFor(get(urlPathTemplate("/zoom/v2/users/{userId}")).atPriority(10).willReturn(json("""
				{"id":"z8yAAAAA","email":"someone@customer.example","type":2,
				 "personal_meeting_url":"https://us05web.zoom.us/j/8881234567","account_id":"q6gBJVO5TzexKYTb_I2rpg"}""")));
		// Webex: POST /access_token with client_id and client_secret in the form body
		PROVIDERS.stubFor(post(urlPathEqualTo("/webex/v1/access_token"))
			.withRequestBody(containing("grant_type=authorization_code"))
			.withRequestBody(containing("client_secret=webex-integration-secret"))
			.willReturn(json("""
					{"access_token":"webex-access-1","expires_in":1209600,"refresh_token":"webex-refresh-1",
					 "refresh_token_expires_in":7776000}""")));
		PROVIDERS.stubFor(get(urlPathEqualTo("/webex/v1/people/me")).willReturn(json("""
				{"id":"Y2lzY29zcGFyazovL3VzL1BFT1BMRS9m","emails":["webex-admin@customer.example"],
				 "displayName":"Webex Admin","type":"person"}""")));
	}

	@AfterEach
	void resetClock() {
		clock.set(Instant.now());
	}

	@Test
	void aTechAdminConnectsZoomBySigningInThereAndTheTokensAreKeptEncrypted() { // issue 8, L2
		assertThat(company.get(api, "/api/v1/integrations/ZOOM").get("userGrant").asBoolean()).isTrue();
		assertThat(admin.get("/admin/integrations").body()).contains("Connect with Zoom", "Connect with Webex",
				"/admin/integrations/oauth2/authorize/zoom");

		Http.Response start = admin.get("/admin/integrations/oauth2/authorize/zoom");

		assertThat(start.status()).isEqualTo(302);
		String location = start.header("Location");
		assertThat(location).startsWith(PROVIDERS.baseUrl() + "/zoom/oauth/authorize?");
		Map<String, String> query = query(location);
		assertThat(query).containsEntry("response_type", "code")
			.containsEntry("client_id", "zoom-app-id")
			.containsEntry("redirect_uri", "http://localhost:" + port + "/admin/integrations/oauth2/callback/zoom")
			.containsEntry("scope", "user:read:admin meeting:write:admin")
			.containsEntry("code_challenge_method", "S256")
			.containsKey("code_challenge");
		assertThat(query.get("state")).hasSizeGreaterThan(20);

		String landed = complete(admin, "zoom", "zoom-code-1", query.get("state"));

		assertThat(landed).contains("Zoom is connected.");
		JsonNode zoom = company.get(api, "/api/v1/integrations/ZOOM");
		assertThat(zoom.get("state").asString()).isEqualTo("CONNECTED");
		assertThat(zoom.get("account").asString()).isEqualTo("q6gBJVO5TzexKYTb_I2rpg");
		PROVIDERS.verify(postRequestedFor(urlPathEqualTo("/zoom/oauth/token"))
			.withRequestBody(containing("redirect_uri=" + enc("http://localhost:" + port + "/admin/integrations/oauth2/callback/zoom")))
			.withRequestBody(containing("code_verifier=")));
		PROVIDERS.verify(getRequestedFor(urlPathEqualTo("/zoom/v2/users/me")).withHeader("Authorization", equalTo("Bearer zoom-access-1")));
		String stored = secrets(company);
		assertThat(stored).isNotBlank().doesNotContain("zoom-access-1").doesNotContain("zoom-refresh-1").doesNotContain("grant");
		// the granted token is what the adapter uses
		assertThat(zoomAdapter().personalLink(id(company), "someone@customer.example"))
			.contains("https://us05web.zoom.us/j/8881234567");
		PROVIDERS.verify(getRequestedFor(urlPathEqualTo("/zoom/v2/users/someone%40customer.example"))
			.withHeader("Authorization", equalTo("Bearer zoom-access-1")));
	}

	@Test
	void anExpiredAccessTokenIsRefreshedWithTheRefreshTokenAndTheRotatedOneKept() { // issue 8: token refresh
		connectZoom(admin);
		zoomAdapter().personalLink(id(company), "a@customer.example");
		assertThat(tokenRequests("grant_type=refresh_token")).isZero();

		clock.advance(Duration.ofMinutes(59));
		zoomAdapter().personalLink(id(company), "b@customer.example");

		assertThat(tokenRequests("grant_type=refresh_token")).isEqualTo(1);
		PROVIDERS.verify(getRequestedFor(urlPathEqualTo("/zoom/v2/users/b%40customer.example"))
			.withHeader("Authorization", equalTo("Bearer zoom-access-2")));
		assertThat(secrets(company)).doesNotContain("zoom-refresh-2");
		// the rotated refresh token is the one used next time
		PROVIDERS.stubFor(post(urlPathEqualTo("/zoom/oauth/token")).withRequestBody(containing("refresh_token=zoom-refresh-2"))
			.willReturn(token("zoom-access-3", "zoom-refresh-3", "user:read:admin")));
		clock.advance(Duration.ofMinutes(59));
		zoomAdapter().personalLink(id(company), "c@customer.example");
		PROVIDERS.verify(getRequestedFor(urlPathEqualTo("/zoom/v2/users/c%40customer.example"))
			.withHeader("Authorization", equalTo("Bearer zoom-access-3")));
	}

	@Test
	void aRefreshZoomRefusesWithInvalidGrantDisconnectsTheIntegration() { // issue 8, L5, E3
		connectZoom(admin);
		PROVIDERS.stubFor(post(urlPathEqualTo("/zoom/oauth/token")).atPriority(1)
			.withRequestBody(containing("grant_type=refresh_token"))
			.willReturn(aResponse().withStatus(400)
				.withHeader("Content-Type", "application/json")
				.withBody("{\"reason\":\"Invalid Token!\",\"error\":\"invalid_grant\"}")));
		clock.advance(Duration.ofHours(2));

		assertThatThrownBy(() -> zoomAdapter().personalLink(id(company), "a@customer.example"))
			.isInstanceOf(ProviderUnavailable.class)
			.hasMessageContaining("refused to renew");

		JsonNode zoom = company.get(api, "/api/v1/integrations/ZOOM");
		assertThat(zoom.get("state").asString()).isEqualTo("DISCONNECTED");
		assertThat(zoom.get("reason").asString()).contains("invalid_grant", "Connect Zoom again");
		assertThat(disconnections.of(id(company))).singleElement().satisfies(e -> assertThat(e.provider()).isEqualTo(Provider.ZOOM));
	}

	@Test
	void aRefreshAnsweredWith401DisconnectsButA503DoesNot() { // issue 8: 401 → disconnected
		connectZoom(admin);
		PROVIDERS.stubFor(post(urlPathEqualTo("/zoom/oauth/token")).atPriority(1)
			.withRequestBody(containing("grant_type=refresh_token"))
			.willReturn(aResponse().withStatus(503)));
		clock.advance(Duration.ofHours(2));
		assertThatThrownBy(() -> zoomAdapter().personalLink(id(company), "a@customer.example"))
			.isInstanceOf(ProviderUnavailable.class);
		assertThat(company.get(api, "/api/v1/integrations/ZOOM").get("state").asString()).isEqualTo("CONNECTED");

		PROVIDERS.stubFor(post(urlPathEqualTo("/zoom/oauth/token")).atPriority(1)
			.withRequestBody(containing("grant_type=refresh_token"))
			.willReturn(aResponse().withStatus(401)
				.withHeader("Content-Type", "application/json")
				.withBody("{\"reason\":\"Invalid client_id or client_secret\",\"error\":\"invalid_client\"}")));
		assertThatThrownBy(() -> zoomAdapter().personalLink(id(company), "a@customer.example"))
			.isInstanceOf(ProviderUnavailable.class);
		assertThat(company.get(api, "/api/v1/integrations/ZOOM").get("state").asString()).isEqualTo("DISCONNECTED");
		assertThat(disconnections.of(id(company))).hasSize(1);
	}

	@Test
	void aCallbackWhoseStateBelongsToNoSignInOfTheSessionIsRefused() { // issue 8: state checked
		Http.Response start = admin.get("/admin/integrations/oauth2/authorize/zoom");
		assertThat(start.status()).isEqualTo(302);

		Http.Response forged = admin.get("/admin/integrations/oauth2/callback/zoom?code=zoom-code-1&state=forged-state");

		assertThat(forged.status()).isEqualTo(302);
		assertThat(forged.header("Location")).endsWith("/admin/integrations");
		assertThat(admin.get("/admin/integrations").body()).contains("does not belong to a sign-in started in this browser session");
		assertThat(company.get(api, "/api/v1/integrations/ZOOM").get("state").asString()).isEqualTo("NOT_CONNECTED");
		assertThat(tokenRequests("grant_type=authorization_code")).isZero();
	}

	@Test
	void anotherCompanysAdminCannotCompleteThisCompanysGrant() { // issue 8, T1
		Http.Response start = admin.get("/admin/integrations/oauth2/authorize/zoom");
		String state = query(start.header("Location")).get("state");
		TestCompany other = TestCompany.create(api, "grant-other");
		Http otherAdmin = techAdmin(other);

		Http.Response stolen = otherAdmin.get("/admin/integrations/oauth2/callback/zoom?code=zoom-code-1&state=" + enc(state));

		assertThat(stolen.header("Location")).endsWith("/admin/integrations");
		assertThat(tokenRequests("grant_type=authorization_code")).isZero();
		assertThat(company.get(api, "/api/v1/integrations/ZOOM").get("state").asString()).isEqualTo("NOT_CONNECTED");
		assertThat(other.get(api, "/api/v1/integrations/ZOOM").get("state").asString()).isEqualTo("NOT_CONNECTED");
		// the admin who started it still completes it, for their own company only
		assertThat(complete(admin, "zoom", "zoom-code-1", state)).contains("Zoom is connected.");
		assertThat(company.get(api, "/api/v1/integrations/ZOOM").get("state").asString()).isEqualTo("CONNECTED");
		assertThat(other.get(api, "/api/v1/integrations/ZOOM").get("state").asString()).isEqualTo("NOT_CONNECTED");
	}

	@Test
	void onlySignedInTechAdminsAreSentToTheProvider() {
		Http anonymous = new Http(port);
		Http.Response r = anonymous.get("/admin/integrations/oauth2/authorize/zoom");
		assertThat(r.status()).isEqualTo(302);
		assertThat(r.header("Location")).endsWith("/login");

		String email = "rep@" + company.slug() + ".example";
		company.post(api, "/api/v1/members", Map.of("name", "Rep", "email", email, "role", "MEMBER", "recorded", true,
				"password", "rep-password-123456"));
		Http member = signIn(email, "rep-password-123456");
		assertThat(member.get("/admin/integrations/oauth2/authorize/zoom").status()).isEqualTo(403);
		assertThat(member.get("/admin/integrations/oauth2/callback/zoom?code=x&state=y").status()).isEqualTo(403);
	}

	@Test
	void aTechAdminConnectsWebexBySigningInThere() { // issue 8, L2
		Http.Response start = admin.get("/admin/integrations/oauth2/authorize/webex");
		String location = start.header("Location");
		assertThat(location).startsWith(PROVIDERS.baseUrl() + "/webex/v1/authorize?");
		Map<String, String> query = query(location);
		assertThat(query).containsEntry("client_id", "webex-integration-id")
			.containsEntry("redirect_uri", "http://localhost:" + port + "/admin/integrations/oauth2/callback/webex");
		assertThat(query.get("scope")).contains("spark:people_read", "meeting:schedules_write");

		assertThat(complete(admin, "webex", "webex-code-1", query.get("state"))).contains("Webex is connected.");

		JsonNode webex = company.get(api, "/api/v1/integrations/WEBEX");
		assertThat(webex.get("state").asString()).isEqualTo("CONNECTED");
		assertThat(webex.get("account").asString()).isEqualTo("webex-admin@customer.example");
		PROVIDERS.verify(postRequestedFor(urlPathEqualTo("/webex/v1/access_token"))
			.withRequestBody(containing("client_id=webex-integration-id"))
			.withRequestBody(containing("code=webex-code-1")));
		assertThat(secrets(company)).doesNotContain("webex-access-1").doesNotContain("webex-refresh-1");
	}

	// --- Zoom webhooks of companies connected by a grant (issue 8, L7)

	@Test
	void aGrantConnectedCompanysZoomWebhooksAreCheckedWithTheAppsSecretToken() { // issue 8, L7
		connectZoom(admin);
		String url = "/webhooks/zoom/" + company.id();
		String started = zoomEvent("meeting.started", "q6gBJVO5TzexKYTb_I2rpg", "{\"id\":\"85746065432\",\"uuid\":"
				+ "\"4444AAAiAAAAAiAiAiiAii==\",\"host_id\":\"z8yAAAAA\",\"topic\":\"Discovery call\",\"type\":2,"
				+ "\"start_time\":\"" + clock.instant().truncatedTo(java.time.temporal.ChronoUnit.SECONDS) + "\",\"duration\":30,"
				+ "\"timezone\":\"Europe/Berlin\"}");
		String now = String.valueOf(clock.instant().getEpochSecond());

		Http.Response good = zoomWebhook(url, started, now, sign(ZOOM_APP_WEBHOOK_SECRET, now, started));
		assertThat(good.status()).as(good.body()).isEqualTo(200);
		assertThat(good.json().get("status").asString()).isEqualTo("no matching call");

		assertThat(zoomWebhook(url, started, now, sign("another-secret", now, started)).status()).as("bad signature")
			.isEqualTo(401);
		assertThat(zoomWebhook(url, started.replace("Discovery", "Discovery "), now, sign(ZOOM_APP_WEBHOOK_SECRET, now, started))
			.status()).as("body changed after signing").isEqualTo(401);
		String stale = String.valueOf(clock.instant().minus(Duration.ofMinutes(6)).getEpochSecond());
		assertThat(zoomWebhook(url, started, stale, sign(ZOOM_APP_WEBHOOK_SECRET, stale, started)).status()).as("stale")
			.isEqualTo(401);
		assertThat(zoomWebhook(url, started, now, sign(ZOOM_APP_WEBHOOK_SECRET, now, started)).json().get("status").asString())
			.as("replayed").isEqualTo("duplicate ignored");

		String validation = "{\"payload\":{\"plainToken\":\"qgg8vlvZRS6UYooatFL8Aw\"},\"event_ts\":"
				+ clock.instant().toEpochMilli() + ",\"event\":\"endpoint.url_validation\"}";
		Http.Response challenge = zoomWebhook(url, validation, now, sign(ZOOM_APP_WEBHOOK_SECRET, now, validation));
		assertThat(challenge.status()).isEqualTo(200);
		assertThat(challenge.json().get("plainToken").asString()).isEqualTo("qgg8vlvZRS6UYooatFL8Aw");
		assertThat(challenge.json().get("encryptedToken").asString())
			.isEqualTo(hmacSha256(ZOOM_APP_WEBHOOK_SECRET, "qgg8vlvZRS6UYooatFL8Aw"));

		// another Zoom account's event, genuinely signed with the app's token, does not count for this company
		String foreign = zoomEvent("meeting.ended", "account-of-someone-else", "{\"id\":\"85746065432\"}");
		assertThat(zoomWebhook(url, foreign, now, sign(ZOOM_APP_WEBHOOK_SECRET, now, foreign)).status()).isEqualTo(403);

		// a company that never connected Zoom has no secret to check with
		TestCompany other = TestCompany.create(api, "grant-none");
		assertThat(zoomWebhook("/webhooks/zoom/" + other.id(), started, now, sign(ZOOM_APP_WEBHOOK_SECRET, now, started))
			.status()).isEqualTo(404);
	}

	@Test
	void theAppsOneEndpointHandsEachEventToTheCompaniesThatGrantedThatZoomAccount() { // issue 8, L5, L7
		PROVIDERS.stubFor(get(urlPathEqualTo("/zoom/v2/users/me")).atPriority(1).willReturn(json("""
				{"id":"KDcuGIm1QgePTO8WbOqwIQ","email":"jill@customer.example","account_id":"account-A-1"}""")));
		connectZoom(admin);
		TestCompany second = TestCompany.create(api, "grant-second");
		PROVIDERS.stubFor(get(urlPathEqualTo("/zoom/v2/users/me")).atPriority(1).willReturn(json("""
				{"id":"Zx9","email":"bob@other.example","account_id":"account-B-2"}""")));
		connectZoom(techAdmin(second));
		String deauthorized = zoomEvent("app_deauthorized", "account-A-1", null);
		String now = String.valueOf(clock.instant().getEpochSecond());

		assertThat(zoomWebhook("/webhooks/zoom", deauthorized, now, sign("another-secret", now, deauthorized)).status())
			.isEqualTo(401);
		assertThat(company.get(api, "/api/v1/integrations/ZOOM").get("state").asString()).isEqualTo("CONNECTED");

		Http.Response handled = zoomWebhook("/webhooks/zoom", deauthorized, now, sign(ZOOM_APP_WEBHOOK_SECRET, now, deauthorized));

		assertThat(handled.status()).as(handled.body()).isEqualTo(200);
		assertThat(handled.json().get("companies").asInt()).isEqualTo(1);
		JsonNode zoom = company.get(api, "/api/v1/integrations/ZOOM");
		assertThat(zoom.get("state").asString()).isEqualTo("DISCONNECTED");
		assertThat(zoom.get("reason").asString()).contains("app_deauthorized");
		assertThat(disconnections.of(id(company))).hasSize(1);
		assertThat(second.get(api, "/api/v1/integrations/ZOOM").get("state").asString()).isEqualTo("CONNECTED");

		String unknown = zoomEvent("meeting.started", "account-nobody", "{\"id\":\"1\"}");
		assertThat(zoomWebhook("/webhooks/zoom", unknown, now, sign(ZOOM_APP_WEBHOOK_SECRET, now, unknown)).json().get("status")
			.asString()).isEqualTo("no company connected to this Zoom account");
	}

	/** An event notification as Zoom's docs show it: {@code event}, {@code event_ts} (ms), {@code payload.account_id}, {@code payload.object}. */
	private String zoomEvent(String type, String accountId, @org.jspecify.annotations.Nullable String object) {
		return "{\"event\":\"" + type + "\",\"event_ts\":" + clock.instant().toEpochMilli() + ",\"payload\":{\"account_id\":\""
				+ accountId + "\"" + (object == null ? ",\"user_id\":\"z8yAAAAA\",\"client_id\":\"zoom-app-id\","
						+ "\"deauthorization_time\":\"" + clock.instant() + "\"" : ",\"object\":" + object) + "}}";
	}

	private Http.Response zoomWebhook(String path, String body, String timestamp, String signature) {
		return api.post(path, "application/json", body, "x-zm-request-timestamp", timestamp, "x-zm-signature", signature);
	}

	/** {@code v0=HMAC-SHA256(secret, "v0:{timestamp}:{body}")} in hex, as Zoom signs. */
	private static String sign(String secret, String timestamp, String body) {
		return "v0=" + hmacSha256(secret, "v0:" + timestamp + ":" + body);
	}

	private static String hmacSha256(String secret, String message) {
		try {
			javax.crypto.Mac mac = javax.crypto.Mac.getInstance("HmacSHA256");
			mac.init(new javax.crypto.spec.SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
			return java.util.HexFormat.of().formatHex(mac.doFinal(message.getBytes(StandardCharsets.UTF_8)));
		}
		catch (java.security.GeneralSecurityException ex) {
			throw new IllegalStateException(ex);
		}
	}

	// --- helpers

	private void connectZoom(Http admin) {
		String state = query(admin.get("/admin/integrations/oauth2/authorize/zoom").header("Location")).get("state");
		assertThat(complete(admin, "zoom", "zoom-code-1", state)).contains("Zoom is connected.");
		// the personal-link scan on connect (L2) is done before the test moves the clock
		await().atMost(Duration.ofSeconds(20))
			.until(() -> PROVIDERS.getAllServeEvents()
				.stream()
				.anyMatch(e -> e.getRequest().getUrl().startsWith("/zoom/v2/users/tech-")));
	}

	private String complete(Http admin, String registrationId, String code, String state) {
		return GrantSteps.complete(admin, registrationId, code, state);
	}

	private Http techAdmin(TestCompany c) {
		return c.techAdmin(api, port);
	}

	private Http signIn(String email, String password) {
		return Http.signedIn(port, email, password);
	}

	private ProviderConnector zoomAdapter() {
		return connectors.stream().filter(c -> c.provider() == Provider.ZOOM).findFirst().orElseThrow();
	}

	private String secrets(TestCompany c) {
		return String.join("\n", jdbc.sql("select secrets from integrations.connections where company_id = ?::uuid")
			.param(c.id())
			.query(String.class)
			.list());
	}

	private static long tokenRequests(String grantType) {
		return PROVIDERS.getAllServeEvents()
			.stream()
			.filter(e -> e.getRequest().getUrl().endsWith("/oauth/token") || e.getRequest().getUrl().endsWith("/access_token"))
			.filter(e -> e.getRequest().getBodyAsString().contains(grantType))
			.count();
	}

	private static Map<String, String> query(String url) {
		return GrantSteps.query(url);
	}

	private static UUID id(TestCompany c) {
		return UUID.fromString(c.id());
	}

	private static String enc(String s) {
		return GrantSteps.enc(s);
	}

	private static com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder token(String access, String refresh,
			String scope) {
		return json("{\"access_token\":\"" + access + "\",\"token_type\":\"bearer\",\"refresh_token\":\"" + refresh
				+ "\",\"expires_in\":3599,\"scope\":\"" + scope + "\"}");
	}

	private static com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder json(String body) {
		return aResponse().withStatus(200).withHeader("Content-Type", "application/json").withBody(body);
	}

}
