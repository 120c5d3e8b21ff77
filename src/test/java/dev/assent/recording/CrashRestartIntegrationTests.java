package dev.assent.recording;

import java.nio.file.Files;
import java.nio.file.Path;
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

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.SimpleDriverDataSource;

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
 * Issue 7, "nothing lost": Assent (a JVM of its own) acknowledges opt-outs whose STOPs the recorder
 * refuses, and is killed with {@code kill -9} of its whole process group — its embedded PostgreSQL
 * survives as an orphan on the data folder. The next start on the same folder stops the orphan,
 * comes up by itself and sends every STOP.
 */
class CrashRestartIntegrationTests {

	static final int CALLS = 4;

	@TempDir
	Path data;

	@Test
	void aStartAfterKillMinus9StopsTheOrphanedPostgresComesUpAndSendsEveryStop() throws Exception {
		WireMockServer recorder = WireMockRecorder.server();
		Path pg = data.resolve("pg");
		Path log = data.resolve("assent.log");
		String[] args = { "--assent.db.data-dir=" + pg, "--assent.demo=false",
				"--assent.operator-token=" + AssentIntegrationTest.OPERATOR_TOKEN,
				"--assent.recorder.url=" + WireMockRecorder.url(), "--assent.recorder.secret=" + WireMockRecorder.SECRET,
				"--assent.recorder.lease=4s", "--assent.recorder.retry-max=1s" };
		List<String> bots = new ArrayList<>();
		List<StubMapping> refusals = new ArrayList<>();
		long orphan;
		try (ForkedAssent first = ForkedAssent.start(log, args)) {
			Http http = new Http(first.port());
			JdbcClient jdbc = jdbc(pg);
			TestCompany c = TestCompany.create(http, "crash");
			Instant start = Instant.now().truncatedTo(ChronoUnit.SECONDS);
			for (int i = 0; i < CALLS; i++) {
				c.member(http, "Member " + i, "m" + i, "https://zoom.us/j/77" + (1000 + i));
				String callId = Recordings.schedule(http, c, "m" + i, "Call " + i, start, Duration.ofMinutes(30), null, Map.of())
					.get(0);
				bots.add(Recordings.awaitBot(jdbc, callId));
			}
			refusals.add(recorder.stubFor(post(urlPathMatching("/bots/(" + String.join("|", bots) + ")/stop")).atPriority(1)
				.willReturn(aResponse().withStatus(503))));
			for (int i = 0; i < CALLS; i++) {
				Recordings.optOut(http, c.slug(), "m" + i); // acknowledged: 303
			}
			first.killHard();
			orphan = PostgresControl.postmasterPid(pg).orElseThrow();
			assertThat(ProcessHandle.of(orphan).map(ProcessHandle::isAlive)).as("PostgreSQL outlived kill -9").hasValue(true);
		}
		refusals.forEach(recorder::removeStubMapping);
		int refusedBefore = bots.stream().mapToInt(b -> WireMockRecorder.stopsOf(b).size()).sum();

		try (ForkedAssent second = ForkedAssent.start(log, args)) {
			assertThat(ProcessHandle.of(orphan).map(ProcessHandle::isAlive).orElse(false)).isFalse();
			assertThat(Files.readString(log)).contains("left over from a crash of Assent");
			JdbcClient jdbc = jdbc(pg);
			await().atMost(Duration.ofSeconds(30))
				.until(() -> jdbc.sql("select count(*) from recording.commands where kind = 'STOP' and status = 'SENT'")
					.query(Integer.class)
					.single() == CALLS);
			for (String bot : bots) {
				assertThat(WireMockRecorder.stopsOf(bot)).isNotEmpty();
			}
			assertThat(bots.stream().mapToInt(b -> WireMockRecorder.stopsOf(b).size()).sum()).isGreaterThan(refusedBefore);
		}
	}

	static JdbcClient jdbc(Path pg) throws Exception {
		int port = PostgresControl.port(pg);
		return JdbcClient.create(new SimpleDriverDataSource(new org.postgresql.Driver(),
				"jdbc:postgresql://localhost:" + port + "/postgres", "postgres", ""));
	}

}
