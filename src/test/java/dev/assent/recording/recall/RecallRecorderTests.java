package dev.assent.recording.recall;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.core.WireMockConfiguration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.mockito.ArgumentCaptor;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.core.io.ClassPathResource;
import org.springframework.http.ResponseEntity;

import dev.assent.recording.spi.RecorderClient;
import dev.assent.recording.spi.RecorderEvent;
import dev.assent.recording.spi.RecorderEvents;
import dev.assent.recording.spi.RecorderHttp;
import dev.assent.recording.spi.RecorderSettings;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.delete;
import static com.github.tomakehurst.wiremock.client.WireMock.deleteRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.matching;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.eq;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.when;

/**
 * The Recall.ai adapter against WireMock, with requests and webhooks shaped as Recall.ai's public
 * docs show them (fixtures in {@code src/test/resources/recording/recall/}).
 */
class RecallRecorderTests {

	static final JsonMapper JSON = JsonMapper.builder().build();

	static final String BOT = "8e3f3c2a-6d1b-4b43-9b2f-0c0f6a1d2e7b";

	static final String SECRET = "whsec_" + Base64.getEncoder().encodeToString("recall-test-secret-0123456789".getBytes());

	WireMockServer recall;

	RecallRecorderClient client;

	final Instant now = Instant.parse("2030-03-12T08:00:30Z");

	final Clock clock = Clock.fixed(now, ZoneOffset.UTC);

	@BeforeEach
	void start() {
		recall = new WireMockServer(WireMockConfiguration.options().dynamicPort());
		recall.start();
		// Generous timeouts: a busy machine must not turn WireMock's answers into timeouts.
		client = client(Duration.ofSeconds(10));
	}

	private RecallRecorderClient client(Duration readTimeout) {
		return new RecallRecorderClient(RecorderHttp.restClient(Duration.ofSeconds(5), readTimeout),
				"http://localhost:" + recall.port(), "recall-api-key", "Assent Notetaker");
	}

	@AfterEach
	void stop() {
		recall.stop();
	}

	static String fixture(String name) throws IOException {
		return new ClassPathResource("recording/recall/" + name).getContentAsString(StandardCharsets.UTF_8);
	}

	@Test
	void createsABotWithTheDocumentedFieldsAndReturnsItsId() throws IOException {
		String callId = UUID.randomUUID().toString();
		recall.stubFor(post(urlEqualTo("/api/v1/bot/")).willReturn(aResponse().withStatus(201)
			.withHeader("Content-Type", "application/json")
			.withBody(fixture("create-bot-response.json").replace("CALL_ID", callId))));
		String order = JSON.writeValueAsString(Map.of("callId", callId, "joinUrl",
				"https://us02web.zoom.us/j/81234567890", "joinAt", "2030-03-12T08:00:00Z", "plannedEnd",
				"2030-03-12T08:30:00Z", "audioPrompt",
				Map.of("id", "classic", "text", "This call is recorded.", "audioUrl", "http://a/x.wav")));

		assertThat(client.createBot(order, "assent-key-1")).isEqualTo(BOT);

		recall.verify(postRequestedFor(urlEqualTo("/api/v1/bot/")).withHeader("Authorization", equalTo("Token recall-api-key"))
			.withHeader("Idempotency-Key", equalTo("assent-key-1")));
		JsonNode sent = JSON.readTree(recall.getAllServeEvents().get(0).getRequest().getBodyAsString());
		assertThat(sent.get("meeting_url").asString()).isEqualTo("https://us02web.zoom.us/j/81234567890");
		assertThat(sent.get("join_at").asString()).isEqualTo("2030-03-12T08:00:00Z");
		assertThat(sent.get("bot_name").asString()).isEqualTo("Assent Notetaker");
		assertThat(sent.get("metadata").get("assent_call_id").asString()).isEqualTo(callId);
		// Recall.ai plays MP3 only; the WAV prompts are not sent (see the adapter's notes).
		assertThat(sent.has("automatic_audio_output")).isFalse();
	}

