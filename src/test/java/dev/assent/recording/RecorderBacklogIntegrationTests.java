package dev.assent.recording;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import com.github.tomakehurst.wiremock.stubbing.StubMapping;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.TestPropertySource;

import dev.assent.support.Http;
import dev.assent.support.MutableClock;
import dev.assent.support.RecorderTest;
import dev.assent.support.TestCompany;
import dev.assent.support.WireMockRecorder;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Issue 7 (PRODUCT D5, "the recorder obeys within seconds"): the STOPs a recorder outage left owed go out as soon as
 * the recorder answers again — due at once, not at their retry time (up to {@code retry-max} away), and all of them
 * in one look of the poller, not {@code 16} per {@code poll-every}. In the fault suite of session 16, 10,000 STOPs
 * owed after a 60 s outage went out at ~70 a second, the last ones a minute and a half after the recorder was back.
 * The scheduled look is off here ({@code poll-initial-delay}), so that the test makes the one look itself; a failed
 * command waits an hour for its retry ({@code retry-initial}).
 */
@RecorderTest
@TestPropertySource(properties = { "assent.recorder.poll-initial-delay=1h", "assent.recorder.poll-budget=1m",
		"assent.recorder.retry-initial=1h", "assent.recorder.retry-max=1h" })
class RecorderBacklogIntegrationTests {

	/** More than two of the poller's batches of 16. */
	private static final int CALLS = 40;

	@LocalServerPort
	int port;

	@Autowired
	MutableClock clock;

	@Autowired
	JdbcClient jdbc;

	@Autowired
	RecorderOutbox outbox;

	@Test
	void whenTheRecorderAnswersAgainTheStopsItRefusedAllGoOutInTheNextLook() {
		Http http = new Http(port);
		TestCompany c = TestCompany.create(http, "backlog");
		var recorder = WireMockRecorder.server();
		List<String> bots = new ArrayList<>();
		for (int i = 0; i <= CALLS; i++) {
			c.member(http, "Member " + i, "m" + i, "https://zoom.us/j/7300" + (100 + i));
			bots.add(Recordings.recordingCall(http, jdbc, clock, c, "m" + i, "Call " + i, Duration.ofMinutes(100))
				.botId());
		}
		// The recorder is down for the STOPs of the first 40 bots.
		List<StubMapping> outage = bots.subList(0, CALLS)
			.stream()
			.map(bot -> recorder.stubFor(post(urlEqualTo("/bots/" + bot + "/stop")).atPriority(1)
				.willReturn(aResponse().withStatus(503))))
			.toList();
		for (int i = 0; i < CALLS; i++) {
			Recordings.optOut(http, c.slug(), "m" + i);
		}
		// Each STOP was tried right after its opt-out, refused, and waits an hour for its retry.
		await().atMost(Duration.ofSeconds(20)).until(() -> owedStops(c, "attempts >= 1") == CALLS);
		assertThat(owedStops(c, "next_attempt_at > clock_timestamp() + interval '50 minutes'")).isEqualTo(CALLS);

		// The recorder is back: the next STOP it takes makes the owed ones due.
		outage.forEach(recorder::removeStub);
		Recordings.optOut(http, c.slug(), "m" + CALLS);
		await().atMost(Duration.ofSeconds(20)).until(() -> WireMockRecorder.stopsOf(bots.get(CALLS)).size() == 1);
		await().atMost(Duration.ofSeconds(20)).until(() -> owedStops(c, "next_attempt_at <= clock_timestamp()") == CALLS);
		outbox.poll();

		assertThat(owedStops(c, "true")).as("STOPs still owed after one look").isZero();
		assertThat(jdbc.sql("select count(*) from recording.commands where company_id = ?::uuid and kind = 'STOP'"
				+ " and status = 'SENT'").param(c.id()).query(Integer.class).single()).as("STOPs delivered")
			.isEqualTo(CALLS + 1);
		assertThat(bots.subList(0, CALLS)).allSatisfy(bot -> assertThat(WireMockRecorder.stopsOf(bot))
			.as("STOP requests of %s: the refused one, then the delivered one", bot)
			.hasSize(2));
	}

	/** The company's STOP commands still pending that match the condition. */
	private int owedStops(TestCompany c, String condition) {
		return jdbc.sql("select count(*) from recording.commands where company_id = ?::uuid and kind = 'STOP'"
				+ " and status = 'PENDING' and " + condition)
			.param(c.id())
			.query(Integer.class)
			.single();
	}

}
