package dev.assent.recording;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Map;

import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

import dev.assent.support.AssentIntegrationTest;
import dev.assent.support.Http;
import dev.assent.support.MutableClock;
import dev.assent.support.TestCompany;

import static dev.assent.recording.Recordings.schedule;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Issue 11: the simulated recorder's bot timeline of {@code /admin/recorder} through the API, of
 * the caller's company only (the simulator serves every company).
 */
@AssentIntegrationTest
class SimulatedBotsApiIntegrationTests {

	@LocalServerPort
	int port;

	@Autowired
	MutableClock clock;

	@Test
	void showsTheCompanysSimulatedBotsAndNoOtherCompanys() { // D3, T1
		Http http = new Http(port);
		TestCompany a = TestCompany.create(http, "simapi-a");
		TestCompany b = TestCompany.create(http, "simapi-b");
		a.member(http, "Sim Alpha", "sim", "https://zoom.us/j/8500001");
		Instant start = clock.instant().plus(30, ChronoUnit.MINUTES).truncatedTo(ChronoUnit.MINUTES);
		String callId = schedule(http, a, "sim", "Demo", start, Duration.ofMinutes(30), null, Map.of()).get(0);

		await().atMost(Duration.ofSeconds(20)).until(() -> a.get(http, "/api/v1/recorder/bots").get("items").size() == 1);
		JsonNode bots = a.get(http, "/api/v1/recorder/bots");
		assertThat(bots.get("simulated").asBoolean()).isTrue();
		JsonNode bot = bots.get("items").get(0).get("bot");
		assertThat(bot.get("callId").asString()).isEqualTo(callId);
		assertThat(bot.has("joinAt")).isTrue();
		assertThat(bots.get("items").get(0).get("webhooks").isArray()).isTrue();
		JsonNode recorder = a.get(http, "/api/v1/recorder");
		assertThat(recorder.get("simulated").asBoolean()).isTrue();
		assertThat(recorder.get("url").asString()).endsWith("/simulator/recorder");

		assertThat(b.get(http, "/api/v1/recorder/bots").get("items")).isEmpty();
		assertThat(b.get(http, "/api/v1/recorder/commands").get("items")).isEmpty();
		await().atMost(Duration.ofSeconds(20))
			.until(() -> a.get(http, "/api/v1/recorder/commands?call=" + callId).get("items").get(0).get("botId"),
					id -> id != null && bot.get("id").asString().equals(id.asString()));
	}

}