	@Test
	void stopsABotByLeavingTheCallOrDeletingItBeforeItJoined() {
		recall.stubFor(post(urlEqualTo("/api/v1/bot/" + BOT + "/leave_call/")).willReturn(aResponse().withStatus(200)
			.withHeader("Content-Type", "application/json")
			.withBody("{\"id\":\"" + BOT + "\"}")));
		client.stopBot(BOT, "{\"reason\":\"PARTICIPANT_OPTED_OUT\"}", "assent-key-2", 0);
		recall.verify(postRequestedFor(urlEqualTo("/api/v1/bot/" + BOT + "/leave_call/"))
			.withHeader("Authorization", equalTo("Token recall-api-key"))
			.withHeader("Idempotency-Key", equalTo("assent-key-2")));

		// Not in a call yet: Retrieve Bot says "ready", so the bot is deleted (unscheduled).
		String scheduled = "0b7a1c52-3f0e-4c1e-9d55-1f2e3d4c5b6a";
		refuseLeaveCall(scheduled, ".*");
		botIs(scheduled, "ready");
		recall.stubFor(delete(urlEqualTo("/api/v1/bot/" + scheduled + "/")).willReturn(aResponse().withStatus(204)));
		client.stopBot(scheduled, "{\"reason\":\"PARTICIPANT_OPTED_OUT\"}", "assent-key-3", 0);
		recall.verify(deleteRequestedFor(urlEqualTo("/api/v1/bot/" + scheduled + "/")));
	}

	/** Issue 7: Recall.ai replays a refused key's cached 4xx, so a retry needs a fresh key. */
	@Test
	void aLeaveCallRefusedWhileTheBotJoinsIsRetriedWithAFreshIdempotencyKey() {
		// Recall.ai's idempotency cache: the first key keeps its refusal; any other key is a new request.
		refuseLeaveCall(BOT, "assent-key-4");
		recall.stubFor(post(urlEqualTo("/api/v1/bot/" + BOT + "/leave_call/")).atPriority(5)
			.willReturn(aResponse().withStatus(200).withHeader("Content-Type", "application/json").withBody("{}")));
		botIs(BOT, "joining_call");

		assertThatThrownBy(() -> client.stopBot(BOT, "{}", "assent-key-4", 0))
			.isInstanceOfSatisfying(RecorderClient.Failure.class, f -> {
				assertThat(f.status()).isEqualTo(400);
				assertThat(f.getMessage()).contains("joining_call");
			});
		// The outbox's next attempt (attempt 1) is a new request, which Recall.ai carries out.
		client.stopBot(BOT, "{}", "assent-key-4", 1);

		List<String> keys = recall.findAll(postRequestedFor(urlEqualTo("/api/v1/bot/" + BOT + "/leave_call/")))
			.stream()
			.map(r -> r.getHeader("Idempotency-Key"))
			.toList();
		assertThat(keys).containsExactly("assent-key-4", "assent-key-4-retry-1");
		// A bot in the call is never deleted (that would throw its recording away).
		recall.verify(0, deleteRequestedFor(urlEqualTo("/api/v1/bot/" + BOT + "/")));
	}

	@Test
	void aRefusedLeaveCallOfABotThatAlreadyLeftIsDone() {
		// E.g. a retry after a timeout whose first leave_call did go through.
		refuseLeaveCall(BOT, ".*");
		botIs(BOT, "call_ended");
		client.stopBot(BOT, "{}", "assent-key-5", 2);
		recall.verify(0, deleteRequestedFor(urlEqualTo("/api/v1/bot/" + BOT + "/")));
	}

	private void refuseLeaveCall(String bot, String keyPattern) {
		recall.stubFor(post(urlEqualTo("/api/v1/bot/" + bot + "/leave_call/")).atPriority(1)
			.withHeader("Idempotency-Key", matching(keyPattern))
			.willReturn(aResponse().withStatus(400)
				.withHeader("Content-Type", "application/json")
				.withBody("{\"detail\":\"Cannot leave call: bot is not in the call.\"}")));
	}

