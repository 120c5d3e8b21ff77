package dev.assent.recording;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;

import dev.assent.accounts.MemberManagement;
import dev.assent.recording.spi.RecorderSignatures;
import dev.assent.support.AssentIntegrationTest;
import dev.assent.support.Http;
import dev.assent.support.MutableClock;
import dev.assent.support.TestCompany;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The embedded run end to end: Assent orders a bot from its own simulated recorder over HTTP, the
 * simulator joins at the planned start (driven by the clock) and reports back through signed
 * webhooks, and an opt-out stops the simulated bot.
 */
@AssentIntegrationTest
// Its own context: the recorder page lists the newest bots by the clock, which other tests move.
@org.springframework.test.context.TestPropertySource(properties = "assent.test.context=simulated-recorder")
class SimulatedRecorderIntegrationTests {

	@LocalServerPort
	int port;

	@Autowired
	MutableClock clock;

	@Autowired
	JdbcClient jdbc;

	@Autowired
	MemberManagement members;

	@Test
	void simulatedRecorderJoinsRecordsAndStopsOnAnOptOut() {
		Http http = new Http(port);
		TestCompany c = TestCompany.create(http, "sim");
		c.member(http, "Sam Seller", "sam", "https://zoom.us/j/5550001");
		Instant start = clock.instant().plus(5, ChronoUnit.MINUTES).truncatedTo(ChronoUnit.SECONDS);
		JsonNode meeting = c.post(http, "/api/v1/meetings", Map.of("title", "Simulated demo", "organizerEmail",
				"sam@" + c.slug() + ".example", "start", start.toString(), "end", start.plus(30, ChronoUnit.MINUTES).toString(),
				"timeZone", "UTC", "invitees", List.of(Map.of("email", "buyer@client.example", "name", "Bea Buyer"))));
		String callId = meeting.get("occurrences").get(0).get("callId").asString();

		await().atMost(Duration.ofSeconds(15)).until(() -> botOf(callId) != null);
		String botId = botOf(callId);
		assertThat(botId).startsWith("sim-");

		clock.set(start.plusSeconds(5));
		await().atMost(Duration.ofSeconds(15))
			.until(() -> c.get(http, "/api/v1/calls/" + callId).get("status").asString().equals("RECORDING"));

		Map<String, String> form = Http.hiddenFields(http.get("/" + c.slug() + "/sam").body());
		form.put("choice", "DONT_RECORD");
		assertThat(http.form("/" + c.slug() + "/sam", form).status()).isEqualTo(303);

		await().atMost(Duration.ofSeconds(15))
			.until(() -> jdbc.sql("select stop_reason from recording.simulated_bots where id = ?")
				.param(botId)
				.query(String.class)
				.optional()
				.orElse(null), r -> "PARTICIPANT_OPTED_OUT".equals(r));
		JsonNode call = c.get(http, "/api/v1/calls/" + callId);
		assertThat(call.get("status").asString()).isEqualTo("SKIPPED");
		assertThat(call.get("skipReason").asString()).isEqualTo("PARTICIPANT_OPTED_OUT");
		assertThat(call.get("consent").get("optedOut").asInt()).isEqualTo(1);
		assertThat(call.get("consent").get("noAnswer").asInt()).isEqualTo(0);

		// The company's tech admin sees the simulator's timeline, its commands and its skipped calls.
		JsonNode tina = c.post(http, "/api/v1/members", Map.of("name", "Tina Tech", "email", "tina@" + c.slug() + ".example",
				"slug", "tina", "role", "TECH_ADMIN", "recorded", false));
		members.setPassword(UUID.fromString(c.id()), UUID.fromString(tina.get("id").asString()), "tina-test-password-123");
		Http own = signIn("tina@" + c.slug() + ".example", "tina-test-password-123");
		Http.Response recorderPage = own.get("/admin/recorder");
		assertThat(recorderPage.status()).isEqualTo(200);
		assertThat(recorderPage.body()).contains("simulated recorder", botId, "PARTICIPANT_OPTED_OUT", "recording.started",
				callId.substring(0, 8));
		Http.Response dashboard = own.get("/admin");
		assertThat(dashboard.status()).isEqualTo(200);
		assertThat(dashboard.body()).contains("Conversations: skipped calls");

		// Another company's admin (Acme's) sees neither this company's bots nor its commands (issue 7, tenancy).
		Http acme = signIn(AssentIntegrationTest.ADMIN_EMAIL, AssentIntegrationTest.ADMIN_PASSWORD);
		Http.Response acmeRecorder = acme.get("/admin/recorder");
		assertThat(acmeRecorder.status()).isEqualTo(200);
		assertThat(acmeRecorder.body()).doesNotContain(botId, callId.substring(0, 8));
		// Another company's call page does not exist for Acme's admin.
		assertThat(acme.get("/admin/calls/" + callId).status()).isEqualTo(404);
	}

