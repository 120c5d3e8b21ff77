package dev.assent.recording;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.stubbing.Scenario;
import com.github.tomakehurst.wiremock.stubbing.StubMapping;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
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
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathMatching;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Two nodes on one PostgreSQL retry the same failed stop commands (DESIGN scale-out): each poller
 * claims due commands with {@code FOR UPDATE SKIP LOCKED} and a lease, so once the recorder is back
 * every command is acknowledged exactly once, however the nodes raced for them.
 */
class TwoNodesRecorderIntegrationTests {

	static final int CALLS = 8;

	@TempDir
	Path data;

	@Test
	void twoNodesRetryingTheSameStopsAcknowledgeEachOnce() {
		WireMockServer recorder = WireMockRecorder.server();
		String scenario = "two-nodes";
		List<StubMapping> stubs = new ArrayList<>();
		String[] args = { "--server.port=0", "--assent.demo=false",
				"--assent.operator-token=" + AssentIntegrationTest.OPERATOR_TOKEN,
				"--assent.recorder.url=" + WireMockRecorder.url(), "--assent.recorder.secret=" + WireMockRecorder.SECRET,
				"--assent.recorder.lease=4s", "--assent.recorder.retry-max=1s" };
		try (ConfigurableApplicationContext one = new SpringApplicationBuilder(AssentApplication.class)
			.run(concat(args, "--assent.db.data-dir=" + data.resolve("pg")))) {
			int dbPort = one.getBean(EmbeddedPostgres.class).getPort();
			try (ConfigurableApplicationContext two = new SpringApplicationBuilder(AssentApplication.class).run(concat(args,
					"--spring.datasource.url=jdbc:postgresql://localhost:" + dbPort + "/postgres",
					"--spring.datasource.username=postgres"))) {
				Http http1 = new Http(port(one));
				Http http2 = new Http(port(two));
				JdbcClient jdbc = one.getBean(JdbcClient.class);
				TestCompany c = TestCompany.create(http1, "twonodes");
				Instant start = Instant.now().truncatedTo(ChronoUnit.SECONDS);
				List<String> bots = new ArrayList<>();
				for (int i = 0; i < CALLS; i++) {
					c.member(http1, "Member " + i, "m" + i, "https://zoom.us/j/66" + (1000 + i));
					String callId = Recordings.schedule(i % 2 == 0 ? http1 : http2, c, "m" + i, "Call " + i, start,
							Duration.ofMinutes(30), null, Map.of()).get(0);
					bots.add(Recordings.awaitBot(jdbc, callId));
				}
				String stopsOfTheseBots = "/bots/(" + String.join("|", bots) + ")/stop";
				stubs.add(recorder.stubFor(post(urlPathMatching(stopsOfTheseBots)).atPriority(1).inScenario(scenario)
					.whenScenarioStateIs(Scenario.STARTED)
					.willReturn(aResponse().withStatus(503))));
				stubs.add(recorder.stubFor(post(urlPathMatching(stopsOfTheseBots)).atPriority(1).inScenario(scenario)
					.whenScenarioStateIs("up")
					.willReturn(aResponse().withStatus(200).withFixedDelay(300).withBody("{}"))));
				recorder.setScenarioState(scenario, Scenario.STARTED);

				for (int i = 0; i < CALLS; i++) {
					Recordings.optOut(i % 2 == 0 ? http2 : http1, c.slug(), "m" + i);
				}
				// Both nodes keep retrying while the recorder is down.
				await().atMost(Duration.ofSeconds(30))
					.until(() -> bots.stream().allMatch(b -> WireMockRecorder.stopsOf(b).size() >= 3));
				Map<String, Integer> failedAttempts = bots.stream()
					.collect(Collectors.toMap(b -> b, b -> WireMockRecorder.stopsOf(b).size()));

				recorder.setScenarioState(scenario, "up");
				await().atMost(Duration.ofSeconds(30))
					.until(() -> jdbc.sql("select count(*) from recording.commands where kind = 'STOP' and status = 'SENT'")
						.query(Integer.class)
						.single() == CALLS);
				await().during(Duration.ofSeconds(1)).atMost(Duration.ofSeconds(4)).until(() -> true);
				Instant lastAcknowledged = jdbc.sql("select max(sent_at) from recording.commands where kind = 'STOP'")
					.query(java.sql.Timestamp.class)
					.single()
					.toInstant();
				for (String bot : bots) {
					List<LoggedRequest> stops = WireMockRecorder.stopsOf(bot);
					// Every attempt, from either node, carried the command's one key ...
					assertThat(stops.stream().map(r -> r.getHeader("Idempotency-Key")).distinct()).hasSize(1);
					assertThat(stops.size()).isGreaterThan(failedAttempts.get(bot));
					// ... and nothing was sent once the recorder had acknowledged it.
					assertThat(stops).noneMatch(r -> r.getLoggedDate().toInstant().isAfter(lastAcknowledged.plusMillis(500)));
				}
				assertThat(jdbc.sql("select count(*) from recording.commands where kind = 'STOP'").query(Integer.class).single())
					.isEqualTo(CALLS);
			}
		}
		finally {
			stubs.forEach(recorder::removeStubMapping);
		}
	}

	private static String[] concat(String[] args, String... more) {
		String[] all = new String[args.length + more.length];
		System.arraycopy(args, 0, all, 0, args.length);
		System.arraycopy(more, 0, all, args.length, more.length);
		return all;
	}

	private static int port(ConfigurableApplicationContext context) {
		return ((WebServerApplicationContext) context).getWebServer().getPort();
	}

}
