package dev.assent.recording;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.jdbc.core.simple.JdbcClient;

import dev.assent.support.Http;
import dev.assent.support.MutableClock;
import dev.assent.support.TestCompany;
import dev.assent.support.WireMockRecorder;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** What the recording tests do over and over: schedule, wait for the bot, opt out, send webhooks. */
final class Recordings {

	static final JsonMapper JSON = JsonMapper.builder().build();

	private Recordings() {
	}

	/** Schedules a meeting owned by {@code memberSlug}; returns its call ids, soonest first. */
	static List<String> schedule(Http http, TestCompany c, String memberSlug, String title, Instant start,
			Duration length, String recurrence, Map<String, String> invitees) {
		Map<String, Object> body = new LinkedHashMap<>();
		body.put("title", title);
		body.put("organizerEmail", memberSlug + "@" + c.slug() + ".example");
		body.put("start", start.toString());
		body.put("end", start.plus(length).toString());
		body.put("timeZone", "UTC");
		if (recurrence != null) {
			body.put("recurrence", recurrence);
		}
		List<Map<String, String>> list = new ArrayList<>();
		invitees.forEach((email, name) -> list.add(Map.of("email", email, "name", name)));
		body.put("invitees", list);
		JsonNode meeting = c.post(http, "/api/v1/meetings", body);
		List<String> ids = new ArrayList<>();
		meeting.get("occurrences").forEach(o -> ids.add(o.get("callId").asString()));
		return ids;
	}

	/** How many commands of {@code kind} (RECORD, STOP, …) Assent stored for the call. */
	static int commands(JdbcClient jdbc, String callId, String kind) {
		return jdbc.sql("select count(*) from recording.commands where call_id = ?::uuid and kind = ?")
			.params(callId, kind)
			.query(Integer.class)
			.single();
	}

	/** Waits until the recorder made the call's bot and Assent stored its id. */
	static String awaitBot(JdbcClient jdbc, String callId) {
		await().atMost(Duration.ofSeconds(15))
			.until(() -> jdbc.sql("select bot_id from recording.sessions where call_id = ?::uuid")
				.param(callId)
				.query(String.class)
				.optional()
				.orElse(null), b -> b != null);
		String bot = jdbc.sql("select bot_id from recording.sessions where call_id = ?::uuid").param(callId).query(String.class).single();
		assertThat(bot).isEqualTo(WireMockRecorder.botOf(callId));
		return bot;
	}

	/** A call being recorded: its id, its bot and the planned start its recording started at. */
	record RecordingCall(String callId, String botId, Instant start) {

		String[] asArray() {
			return new String[] { callId, botId, start.toString() };
		}

	}

	/**
	 * Schedules a call of {@code length} owned by the member, starting at the next minute with one
	 * external invitee, waits for its bot, sets the clock to its start and reports the recording started.
	 */
	static RecordingCall recordingCall(Http http, JdbcClient jdbc, MutableClock clock, TestCompany c, String slug,
			String title, Duration length) {
		Instant start = clock.instant().plus(1, ChronoUnit.MINUTES).truncatedTo(ChronoUnit.MINUTES);
		String callId = schedule(http, c, slug, title, start, length, null, Map.of("buyer@client.example", "Bea Buyer"))
			.get(0);
		String botId = awaitBot(jdbc, callId);
		clock.set(start);
		assertThat(webhook(http, event("evt-" + UUID.randomUUID(), "recording.started", start, callId, botId)).status())
			.isEqualTo(200);
		return new RecordingCall(callId, botId, start);
	}

	/** A participant chooses "Join but don't record" on the member's consent page (a new browser each time). */
	static void optOut(Http http, String companySlug, String memberSlug) {
		decide(http, companySlug, memberSlug, "DONT_RECORD");
	}

	static void decide(Http http, String companySlug, String memberSlug, String choice) {
		http.clearCookies();
		Map<String, String> form = Http.hiddenFields(http.get("/" + companySlug + "/" + memberSlug).body());
		form.put("choice", choice);
		assertThat(http.form("/" + companySlug + "/" + memberSlug, form).status()).isEqualTo(303);
	}

	/** Sends a recorder webhook signed with the test secret. */
	static Http.Response webhook(Http http, Map<String, Object> event) {
		String body = JSON.writeValueAsString(event);
		return http.post("/webhooks/recorder", "application/json", body, "X-Assent-Signature",
				WireMockRecorder.sign(body));
	}

	static Map<String, Object> event(String id, String type, Instant at, String callId, String botId) {
		Map<String, Object> e = new LinkedHashMap<>();
		e.put("id", id);
		e.put("type", type);
		e.put("at", at.toString());
		e.put("callId", callId);
		e.put("botId", botId);
		return e;
	}

	static JsonNode call(Http http, TestCompany c, String callId) {
		return c.get(http, "/api/v1/calls/" + callId);
	}

	static String status(Http http, TestCompany c, String callId) {
		return call(http, c, callId).get("status").asString();
	}

}
