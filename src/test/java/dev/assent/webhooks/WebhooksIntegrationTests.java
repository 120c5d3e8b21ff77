package dev.assent.webhooks;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.core.WireMockConfiguration;
import com.github.tomakehurst.wiremock.stubbing.Scenario;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.test.context.TestPropertySource;
import org.springframework.transaction.support.TransactionTemplate;

import dev.assent.consentpage.ConsentGranted;
import dev.assent.consentpage.ConsentsGranted;
import dev.assent.consentpage.ConsentWithdrawn;
import dev.assent.consentpage.Outcome;
import dev.assent.support.AssentIntegrationTest;
import dev.assent.support.Http;
import dev.assent.support.TestCompany;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** Signed outbound consent webhooks through a durable outbox (PRODUCT J3), received by WireMock on loopback. */
@AssentIntegrationTest
@TestPropertySource(properties = { "assent.webhooks.allow-private-targets=true", "assent.webhooks.retry-base=500ms" })
class WebhooksIntegrationTests {

	static WireMockServer receiver;

	@LocalServerPort
	int port;

	@Autowired
	ApplicationEventPublisher events;

	@Autowired
	TransactionTemplate transactions;

	Http http;

	TestCompany company;

	@BeforeAll
	static void startReceiver() {
		receiver = new WireMockServer(WireMockConfiguration.options().dynamicPort());
		receiver.start();
	}

	@AfterAll
	static void stopReceiver() {
		receiver.stop();
	}

	@BeforeEach
	void setUp() {
		receiver.resetAll();
		http = new Http(port);
		company = TestCompany.create(http, "hooks");
	}

	@Test
	void aReceiverVerifiesTheStandardWebhooksSignature() throws Exception {
		receiver.stubFor(post(urlEqualTo("/signed")).willReturn(aResponse().withStatus(204)));
		JsonNode subscription = subscribe("/signed");
		String secret = subscription.get("secret").asString();
		assertThat(secret).startsWith("whsec_");
		UUID decision = UUID.randomUUID();

		decide(decision);

		await().atMost(Duration.ofSeconds(20)).until(() -> !receiver.findAll(postRequestedFor(urlEqualTo("/signed"))).isEmpty());
		LoggedRequest request = receiver.findAll(postRequestedFor(urlEqualTo("/signed"))).get(0);
		String id = request.getHeader("webhook-id");
		String timestamp = request.getHeader("webhook-timestamp");
		String body = request.getBodyAsString();
		assertThat(request.getHeader("webhook-signature")).isEqualTo("v1," + hmac(secret, id + "." + timestamp + "." + body));
		assertThat(Math.abs(Long.parseLong(timestamp) - Instant.now().getEpochSecond())).isLessThan(600);
		JsonNode payload = JsonMapper.builder().build().readTree(body);
		assertThat(payload.get("type").asString()).isEqualTo("consent.decided");
		assertThat(payload.get("data").get("decisionId").asString()).isEqualTo(decision.toString());
		assertThat(payload.get("data").get("choice").asString()).isEqualTo("RECORD");
	}

	@Test
	void aReceiverThatIsDownGetsTheEventLaterAndOnce() {
		receiver.stubFor(post(urlEqualTo("/flaky")).inScenario("down").whenScenarioStateIs(Scenario.STARTED)
			.willReturn(aResponse().withStatus(503)).willSetStateTo("second"));
		receiver.stubFor(post(urlEqualTo("/flaky")).inScenario("down").whenScenarioStateIs("second")
			.willReturn(aResponse().withStatus(500)).willSetStateTo("up"));
		receiver.stubFor(post(urlEqualTo("/flaky")).inScenario("down").whenScenarioStateIs("up")
			.willReturn(aResponse().withStatus(200)));
		String subscription = subscribe("/flaky").get("id").asString();
		UUID decision = UUID.randomUUID();

		decide(decision);
		decide(decision); // the same event delivered again (at-least-once) queues nothing new

		String log = "/api/v1/webhooks/" + subscription + "/deliveries";
		await().atMost(Duration.ofSeconds(30))
			.until(() -> company.get(http, log).get("items").get(0).get("status").asString().equals("DELIVERED"));
		JsonNode delivery = company.get(http, log).get("items").get(0);
		assertThat(company.get(http, log).get("items")).hasSize(1);
		assertThat(delivery.get("attempts").asInt()).isEqualTo(3);
		assertThat(delivery.get("lastStatus").asInt()).isEqualTo(200);
		List<LoggedRequest> requests = receiver.findAll(postRequestedFor(urlEqualTo("/flaky")));
		assertThat(requests).hasSize(3);
		assertThat(requests).extracting(r -> r.getHeader("webhook-id")).containsOnly(delivery.get("id").asString());
		await().during(Duration.ofSeconds(2)).atMost(Duration.ofSeconds(5))
			.until(() -> receiver.findAll(postRequestedFor(urlEqualTo("/flaky"))).size() == 3);
	}

