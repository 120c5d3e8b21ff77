package dev.assent.recording;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.stubbing.StubMapping;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.SimpleDriverDataSource;

import dev.assent.AssentApplication;
import dev.assent.support.AssentIntegrationTest;
import dev.assent.support.ForkedAssent;
import dev.assent.support.Http;
import dev.assent.support.PostgresControl;
import dev.assent.support.TestCompany;
import dev.assent.support.WireMockRecorder;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathMatching;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Issue 7, "nothing lost across nodes": two nodes on one PostgreSQL. Node A (a JVM of its own)
 * acknowledges opt-outs and is killed with {@code kill -9} right after: for half of the calls its
 * listener was still delivering the opt-out event (held on the call's session lock), for the other
 * half the STOPs were stored but the recorder refused them. Node B, running all along and never
 * restarted, delivers every STOP within 30 s.
 */
class NodeDeathIntegrationTests {

	static final int CALLS = 6;

	@TempDir
	Path data;

	@Test
	void aLiveNodeDeliversEveryStopOfANodeKilledRightAfterAcknowledgingOptOutsWithin30Seconds() throws Exception {
		WireMockServer recorder = WireMockRecorder.server();
		Path pg = data.resolve("pg");
		String[] common = { "--assent.demo=false", "--assent.operator-token=" + AssentIntegrationTest.OPERATOR_TOKEN,
				"--assent.recorder.url=" + WireMockRecorder.url(), "--assent.recorder.secret=" + WireMockRecorder.SECRET,
				"--assent.recorder.retry-max=2s" };
		List<StubMapping> stubs = new ArrayList<>();
		try (ForkedAssent a = ForkedAssent.start(data.resolve("node-a.log"), concat(common, "--assent.db.data-dir=" + pg))) {
			String url = "jdbc:postgresql://localhost:" + PostgresControl.port(pg) + "/postgres";
			SimpleDriverDataSource db = new SimpleDriverDataSource(new org.postgresql.Driver(), url, "postgres", "");
			JdbcClient jdbc = JdbcClient.create(db);
			try (ConfigurableApplicationContext b = new SpringApplicationBuilder(AssentApplication.class)
				.run(concat(common, "--server.port=0", "--spring.datasource.url=" + url, "--spring.datasource.username=postgres"))) {
				Http http = new Http(a.port());
				TestCompany c = TestCompany.create(http, "nodedeath");
				Instant start = Instant.now().truncatedTo(ChronoUnit.SECONDS);
				List<String> calls = new ArrayList<>();
				List<String> bots = new ArrayList<>();
				for (int i = 0; i < CALLS; i++) {
					c.member(http, "Member " + i, "m" + i, "https://zoom.us/j/78" + (1000 + i));
					calls.add(Recordings.schedule(http, c, "m" + i, "Call " + i, start, Duration.ofMinutes(30), null, Map.of()).get(0));
					bots.add(Recordings.awaitBot(jdbc, calls.get(i)));
				}
				stubs.add(recorder.stubFor(post(urlPathMatching("/bots/(" + String.join("|", bots) + ")/stop")).atPriority(1)
					.willReturn(aResponse().withStatus(503))));

				Instant killed;
				// Half of the calls: their sessions are locked, so the opt-out events stay in delivery.
				try (Connection held = db.getConnection()) {
					held.setAutoCommit(false);
					try (PreparedStatement lock = held.prepareStatement(
							"select call_id from recording.sessions where call_id = any(?::uuid[]) for update")) {
						lock.setArray(1, held.createArrayOf("text", calls.subList(0, CALLS / 2).toArray()));
						lock.executeQuery().close();
					}
					for (int i = CALLS / 2; i < CALLS; i++) {
						Recordings.optOut(http, c.slug(), "m" + i);
					}
					// The other half's STOPs are stored and refused before the crash.
					await().atMost(Duration.ofSeconds(20))
						.until(() -> bots.subList(CALLS / 2, CALLS).stream().allMatch(bot -> !WireMockRecorder.stopsOf(bot).isEmpty()));
					for (int i = 0; i < CALLS / 2; i++) {
						Recordings.optOut(http, c.slug(), "m" + i);
					}
					a.killHard();
					killed = Instant.now();
					held.rollback();
				}
				int incomplete = jdbc.sql("select count(*) from event_publication where completion_date is null")
					.query(Integer.class)
					.single();
				assertThat(incomplete).as("opt-out events the dead node left in delivery").isPositive();
				stubs.forEach(recorder::removeStubMapping);

				await().atMost(Duration.ofSeconds(30))
					.until(() -> jdbc.sql("select count(*) from recording.commands where kind = 'STOP' and status = 'SENT' and call_id = any(?::uuid[])")
						.param(calls.toArray(String[]::new))
						.query(Integer.class)
						.single() == CALLS);
				Duration took = Duration.between(killed, Instant.now());
				System.out.println("Node B delivered every STOP " + took.toMillis() + " ms after node A was killed ("
						+ incomplete + " events left in delivery)");
				assertThat(took).isLessThan(Duration.ofSeconds(30));
				for (String bot : bots) {
					assertThat(WireMockRecorder.stopsOf(bot)).isNotEmpty();
				}
				assertThat(Recordings.status(new Http(((org.springframework.boot.web.server.context.WebServerApplicationContext) b)
					.getWebServer().getPort()), c, calls.get(0))).isEqualTo("SKIPPED");
			}
		}
		finally {
			stubs.forEach(recorder::removeStubMapping);
			// Node A's PostgreSQL outlived it (that is the point); nobody else will stop it.
			if (PostgresControl.postmasterPid(pg).flatMap(ProcessHandle::of).map(ProcessHandle::isAlive).orElse(false)) {
				PostgresControl.of(pg).stop();
			}
		}
	}

	private static String[] concat(String[] args, String... more) {
		String[] all = new String[args.length + more.length];
		System.arraycopy(args, 0, all, 0, args.length);
		System.arraycopy(more, 0, all, args.length, more.length);
		return all;
	}

}
