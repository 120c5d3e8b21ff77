package dev.assent.recording;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;

import com.github.tomakehurst.wiremock.client.WireMock;
import com.github.tomakehurst.wiremock.stubbing.StubMapping;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;

import dev.assent.support.Http;
import dev.assent.support.MutableClock;
import dev.assent.support.RecorderTest;
import dev.assent.support.TestCompany;
import dev.assent.support.WireMockRecorder;

import static dev.assent.recording.Recordings.awaitBot;
import static dev.assent.recording.Recordings.optOut;
import static dev.assent.recording.Recordings.schedule;
import static dev.assent.support.Problems.assertInvalid;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Issue 11: the recorder timeline of {@code /admin/recorder} through the API — the company's
 * recorder commands with state, attempts and last error, filtered and in keyset pages, ONLY the
 * caller's company (the outbox holds every company's commands); which recorder Assent talks to.
 */
@RecorderTest
class RecorderApiIntegrationTests {

	@LocalServerPort
	int port;

	@Autowired
	MutableClock clock;

	@Autowired
	JdbcClient jdbc;

	@Test
	void listsTheCompanysCommandsWithStateAttemptsAndLastErrorAndNoOtherCompanys() { // D3, D4, T1
		Http http = new Http(port);
		TestCompany a = TestCompany.create(http, "recapi-a");
		TestCompany b = TestCompany.create(http, "recapi-b");
		a.member(http, "Oki Okay", "oki", "https://zoom.us/j/8400001");
		a.member(http, "Dee Down", "dee", "https://zoom.us/j/8400002");
		b.member(http, "Bea Other", "bea", "https://zoom.us/j/8400003");
		// The recorder refuses the bot of Dee's call: its RECORD stays pending with the error.
		StubMapping down = WireMockRecorder.server()
			.stubFor(WireMock.post("/bots").atPriority(1).withRequestBody(WireMock.containing("8400002"))
				.willReturn(WireMock.aResponse().withStatus(503)));
		try {
			Instant start = clock.instant().plus(30, ChronoUnit.MINUTES).truncatedTo(ChronoUnit.MINUTES);
			String okCall = schedule(http, a, "oki", "Demo", start, Duration.ofMinutes(30), null, Map.of()).get(0);
			String downCall = schedule(http, a, "dee", "Pricing", start, Duration.ofMinutes(30), null, Map.of()).get(0);
			String otherCall = schedule(http, b, "bea", "Theirs", start, Duration.ofMinutes(30), null, Map.of()).get(0);
			String bot = awaitBot(jdbc, okCall);
			awaitBot(jdbc, otherCall);
			await().atMost(Duration.ofSeconds(20))
				.until(() -> a.get(http, "/api/v1/recorder/commands?call=" + downCall).get("items").valueStream()
					.anyMatch(c -> c.get("attempts").asInt() >= 1));

			JsonNode all = a.get(http, "/api/v1/recorder/commands");
			assertThat(all.get("items").valueStream().map(c -> c.get("callId").asString()))
				.containsExactlyInAnyOrder(okCall, downCall);
			JsonNode ok = only(a.get(http, "/api/v1/recorder/commands?call=" + okCall));
			assertThat(ok.get("kind").asString()).isEqualTo("RECORD");
			assertThat(ok.get("status").asString()).isEqualTo("SENT");
			assertThat(ok.get("botId").asString()).isEqualTo(bot);
			assertThat(ok.get("attempts").asInt()).isEqualTo(1);
			assertThat(ok.has("sentAt")).isTrue();
			JsonNode failing = only(a.get(http, "/api/v1/recorder/commands?status=pending"));
			assertThat(failing.get("callId").asString()).isEqualTo(downCall);
			assertThat(failing.get("lastError").asString()).contains("503");
			assertThat(failing.has("nextAttemptAt")).isTrue();
			assertThat(a.get(http, "/api/v1/recorder/commands?kind=STOP").get("items")).isEmpty();
			assertThat(a.get(http, "/api/v1/recorder/commands?kind=record&status=SENT").get("items")).hasSize(1);

			JsonNode first = a.get(http, "/api/v1/recorder/commands?size=1");
			JsonNode second = a.get(http, "/api/v1/recorder/commands?size=1&cursor=" + first.get("nextCursor").asString());
			assertThat(List.of(first.get("items").get(0).get("id").asString(), second.get("items").get(0).get("id").asString()))
				.containsExactlyElementsOf(all.get("items").valueStream().map(c -> c.get("id").asString()).toList());
			assertThat(second.get("nextCursor").isNull()).isTrue();

			// Company B sees its own command only, and nothing of A's calls.
			assertThat(b.get(http, "/api/v1/recorder/commands").get("items").valueStream()
				.map(c -> c.get("callId").asString())).containsExactly(otherCall);
			assertThat(http.get("/api/v1/recorder/commands?call=" + okCall, b.apiToken()).status()).isEqualTo(404);
		}
		finally {
			WireMockRecorder.server().removeStub(down);
		}
	}