	private void botIs(String bot, String status) {
		try {
			recall.stubFor(get(urlEqualTo("/api/v1/bot/" + bot + "/")).willReturn(aResponse().withStatus(200)
				.withHeader("Content-Type", "application/json")
				.withBody(fixture("retrieve-bot.json").replace("BOT_ID", bot).replace("STATUS", status))));
		}
		catch (IOException ex) {
			throw new IllegalStateException(ex);
		}
	}

	@Test
	void deletesABotsMediaWhenAParticipantWithdrawsAndARefusalIsPermanent() { // X2, issue 12 (was 501 for ever)
		recall.stubFor(post(urlEqualTo("/api/v1/bot/" + BOT + "/delete_media/")).willReturn(aResponse().withStatus(200)
			.withHeader("Content-Type", "application/json")
			.withBody("{}")));
		client.deleteParticipant(BOT, "{\"participant\":\"buyer@client.example\",\"reason\":\"CONSENT_WITHDRAWN\"}",
				"assent-delete-1", 0);
		recall.verify(postRequestedFor(urlEqualTo("/api/v1/bot/" + BOT + "/delete_media/"))
			.withHeader("Authorization", equalTo("Token recall-api-key"))
			.withHeader("Idempotency-Key", equalTo("assent-delete-1")));

		String refused = "0b7a1c52-3f0e-4c1e-9d55-1f2e3d4c5b6a";
		recall.stubFor(post(urlEqualTo("/api/v1/bot/" + refused + "/delete_media/"))
			.willReturn(aResponse().withStatus(400).withBody("{\"detail\":\"Bot media cannot be deleted.\"}")));
		assertThatThrownBy(() -> client.deleteParticipant(refused, "{}", "k", 0))
			.isInstanceOfSatisfying(RecorderClient.Failure.class, f -> {
				assertThat(f.status()).isEqualTo(400);
				assertThat(f.permanent()).isTrue();
			});
		recall.stubFor(post(urlEqualTo("/api/v1/bot/" + refused + "/delete_media/"))
			.willReturn(aResponse().withStatus(429)));
		assertThatThrownBy(() -> client.deleteParticipant(refused, "{}", "k", 0))
			.isInstanceOfSatisfying(RecorderClient.Failure.class, f -> assertThat(f.permanent()).isFalse());
	}

	@Test
	void aFailingRecallIsAFailureToRetry() {
		recall.stubFor(post(urlEqualTo("/api/v1/bot/" + BOT + "/leave_call/")).willReturn(aResponse().withStatus(503)));
		assertThatThrownBy(() -> client.stopBot(BOT, "{}", "k", 0)).isInstanceOfSatisfying(RecorderClient.Failure.class,
				f -> assertThat(f.status()).isEqualTo(503));
		// Recall.ai's rate limit (429) says when to come back: the outbox waits that long (issue 7).
		recall.stubFor(post(urlEqualTo("/api/v1/bot/" + BOT + "/leave_call/"))
			.willReturn(aResponse().withStatus(429).withHeader("Retry-After", "17")));
		assertThatThrownBy(() -> client.stopBot(BOT, "{}", "k", 0)).isInstanceOfSatisfying(RecorderClient.Failure.class,
				f -> {
					assertThat(f.status()).isEqualTo(429);
					assertThat(f.retryAfter()).isEqualTo("17");
				});
		recall.stubFor(post(urlEqualTo("/api/v1/bot/" + BOT + "/leave_call/"))
			.willReturn(aResponse().withStatus(200).withFixedDelay(6000)));
		assertThatThrownBy(() -> client(Duration.ofSeconds(2)).stopBot(BOT, "{}", "k", 0)).isInstanceOfSatisfying(RecorderClient.Failure.class,
				f -> assertThat(f.status()).isZero());
	}

