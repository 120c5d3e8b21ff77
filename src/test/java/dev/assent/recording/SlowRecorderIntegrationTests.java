package dev.assent.recording;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.core.WireMockConfiguration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.simple.JdbcClient;

import dev.assent.AssentApplication;
import dev.assent.support.AssentIntegrationTest;
import dev.assent.support.Http;
import dev.assent.support.TestCompany;
import dev.assent.support.WireMockRecorder;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.anyRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathMatching;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Issue 7, the outbox lease: a slow recorder (3 s per RECORD) with 100 RECORDs queued, and the
 * calls' STOPs 11 s later — when RECORDs that waited in the queue beyond their first lease are on
 * the wire. A STOP never cancels a RECORD already on the wire, and a bot created for a call that
 * was stopped meanwhile gets its STOP: no bot is left recording.
 */
class SlowRecorderIntegrationTests {

	static final int CALLS = 100;

	@TempDir
	Path data;

	@Test
	void aStopElevenSecondsIntoAQueueOfSlowRecordsLeavesNoBotRecording() {
		WireMockServer recorder = new WireMockServer(WireMockConfiguration.options().dynamicPort().globalTemplating(true)
			.containerThreads(CALLS + 20));
		recorder.start();
		try {
			recorder.stubFor(post(urlEqualTo("/bots")).willReturn(aResponse().withStatus(201)
				.withFixedDelay(3000)
				.withHeader("Content-Type", "application/json")
				.withBody("{\"botId\":\"bot-{{jsonPath request.body '$.callId'}}\"}")));
			recorder.stubFor(post(urlPathMatching("/bots/[^/]+/stop"))
				.willReturn(aResponse().withStatus(200).withHeader("Content-Type", "application/json").withBody("{}")));
			try (ConfigurableApplicationContext app = new SpringApplicationBuilder(AssentApplication.class).run(
					"--server.port=0", "--assent.db.data-dir=" + data.resolve("pg"), "--assent.demo=false",
					"--assent.operator-token=" + AssentIntegrationTest.OPERATOR_TOKEN,
					"--assent.recorder.url=http://localhost:" + recorder.port(),
					"--assent.recorder.secret=" + WireMockRecorder.SECRET, "--assent.recorder.read-timeout=5s",
					"--assent.consent-page.rate-limit.per-address=0")) {
				Http http = new Http(((WebServerApplicationContext) app).getWebServer().getPort());
				JdbcClient jdbc = app.getBean(JdbcClient.class);
				TestCompany c = TestCompany.create(http, "slow");
				for (int i = 0; i < CALLS; i++) {
					c.member(http, "Member " + i, "m" + i, "https://zoom.us/j/79" + (1000 + i));
				}
				Instant start = Instant.now().truncatedTo(ChronoUnit.SECONDS);
				List<String> calls = new ArrayList<>();
				Instant first = Instant.now();
				for (int i = 0; i < CALLS; i++) {
					calls.add(Recordings.schedule(http, c, "m" + i, "Call " + i, start, Duration.ofMinutes(30), null, Map.of())
						.get(0));
				}
				// 11 s after the first RECORD was queued, every participant opts out.
				await().pollInterval(Duration.ofMillis(50)).atMost(Duration.ofSeconds(20))
					.until(() -> Duration.between(first, Instant.now()).compareTo(Duration.ofSeconds(11)) >= 0);
				for (int i = 0; i < CALLS; i++) {
					Recordings.optOut(http, c.slug(), "m" + i);
				}

				// Every RECORD and STOP settles: no command pending.
				await().atMost(Duration.ofSeconds(120))
					.until(() -> jdbc.sql("select count(*) from recording.commands where status = 'PENDING'")
						.query(Integer.class)
						.single() == 0);
				List<String> leftRecording = new ArrayList<>();
				int created = 0;
				for (String callId : calls) {
					String bot = "bot-" + callId;
					boolean asked = recorder.findAll(anyRequestedFor(urlEqualTo("/bots")))
						.stream()
						.anyMatch(r -> r.getBodyAsString().contains(callId));
					if (asked) {
						created++;
						if (recorder.findAll(anyRequestedFor(urlEqualTo("/bots/" + bot + "/stop"))).isEmpty()) {
							leftRecording.add(bot);
						}
					}
				}
				System.out.println("Slow recorder: the recorder was asked for " + created + " of " + CALLS + " bots");
				assertThat(created).as("RECORDs reached the recorder").isPositive();
				assertThat(leftRecording).as("bots left recording").isEmpty();
			}
		}
		finally {
			recorder.stop();
		}
	}

}