	@Test
	void showsACallsRecordingAsTheCallPageDoes() { // D5, C10, T1
		Http http = new Http(port);
		TestCompany a = TestCompany.create(http, "recapi-call");
		TestCompany b = TestCompany.create(http, "recapi-call-b");
		a.member(http, "Ria Recorded", "ria", "https://zoom.us/j/8400021");
		Recordings.RecordingCall call = Recordings.recordingCall(http, jdbc, clock, a, "ria", "Pricing",
				Duration.ofMinutes(100));
		String callId = call.callId();
		String bot = call.botId();
		Instant start = call.start();
		clock.set(start.plus(Duration.ofMinutes(80)));
		optOut(http, a.slug(), "ria");

		await().atMost(Duration.ofSeconds(20))
			.until(() -> a.get(http, "/api/v1/calls/" + callId + "/recording").has("stopReason"));
		JsonNode recording = a.get(http, "/api/v1/calls/" + callId + "/recording");
		assertThat(recording.get("botId").asString()).isEqualTo(bot);
		assertThat(Instant.parse(recording.get("recordingStartedAt").asString())).isEqualTo(start);
		assertThat(recording.get("stopReason").asString()).isEqualTo("PARTICIPANT_OPTED_OUT");
		assertThat(recording.get("optedOut")).hasSize(1);
		assertThat(recording.get("segments")).hasSize(1);
		assertThat(recording.get("segments").get(0).get("number").asInt()).isEqualTo(1);
		assertThat(recording.get("deletions")).isEmpty();
		assertThat(http.get("/api/v1/calls/" + callId + "/recording", b.apiToken()).status()).isEqualTo(404);
	}

	@Test
	void saysWhichRecorderAssentCommands() {
		Http http = new Http(port);
		TestCompany c = TestCompany.create(http, "recapi-which");

		JsonNode recorder = c.get(http, "/api/v1/recorder");
		assertThat(recorder.get("kind").asString()).isEqualTo("ASSENT");
		assertThat(recorder.get("simulated").asBoolean()).isFalse();
		assertThat(recorder.get("url").asString()).isEqualTo(WireMockRecorder.url());
		JsonNode bots = c.get(http, "/api/v1/recorder/bots");
		assertThat(bots.get("simulated").asBoolean()).isFalse();
		assertThat(bots.get("items")).isEmpty();
		assertThat(http.get("/api/v1/recorder/commands").status()).isEqualTo(401);
	}

	@Test
	void badParametersAnswerProblemDetails() {
		Http http = new Http(port);
		TestCompany c = TestCompany.create(http, "recapi-bad");

		assertInvalid(http.get("/api/v1/recorder/commands?status=LOST", c.apiToken()), "status", "invalid.one-of");
		assertInvalid(http.get("/api/v1/recorder/commands?kind=PAUSE", c.apiToken()), "kind", "invalid.one-of");
		assertInvalid(http.get("/api/v1/recorder/commands?size=501", c.apiToken()), "size", "invalid.page-size");
		assertInvalid(http.get("/api/v1/recorder/commands?cursor=bm9wZQ", c.apiToken()), "cursor", "invalid.cursor");
		assertInvalid(http.get("/api/v1/recorder/bots?limit=0", c.apiToken()), "limit", "invalid.page-size");
		assertThat(http.get("/api/v1/recorder/commands?call=42", c.apiToken()).status()).isEqualTo(400);
	}

	private static JsonNode only(JsonNode list) {
		assertThat(list.get("items")).hasSize(1);
		return list.get("items").get(0);
	}

}