	@Test
	void aWithdrawalIsSentAsConsentWithdrawnToItsSubscribersOnly() {
		receiver.stubFor(post(urlEqualTo("/withdrawn")).willReturn(aResponse().withStatus(204)));
		receiver.stubFor(post(urlEqualTo("/decided-only")).willReturn(aResponse().withStatus(204)));
		company.post(http, "/api/v1/webhooks",
				Map.of("url", receiver.baseUrl() + "/withdrawn", "events", List.of("consent.withdrawn")));
		subscribe("/decided-only");
		UUID withdrawal = UUID.randomUUID();
		UUID earlier = UUID.randomUUID();
		UUID companyId = UUID.fromString(company.id());

		transactions.executeWithoutResult(tx -> events.publishEvent(new ConsentWithdrawn(withdrawal, companyId,
				UUID.randomUUID(), null, "participant-9", earlier, "PAGE", Instant.now())));

		await().atMost(Duration.ofSeconds(20))
			.until(() -> !receiver.findAll(postRequestedFor(urlEqualTo("/withdrawn"))).isEmpty());
		JsonNode payload = JsonMapper.builder().build()
			.readTree(receiver.findAll(postRequestedFor(urlEqualTo("/withdrawn"))).get(0).getBodyAsString());
		assertThat(payload.get("type").asString()).isEqualTo("consent.withdrawn");
		assertThat(payload.get("data").get("decisionId").asString()).isEqualTo(withdrawal.toString());
		assertThat(payload.get("data").get("withdrawnDecisionId").asString()).isEqualTo(earlier.toString());
		assertThat(receiver.findAll(postRequestedFor(urlEqualTo("/decided-only")))).isEmpty();
	}

	@Test
	void subscriptionsBelongToTheirCompanyAndAskForKnownEvents() {
		String id = subscribe("/mine").get("id").asString();
		TestCompany other = TestCompany.create(http, "hooks-other");
		assertThat(http.get("/api/v1/webhooks/" + id, other.apiToken()).status()).isEqualTo(404);
		assertThat(http.get("/api/v1/webhooks", other.apiToken()).json().get("items")).isEmpty();
		assertThat(http.delete("/api/v1/webhooks/" + id, other.apiToken()).status()).isEqualTo(404);
		Http.Response unknown = http.json("POST", "/api/v1/webhooks", company.apiToken(),
				Map.of("url", receiver.baseUrl() + "/x", "events", List.of("consent.exploded")));
		assertThat(unknown.status()).isEqualTo(400);
		Http.Response none = http.json("POST", "/api/v1/webhooks", company.apiToken(),
				Map.of("url", receiver.baseUrl() + "/x", "events", List.of()));
		assertThat(none.status()).isEqualTo(400);
		assertThat(company.get(http, "/api/v1/webhooks").get("items").get(0).has("secret")).isFalse();
	}

	/**
	 * Events go to the subscriptions of the moment (PRODUCT J3): a subscription added after events were
	 * queued gets the next one, and one removed gets nothing more — also where the subscriptions are
	 * kept between events (issue 7).
	 */
	@Test
	void eventsGoToTheSubscriptionsOfTheMomentAfterSubscribingAndUnsubscribing() {
		receiver.stubFor(post(urlEqualTo("/first")).willReturn(aResponse().withStatus(204)));
		receiver.stubFor(post(urlEqualTo("/second")).willReturn(aResponse().withStatus(204)));
		String first = subscribe("/first").get("id").asString();
		decide(UUID.randomUUID());
		await().atMost(Duration.ofSeconds(20)).until(() -> receiver.findAll(postRequestedFor(urlEqualTo("/first"))).size() == 1);

		subscribe("/second");
		decide(UUID.randomUUID());
		await().atMost(Duration.ofSeconds(20)).until(() -> receiver.findAll(postRequestedFor(urlEqualTo("/first"))).size() == 2
				&& receiver.findAll(postRequestedFor(urlEqualTo("/second"))).size() == 1);

		assertThat(http.delete("/api/v1/webhooks/" + first, company.apiToken()).status()).isEqualTo(204);
		decide(UUID.randomUUID());
		await().atMost(Duration.ofSeconds(20)).until(() -> receiver.findAll(postRequestedFor(urlEqualTo("/second"))).size() == 2);
		await().during(Duration.ofSeconds(1)).atMost(Duration.ofSeconds(3))
			.until(() -> receiver.findAll(postRequestedFor(urlEqualTo("/first"))).size() == 2);
	}

	private JsonNode subscribe(String path) {
		return company.post(http, "/api/v1/webhooks",
				Map.of("url", receiver.baseUrl() + path, "events", List.of("consent.decided", "call.skipped")));
	}

	private void decide(UUID decision) {
		UUID companyId = UUID.fromString(company.id());
		transactions.executeWithoutResult(tx -> events.publishEvent(new ConsentsGranted(List.of(new ConsentGranted(decision,
				companyId, UUID.randomUUID(), null, "participant-1", Outcome.values()[0], Instant.now())))));
	}

	private static String hmac(String secret, String content) throws Exception {
		Mac mac = Mac.getInstance("HmacSHA256");
		mac.init(new SecretKeySpec(Base64.getDecoder().decode(secret.substring(6)), "HmacSHA256"));
		return Base64.getEncoder().encodeToString(mac.doFinal(content.getBytes(StandardCharsets.UTF_8)));
	}

}