	private RecallWebhookController controller(RecorderEvents recordings) {
		RecorderSettings settings = new RecorderSettings("http://recall", null, RecorderSettings.Kind.RECALL, "key",
				SECRET, "Assent Notetaker", Duration.ofSeconds(1), Duration.ofSeconds(2), Duration.ofMillis(200),
				Duration.ofSeconds(30), Duration.ofSeconds(10), 5, Duration.ofMinutes(10), Duration.ofMillis(200),
				Duration.ofSeconds(2), Duration.ofSeconds(1), 8, Duration.ofMillis(200));
		return new RecallWebhookController(recordings, settings, clock);
	}

	private static Map<String, String> signed(String id, Instant at, String body, String secret) {
		String ts = String.valueOf(at.getEpochSecond());
		return Map.of("webhook-id", id, "webhook-timestamp", ts, "webhook-signature",
				"v1," + RecallSignatures.signature(secret, id, ts, body.getBytes(StandardCharsets.UTF_8)));
	}

	@Test
	void acceptsAWebhookSignedWithRecallsSchemeAndMapsIt() throws IOException {
		RecorderEvents recordings = mock(RecorderEvents.class);
		when(recordings.handle(eq("recall"), any())).thenReturn(RecorderEvents.Outcome.PROCESSED);
		String callId = UUID.randomUUID().toString();
		String body = fixture("bot-in-call-recording.json").replace("CALL_ID", callId).replace("AT", "2030-03-12T08:00:12Z");

		ResponseEntity<?> ok = controller(recordings).receive(body.getBytes(StandardCharsets.UTF_8),
				signed("msg_2ab3", now, body, SECRET));

		assertThat(ok.getStatusCode().value()).isEqualTo(200);
		ArgumentCaptor<RecorderEvent> event = ArgumentCaptor.forClass(RecorderEvent.class);
		verify(recordings).handle(eq("recall"), event.capture());
		assertThat(event.getValue().id()).isEqualTo("msg_2ab3");
		assertThat(event.getValue().type()).isEqualTo(RecorderEvent.RECORDING_STARTED);
		assertThat(event.getValue().botId()).isEqualTo(BOT);
		assertThat(event.getValue().callId()).hasToString(callId);
		assertThat(event.getValue().at()).isEqualTo(Instant.parse("2030-03-12T08:00:12Z"));

		String legacy = fixture("bot-status-change-call-ended.json").replace("AT", "2030-03-12T08:30:01Z");
		RecorderEvent ended = RecallWebhookController.map("msg_9", JSON.readTree(legacy), now);
		assertThat(ended.type()).isEqualTo(RecorderEvent.CALL_ENDED);
		assertThat(ended.botId()).isEqualTo(BOT);
		assertThat(RecallWebhookController.map("msg_10",
				JSON.readTree(fixture("bot-joining-call.json").replace("AT", "2030-03-12T08:00:00Z")), now))
			.isNull();
	}

	@Test
	void refusesAWebhookWithABadOrMissingSignatureOrAnOldTimestamp() throws IOException {
		RecorderEvents recordings = mock(RecorderEvents.class);
		String body = fixture("bot-in-call-recording.json").replace("CALL_ID", UUID.randomUUID().toString())
			.replace("AT", "2030-03-12T08:00:12Z");
		byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
		String otherSecret = "whsec_" + Base64.getEncoder().encodeToString("another-secret-0123456789".getBytes());

		assertThat(controller(recordings).receive(bytes, signed("msg_1", now, body, otherSecret)).getStatusCode().value())
			.isEqualTo(401);
		assertThat(controller(recordings).receive(bytes, Map.of()).getStatusCode().value()).isEqualTo(401);
		assertThat(controller(recordings).receive((body + " ").getBytes(StandardCharsets.UTF_8),
				signed("msg_1", now, body, SECRET)).getStatusCode().value()).isEqualTo(401);
		assertThat(controller(recordings).receive(bytes, signed("msg_1", now.minus(Duration.ofMinutes(11)), body, SECRET))
			.getStatusCode()
			.value()).isEqualTo(400);
		verify(recordings, never()).handle(any(), any());
	}

}
