package dev.assent.recording;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.core.WireMockConfiguration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import dev.assent.support.AssentIntegrationTest;
import dev.assent.support.Http;
import dev.assent.support.MutableClock;
import dev.assent.support.TestCompany;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.deleteRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.notMatching;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathMatching;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Assent with Recall.ai as its recorder (served by WireMock with the shapes of Recall.ai's docs):
 * an opt-out while the bot is still joining. Recall.ai refuses leave_call then, and answers the same
 * idempotency key with that cached refusal ever after; the STOP must be retried with a fresh key
 * until the bot leaves (issue 7, PRODUCT D4).
 */
@AssentIntegrationTest
class RecallStopIntegrationTests {

	static final WireMockServer recall = new WireMockServer(
			WireMockConfiguration.options().dynamicPort().globalTemplating(true));

	static {
		recall.start();
		recall.stubFor(post(urlEqualTo("/api/v1/bot/")).willReturn(aResponse().withStatus(201)
			.withHeader("Content-Type", "application/json")
			.withBody("{\"id\":\"recall-{{jsonPath request.body '$.metadata.assent_call_id'}}\",\"status_changes\":[]}")));
	}

	@DynamicPropertySource
	static void recallRecorder(DynamicPropertyRegistry registry) {
		registry.add("assent.recorder.kind", () -> "RECALL");
		registry.add("assent.recorder.url", () -> "http://localhost:" + recall.port());
		registry.add("assent.recorder.api-key", () -> "recall-api-key");
		registry.add("assent.recorder.redeliver-every", () -> "2s");
	}

	@AfterAll
	static void stop() {
		recall.stop();
	}

	@LocalServerPort
	int port;

	@Autowired
	MutableClock clock;

	@Autowired
	JdbcClient jdbc;

	@Autowired
	RecorderWebhooks webhooks;

	@Autowired
	dev.assent.consentpage.Withdrawals withdrawals;

	/** Waits until Recall.ai made the call's bot (the stub names it after the call) and Assent stored its id. */
	private String awaitRecallBot(String callId) {
		String bot = "recall-" + callId;
		await().atMost(Duration.ofSeconds(15))
			.until(() -> jdbc.sql("select bot_id from recording.sessions where call_id = ?::uuid")
				.param(callId)
				.query(String.class)
				.optional()
				.filter(bot::equals)
				.isPresent());
		return bot;
	}

	@Test
	void anOptOutWhileTheBotJoinsStopsItOnceRecallTakesTheLeaveCall() {
		Http http = new Http(port);
		TestCompany c = TestCompany.create(http, "recall");
		c.member(http, "Rea Recall", "rea", "https://zoom.us/j/7100001");
		Instant start = clock.instant().plus(1, ChronoUnit.MINUTES).truncatedTo(ChronoUnit.MINUTES);
		String callId = Recordings.schedule(http, c, "rea", "Demo", start, Duration.ofMinutes(60), null,
				Map.of("buyer@client.example", "Bea Buyer")).get(0);
		String bot = awaitRecallBot(callId);

		// The bot is joining: Recall.ai refuses leave_call, and answers that key with its cached 400
		// ever after (only a new key is a new request); Retrieve Bot says "joining_call".
		String leave = "/api/v1/bot/" + bot + "/leave_call/";
		recall.stubFor(post(urlEqualTo(leave)).atPriority(1)
			.withHeader("Idempotency-Key", notMatching(".*-retry-1"))
			.willReturn(aResponse().withStatus(400).withBody("{\"detail\":\"Bot is not in the call yet.\"}")));
		recall.stubFor(post(urlEqualTo(leave)).atPriority(5)
			.willReturn(aResponse().withStatus(200).withHeader("Content-Type", "application/json").withBody("{}")));
		recall.stubFor(get(urlPathMatching("/api/v1/bot/" + bot + "/")).willReturn(aResponse().withStatus(200)
			.withHeader("Content-Type", "application/json")
			.withBody("{\"id\":\"" + bot + "\",\"status_changes\":[{\"code\":\"ready\",\"created_at\":\"" + start
					+ "\"},{\"code\":\"joining_call\",\"created_at\":\"" + start + "\"}]}")));

		clock.set(start.plusSeconds(20));
		Recordings.optOut(http, c.slug(), "rea");

		await().atMost(Duration.ofSeconds(15))
			.until(() -> jdbc.sql("select status from recording.commands where call_id = ?::uuid and kind = 'STOP'")
				.param(callId)
				.query(String.class)
				.optional()
				.orElse(""), "SENT"::equals);
		List<String> keys = recall.findAll(postRequestedFor(urlEqualTo(leave)))
			.stream()
			.map(r -> r.getHeader("Idempotency-Key"))
			.toList();
		assertThat(keys).hasSize(2);
		assertThat(keys.get(1)).isEqualTo(keys.get(0) + "-retry-1");
		// The joining bot was not deleted (Recall.ai deletes only scheduled bots; its recording is the customer's).
		recall.verify(0, deleteRequestedFor(urlEqualTo("/api/v1/bot/" + bot + "/")));
	}

	@Test
	void aDeleteMediaRetriedAfterATransientRefusalCarriesAFreshIdempotencyKey() { // X2, issue 12
		Http http = new Http(port);
		TestCompany c = TestCompany.create(http, "recalldel");
		String member = c.member(http, "Del Recall", "del", "https://zoom.us/j/7100004").get("id").asString();
		Instant start = clock.instant().plus(1, ChronoUnit.MINUTES).truncatedTo(ChronoUnit.MINUTES);
		String callId = Recordings.schedule(http, c, "del", "Demo", start, Duration.ofMinutes(60), null,
				Map.of("buyer@client.example", "Bea Buyer")).get(0);
		String bot = awaitRecallBot(callId);
		Instant end = start.plus(Duration.ofMinutes(60));
		clock.set(end);
		UUID call = UUID.fromString(callId);
		for (String type : List.of("recording.started", "recording.stopped", "call.ended")) {
			webhooks.handle("recall", new dev.assent.recording.spi.RecorderEvent("evt-" + UUID.randomUUID(), type,
					type.equals("recording.started") ? start : end, call, bot, null, null, null));
		}
		await().atMost(Duration.ofSeconds(10)).until(() -> "RECORDED".equals(Recordings.status(http, c, callId)));
		// Recall.ai is rate limiting: its 429 is cached under the key, and replayed to anyone who reuses it.
		String deleteMedia = "/api/v1/bot/" + bot + "/delete_media/";
		recall.stubFor(post(urlEqualTo(deleteMedia)).atPriority(1)
			.withHeader("Idempotency-Key", notMatching(".*-retry-.*"))
			.willReturn(aResponse().withStatus(429).withBody("{\"detail\":\"Too many requests\"}")));
		recall.stubFor(post(urlEqualTo(deleteMedia)).atPriority(5)
			.willReturn(aResponse().withStatus(200).withHeader("Content-Type", "application/json").withBody("{}")));
		clock.set(end.plus(Duration.ofHours(1)));
		String link = withdrawals.withdrawalLink(UUID.fromString(c.id()), UUID.fromString(member), call,
				"buyer@client.example", "");

		assertThat(http.form(link, Map.of()).status()).isEqualTo(200);

		await().atMost(Duration.ofSeconds(15)).until(() -> !recall.findAll(postRequestedFor(urlEqualTo(deleteMedia))).isEmpty());
		clock.advance(Duration.ofSeconds(30)); // the failed delivery is old enough to be delivered again
		await().atMost(Duration.ofSeconds(30))
			.until(() -> jdbc.sql("select recorder_told_at from recording.deletion_requests where call_id = ?::uuid")
				.param(callId)
				.query(java.sql.Timestamp.class)
				.optional()
				.isPresent());
		List<String> keys = recall.findAll(postRequestedFor(urlEqualTo(deleteMedia)))
			.stream()
			.map(r -> r.getHeader("Idempotency-Key"))
			.toList();
		assertThat(keys).hasSize(2);
		assertThat(keys.get(1)).isEqualTo(keys.get(0) + "-retry-1");
		assertThat(jdbc.sql("select attempts from recording.deletion_requests where call_id = ?::uuid")
			.param(callId)
			.query(Integer.class)
			.single()).isEqualTo(2);
	}

}
