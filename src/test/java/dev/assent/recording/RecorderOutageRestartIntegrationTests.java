package dev.assent.recording;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.stubbing.Scenario;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
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
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * "No stop command is ever lost, whatever fails" (issue 3): the recorder answers 503, then answers
 * too late (beyond the read timeout), and Assent is stopped and started again on the same data
 * folder in between. The stop is delivered once the recorder is healthy, with the same
 * idempotency key on every attempt, and acknowledged exactly once.
 */
class RecorderOutageRestartIntegrationTests {

	@TempDir
	Path data;

	@Test
	void aStopSurvivesARecorderOutageAndARestartAndIsAcknowledgedOnce() {
		WireMockServer recorder = WireMockRecorder.server();
		String callId;
		String botId;
		String scenario;
		int beforeRestart;
		try (ConfigurableApplicationContext first = start()) {
			Http http = new Http(port(first));
			JdbcClient jdbc = first.getBean(JdbcClient.class);
			TestCompany c = TestCompany.create(http, "outage");
			c.member(http, "Olga Outage", "olga", "https://zoom.us/j/8000001");
			Instant start = Instant.now().truncatedTo(ChronoUnit.SECONDS);
			callId = Recordings.schedule(http, c, "olga", "Outage", start, Duration.ofMinutes(30), null, Map.of()).get(0);
			botId = Recordings.awaitBot(jdbc, callId);

			// The recorder fails: 503 twice, then 200 after 3 s, beyond Assent's 2 s read timeout.
			scenario = "outage-" + botId;
			String stopUrl = "/bots/" + botId + "/stop";
			recorder.stubFor(post(urlEqualTo(stopUrl)).atPriority(1).inScenario(scenario)
				.whenScenarioStateIs(Scenario.STARTED)
				.willReturn(aResponse().withStatus(503))
				.willSetStateTo("second-503"));
			recorder.stubFor(post(urlEqualTo(stopUrl)).atPriority(1).inScenario(scenario)
				.whenScenarioStateIs("second-503")
				.willReturn(aResponse().withStatus(503))
				.willSetStateTo("slow"));
			recorder.stubFor(post(urlEqualTo(stopUrl)).atPriority(1).inScenario(scenario)
				.whenScenarioStateIs("slow")
				.willReturn(aResponse().withStatus(200).withFixedDelay(3000).withBody("{}")));
			recorder.stubFor(post(urlEqualTo(stopUrl)).atPriority(1).inScenario(scenario)
				.whenScenarioStateIs("healthy")
				.willReturn(aResponse().withStatus(200).withBody("{}")));

			Recordings.optOut(http, c.slug(), "olga");
			await().atMost(Duration.ofSeconds(30)).until(() -> WireMockRecorder.stopsOf(botId).size() >= 3);
			assertThat(Recordings.status(http, c, callId)).isEqualTo("SKIPPED");
			assertThat(stopCommand(jdbc, callId)).isEqualTo("PENDING");
			beforeRestart = WireMockRecorder.stopsOf(botId).size();
		}

		// Assent is down; the recorder recovers meanwhile.
		recorder.setScenarioState(scenario, "healthy");
		int sentWhileDown = WireMockRecorder.stopsOf(botId).size() - beforeRestart;
		assertThat(sentWhileDown).isZero();

		try (ConfigurableApplicationContext second = start()) {
			JdbcClient jdbc = second.getBean(JdbcClient.class);
			await().atMost(Duration.ofSeconds(30)).until(() -> "SENT".equals(stopCommand(jdbc, callId)));
			Instant acknowledged = jdbc.sql("select sent_at from recording.commands where call_id = ?::uuid and kind = 'STOP'")
				.param(callId)
				.query(java.sql.Timestamp.class)
				.single()
				.toInstant();
			// Delivered after the restart, and nothing is sent once the recorder acknowledged it.
			await().during(Duration.ofSeconds(1)).atMost(Duration.ofSeconds(3)).until(() -> true);
			List<LoggedRequest> stops = WireMockRecorder.stopsOf(botId);
			assertThat(stops.size()).isGreaterThan(beforeRestart);
			assertThat(stops).noneMatch(r -> r.getLoggedDate().toInstant().isAfter(acknowledged.plusMillis(500)));
			Set<String> keys = stops.stream().map(r -> r.getHeader("Idempotency-Key")).collect(Collectors.toSet());
			assertThat(keys).hasSize(1);
			assertThat(keys.iterator().next()).isEqualTo("assent-" + jdbc
				.sql("select id from recording.commands where call_id = ?::uuid and kind = 'STOP'")
				.param(callId)
				.query(String.class)
				.single());
			assertThat(jdbc.sql("select count(*) from recording.commands where call_id = ?::uuid and kind = 'STOP'")
				.param(callId)
				.query(Integer.class)
				.single()).isEqualTo(1);
			assertThat(stops).allSatisfy(r -> assertThat(r.getBodyAsString()).contains("PARTICIPANT_OPTED_OUT"));
		}
	}

	private static String stopCommand(JdbcClient jdbc, String callId) {
		return jdbc.sql("select status from recording.commands where call_id = ?::uuid and kind = 'STOP'")
			.param(callId)
			.query(String.class)
			.optional()
			.orElse(null);
	}

	private ConfigurableApplicationContext start() {
		return new SpringApplicationBuilder(AssentApplication.class).run("--server.port=0",
				"--assent.db.data-dir=" + data.resolve("pg"), "--assent.demo=false",
				"--assent.operator-token=" + AssentIntegrationTest.OPERATOR_TOKEN,
				"--assent.recorder.url=" + WireMockRecorder.url(), "--assent.recorder.secret=" + WireMockRecorder.SECRET,
				"--assent.recorder.lease=4s");
	}

	private static int port(ConfigurableApplicationContext context) {
		return ((WebServerApplicationContext) context).getWebServer().getPort();
	}

}