	@Autowired
	Recorder recorder;

	@Test
	void aDialInCallerDecliningOnTheSimulatorsKeypadStopsTheRecording() { // X5
		Http http = new Http(port);
		TestCompany c = TestCompany.create(http, "simkey");
		c.member(http, "Kai Keys", "kai", "https://zoom.us/j/5550002");
		Instant start = clock.instant().plus(5, ChronoUnit.MINUTES).truncatedTo(ChronoUnit.SECONDS);
		JsonNode meeting = c.post(http, "/api/v1/meetings", Map.of("title", "Dial-in demo", "organizerEmail",
				"kai@" + c.slug() + ".example", "start", start.toString(), "end", start.plus(30, ChronoUnit.MINUTES).toString(),
				"timeZone", "UTC", "invitees", List.of()));
		String callId = meeting.get("occurrences").get(0).get("callId").asString();
		await().atMost(Duration.ofSeconds(15)).until(() -> botOf(callId) != null);
		String botId = botOf(callId);
		clock.set(start.plusSeconds(5));
		await().atMost(Duration.ofSeconds(15))
			.until(() -> c.get(http, "/api/v1/calls/" + callId).get("status").asString().equals("RECORDING"));
		String press = "{\"phone\":\"+15550123\",\"digit\":\"2\"}";
		assertThat(http.post("/simulator/recorder/bots/" + botId + "/keypad", "application/json", press).status())
			.isEqualTo(401);
		assertThat(http.post("/simulator/recorder/bots/" + botId + "/keypad", "application/json", "{\"digit\":\"12\"}",
				RecorderSignatures.HEADER, RecorderSignatures.assent(recorder.secret(), "{\"digit\":\"12\"}".getBytes())).status())
			.isEqualTo(400);

		assertThat(http.post("/simulator/recorder/bots/" + botId + "/keypad", "application/json", press, RecorderSignatures.HEADER,
				RecorderSignatures.assent(recorder.secret(), press.getBytes())).status()).isEqualTo(202);

		await().atMost(Duration.ofSeconds(15))
			.until(() -> jdbc.sql("select stop_reason from recording.simulated_bots where id = ?")
				.param(botId)
				.query(String.class)
				.optional()
				.orElse(null), r -> "PARTICIPANT_OPTED_OUT".equals(r));
		assertThat(jdbc.sql("select method from evidence.records where company_id = ?::uuid and participant = 'tel:+15550123'")
			.param(c.id())
			.query(String.class)
			.list()).containsExactly("KEYPAD");
		assertThat(c.get(http, "/api/v1/calls/" + callId).get("status").asString()).isEqualTo("SKIPPED");
	}

	private Http signIn(String email, String password) {
		Http admin = new Http(port);
		Map<String, String> login = Http.hiddenFields(admin.get("/login").body());
		login.put("username", email);
		login.put("password", password);
		assertThat(admin.form("/login", login).status()).isEqualTo(302);
		return admin;
	}

	private String botOf(String callId) {
		return jdbc.sql("select bot_id from recording.sessions where call_id = ?::uuid")
			.param(callId)
			.query(String.class)
			.optional()
			.orElse(null);
	}

}
