package dev.assent.recording;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

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
import static dev.assent.recording.Recordings.event;
import static dev.assent.recording.Recordings.status;
import static dev.assent.recording.Recordings.webhook;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The right call and the right room (issue 7; PRODUCT C7, C10, D4, D5, L6, API.md "Public consent
 * page"): a meeting with its own join link has its own consent link, whose decisions belong to that
 * meeting's occurrence and whose 303 goes to that meeting's room; which occurrence a decision is for
 * follows {@code OccurrenceRule}; a participant who changes their mind makes the call recordable again.
 */
@RecorderTest
class MeetingLinksIntegrationTests {

	@LocalServerPort
	int port;

	@Autowired
	MutableClock clock;

	@Autowired
	JdbcClient jdbc;

	@Autowired
	RecordingManagement recordings;

	private Http http() {
		return new Http(port);
	}

	private Instant nextMinute() {
		return clock.instant().plus(1, ChronoUnit.MINUTES).truncatedTo(ChronoUnit.MINUTES);
	}

	/** Schedules a meeting organised by the member, in the given room (null: the member's personal room). */
	private JsonNode meeting(Http http, TestCompany c, String organizer, String title, String joinUrl, Instant start,
			Duration length, String recurrence, String... inviteeEmails) {
		Map<String, Object> body = new LinkedHashMap<>();
		body.put("title", title);
		body.put("organizerEmail", organizer + "@" + c.slug() + ".example");
		body.put("start", start.toString());
		body.put("end", start.plus(length).toString());
		body.put("timeZone", "UTC");
		if (joinUrl != null) {
			body.put("joinUrl", joinUrl);
		}
		if (recurrence != null) {
			body.put("recurrence", recurrence);
		}
		List<Map<String, String>> invitees = new ArrayList<>();
		for (String email : inviteeEmails) {
			invitees.add(Map.of("email", email));
		}
		if (invitees.isEmpty()) {
			invitees.add(Map.of("email", "buyer@client.example"));
		}
		body.put("invitees", invitees);
		return c.post(http, "/api/v1/meetings", body);
	}

	/** A meeting of two 30-minute calls {@code hoursApart} apart, from the next minute, each with its bot. */
	record TwoCalls(JsonNode meeting, Instant start, String first, String second, String firstBot, String secondBot) {
	}

	/** {@link TwoCalls} in the member's room; the clock at the first call's start, which the recorder reported started. */
	private TwoCalls twoCallsFirstStarted(Http http, TestCompany c, String organizer, String title, String joinUrl,
			int hoursApart) {
		Instant start = nextMinute();
		JsonNode m = meeting(http, c, organizer, title, joinUrl, start, Duration.ofMinutes(30),
				"FREQ=HOURLY;INTERVAL=" + hoursApart + ";COUNT=2");
		String first = callOf(m, 0);
		String second = callOf(m, 1);
		String firstBot = awaitBot(jdbc, first);
		String secondBot = awaitBot(jdbc, second);
		clock.set(start);
		started(http, first, firstBot, start);
		return new TwoCalls(m, start, first, second, firstBot, secondBot);
	}

	private static String callOf(JsonNode meeting, int occurrence) {
		return meeting.get("occurrences").get(occurrence).get("callId").asString();
	}

	/** A participant (this browser, its cookie kept) decides on the page behind the link; answers the 303's target. */
	private static String decide(Http browser, String link, String choice) {
		String path = link.substring(browser.base().length());
		Http.Response page = browser.get(path);
		assertThat(page.status()).as(path + ": " + page.body()).isEqualTo(200);
		Map<String, String> form = Http.hiddenFields(page.body());
		form.put("choice", choice);
		String action = path.contains("?") ? path.substring(0, path.indexOf('?')) : path;
		Http.Response decided = browser.form(action, form);
		assertThat(decided.status()).as(decided.body()).isEqualTo(303);
		return decided.header("Location");
	}

	private List<String> decisionCalls(TestCompany c) {
		return jdbc.sql("select call_id::text from consentpage.decisions where company_id = ?::uuid order by seq")
			.param(c.id())
			.query(String.class)
			.list();
	}

	private void started(Http http, String callId, String botId, Instant at) {
		assertThat(webhook(http, event("evt-" + UUID.randomUUID(), "recording.started", at, callId, botId)).status())
			.isEqualTo(200);
	}

	private int records(String callId) {
		return Recordings.commands(jdbc, callId, "RECORD");
	}

	@Test
	void thirtyOverlappingMeetingsOfOneRepEachLinksOptOutStopsThatMeetingsBotAndLandsInItsRoom() {
		Http http = http();
		TestCompany c = TestCompany.create(http, "thirty");
		c.member(http, "Tess Thirty", "tess", "https://zoom.us/j/3000000000");
		Instant start = nextMinute();
		List<JsonNode> meetings = new ArrayList<>();
		for (int i = 0; i < 30; i++) {
			meetings.add(meeting(http, c, "tess", "Demo " + i, "https://zoom.us/j/30000001" + String.format("%02d", i),
					start.plus(Duration.ofMinutes(i)), Duration.ofMinutes(60), null));
		}
		List<String> calls = meetings.stream().map(m -> callOf(m, 0)).toList();
		List<String> bots = calls.stream().map(id -> awaitBot(jdbc, id)).toList();
		clock.set(start.plus(Duration.ofMinutes(35)));
		for (int i = 0; i < 30; i++) {
			started(http, calls.get(i), bots.get(i), clock.instant());
		}

		for (int i = 0; i < 30; i++) {
			String link = meetings.get(i).get("consentLink").asString();
			assertThat(link).matches(".*/" + c.slug() + "/tess/[a-z0-9]{10}");
			String room = decide(http(), link, "DONT_RECORD");

			assertThat(room).as("meeting %d's room", i).isEqualTo(meetings.get(i).get("joinUrl").asString());
			int stopped = i;
			await().atMost(Duration.ofSeconds(10)).until(() -> WireMockRecorder.stopsOf(bots.get(stopped)).size() == 1);
			for (int j = i + 1; j < 30; j++) {
				assertThat(WireMockRecorder.stopsOf(bots.get(j))).as("bot of meeting %d", j).isEmpty();
			}
		}
		assertThat(decisionCalls(c)).containsExactlyElementsOf(calls);
		assertThat(calls).allSatisfy(id -> assertThat(status(http, c, id)).isEqualTo("SKIPPED"));
		assertThat(bots).allSatisfy(b -> assertThat(WireMockRecorder.stopsOf(b)).hasSize(1));
	}

	@Test
	void anOptOutFiveMinutesAfterThePlannedEndOfACallStillRecordingStopsIt() {
		Http http = http();
		TestCompany c = TestCompany.create(http, "overrun");
		c.member(http, "Otto Overrun", "otto", "https://zoom.us/j/3100000000");
		Instant start = nextMinute();
		JsonNode m = meeting(http, c, "otto", "Runs over", "https://zoom.us/j/3100000001", start, Duration.ofMinutes(30),
				null);
		String callId = callOf(m, 0);
		String botId = awaitBot(jdbc, callId);
		clock.set(start);
		started(http, callId, botId, start);
		Instant optOutAt = start.plus(Duration.ofMinutes(35));
		clock.set(optOutAt);

		decide(http(), m.get("consentLink").asString(), "DONT_RECORD");

		await().atMost(Duration.ofSeconds(10)).until(() -> WireMockRecorder.stopsOf(botId).size() == 1);
		assertThat(decisionCalls(c)).containsExactly(callId);
		// All of the planned time was recorded: the recording is kept up to the opt-out (D5).
		JsonNode call = Recordings.call(http, c, callId);
		assertThat(call.get("status").asString()).isEqualTo("PARTIAL");
		assertThat(Instant.parse(call.get("keptUntil").asString())).isEqualTo(optOutAt);
	}

	@Test
	void anEarlyClickAppliesToTheOccurrenceThatStartsLater() {
		Http http = http();
		TestCompany c = TestCompany.create(http, "early");
		c.member(http, "Erin Early", "erin", "https://zoom.us/j/3200000000");
		// Every four hours, twice: the first has ended (the recorder said so), the second starts in three hours.
		TwoCalls two = twoCallsFirstStarted(http, c, "erin", "Check-in", "https://zoom.us/j/3200000001", 4);
		clock.set(two.start().plus(Duration.ofMinutes(30)));
		assertThat(webhook(http, event("evt-" + UUID.randomUUID(), "call.ended", two.start().plus(Duration.ofMinutes(30)),
				two.first(), two.firstBot())).status()).isEqualTo(200);
		clock.set(two.start().plus(Duration.ofMinutes(60)));

		decide(http(), two.meeting().get("consentLink").asString(), "DONT_RECORD");

		assertThat(decisionCalls(c)).containsExactly(two.second());
		await().atMost(Duration.ofSeconds(10)).until(() -> "SKIPPED".equals(status(http, c, two.second())));
		await().atMost(Duration.ofSeconds(10)).until(() -> WireMockRecorder.stopsOf(two.secondBot()).size() == 1);
		assertThat(status(http, c, two.first())).isEqualTo("RECORDED");
		assertThat(WireMockRecorder.stopsOf(two.firstBot())).isEmpty();
	}

	@Test
	void anOptOutJustBeforeTheNextCallOfALinkWhoseLastCallWasOptedOutStopsTheNextCallsBot() {
		// D4: the first call was skipped by an opt-out — its bot left on Assent's STOP, so the recorder never reports the
		// call's end. Two hours later the link's next call starts; an opt-out five minutes before it (its bot not joined
		// yet) is for that call, not for the stopped one.
		Http http = http();
		TestCompany c = TestCompany.create(http, "after-stop");
		c.member(http, "Sid Again", "sid", "https://zoom.us/j/3300000000");
		TwoCalls two = twoCallsFirstStarted(http, c, "sid", "Back to back", "https://zoom.us/j/3300000001", 2);
		clock.set(two.start().plus(Duration.ofMinutes(5)));
		decide(http(), two.meeting().get("consentLink").asString(), "DONT_RECORD");
		await().atMost(Duration.ofSeconds(10)).until(() -> WireMockRecorder.stopsOf(two.firstBot()).size() == 1);
		assertThat(status(http, c, two.first())).isEqualTo("SKIPPED");

		clock.set(two.start().plus(Duration.ofMinutes(115)));
		decide(http(), two.meeting().get("consentLink").asString(), "DONT_RECORD");

		assertThat(decisionCalls(c)).containsExactly(two.first(), two.second());
		await().atMost(Duration.ofSeconds(10)).until(() -> "SKIPPED".equals(status(http, c, two.second())));
		await().atMost(Duration.ofSeconds(10)).until(() -> WireMockRecorder.stopsOf(two.secondBot()).size() == 1);
	}

	@Test
	void thePersonalLinkKeepsLeadingToThePersonalRoomAndItsCall() {
		Http http = http();
		TestCompany c = TestCompany.create(http, "personal");
		c.member(http, "Paula Personal", "paula", "https://zoom.us/j/3300000000");
		Instant start = nextMinute();
		JsonNode inRoom = meeting(http, c, "paula", "In the personal room", null, start, Duration.ofMinutes(30), null);
		JsonNode ownRoom = meeting(http, c, "paula", "Own room", "https://zoom.us/j/3300000001", start,
				Duration.ofMinutes(30), null);
		String personalCall = callOf(inRoom, 0);
		String meetingCall = callOf(ownRoom, 0);
		String personalBot = awaitBot(jdbc, personalCall);
		String meetingBot = awaitBot(jdbc, meetingCall);
		assertThat(inRoom.get("consentLink").asString()).endsWith("/" + c.slug() + "/paula");
		assertThat(ownRoom.get("consentLink").asString()).matches(".*/" + c.slug() + "/paula/[a-z0-9]{10}");
		assertThat(ownRoom.get("inviteText").asString()).contains(ownRoom.get("consentLink").asString());
		clock.set(start.plus(Duration.ofMinutes(2)));

		String room = decide(http(), inRoom.get("consentLink").asString(), "DONT_RECORD");

		assertThat(room).isEqualTo("https://zoom.us/j/3300000000");
		assertThat(decisionCalls(c)).containsExactly(personalCall);
		await().atMost(Duration.ofSeconds(10)).until(() -> WireMockRecorder.stopsOf(personalBot).size() == 1);
		assertThat(status(http, c, meetingCall)).isEqualTo("SCHEDULED");
		assertThat(WireMockRecorder.stopsOf(meetingBot)).isEmpty();
		// Another company's slug does not open this meeting's page.
		TestCompany other = TestCompany.create(http, "other");
		String slug = ownRoom.get("consentLink").asString().replaceAll(".*/", "");
		assertThat(http.get("/" + other.slug() + "/paula/" + slug).status()).isEqualTo(404);
		assertThat(http.get("/" + c.slug() + "/paula/zzzzzzzzzz").status()).isEqualTo(404);
	}

	@Test
	void anSdrSchedulingInTheAesRoomGetsALinkNamingTheAesPageAndTheMeeting() {
		Http http = http();
		TestCompany c = TestCompany.create(http, "sdr");
		c.member(http, "Sam Sdr", "sam", "https://zoom.us/j/3400000000");
		c.member(http, "Alex Account", "alex", "https://zoom.us/j/3400000001");
		assertThat(http.json("PUT", "/api/v1/consent-page", c.apiToken(), Map.of("protectedLinks", true)).status())
			.isEqualTo(200);
		Instant start = nextMinute();
		// The SDR organises (and, recorded, owns) the meeting; it is held in the AE's personal room.
		JsonNode m = meeting(http, c, "sam", "Discovery with Alex", "https://zoom.us/j/3400000001", start,
				Duration.ofMinutes(30), null, "alex@" + c.slug() + ".example", "buyer@client.example");
		assertThat(m.get("owner").get("name").asString()).isEqualTo("Sam Sdr");
		String link = m.get("consentLink").asString();
		assertThat(link).matches(".*/" + c.slug() + "/alex/[a-z0-9]{10}\\?t=.+");
		String callId = callOf(m, 0);
		String botId = awaitBot(jdbc, callId);
		clock.set(start.plus(Duration.ofMinutes(1)));
		assertThat(http().get(link.substring(http.base().length())).body()).contains("Alex Account");

		String room = decide(http(), link, "DONT_RECORD");

		assertThat(room).isEqualTo("https://zoom.us/j/3400000001");
		assertThat(decisionCalls(c)).containsExactly(callId);
		await().atMost(Duration.ofSeconds(10)).until(() -> WireMockRecorder.stopsOf(botId).size() == 1);
		assertThat(status(http, c, callId)).isEqualTo("SKIPPED");
		// After the transition only the link with its token opens the page (C9).
		clock.set(start.plus(Duration.ofDays(91)));
		assertThat(http().get(link.substring(http.base().length(), link.indexOf('?'))).status()).isEqualTo(404);
		assertThat(http().get(link.substring(http.base().length())).status()).isEqualTo(200);
	}

	@Test
	void theSeventyPercentRuleWithoutAReportedStartSkipsTheCall() {
		Http http = http();
		TestCompany c = TestCompany.create(http, "nostart");
		c.member(http, "Nora Nostart", "nora", "https://zoom.us/j/3500000000");
		Instant start = nextMinute();
		JsonNode m = meeting(http, c, "nora", "Never started", "https://zoom.us/j/3500000001", start,
				Duration.ofMinutes(100), null);
		String callId = callOf(m, 0);
		String botId = awaitBot(jdbc, callId);
		// 80 % of the planned time has passed, but the recorder never reported a start: nothing was recorded.
		clock.set(start.plus(Duration.ofMinutes(80)));

		decide(http(), m.get("consentLink").asString(), "DONT_RECORD");

		await().atMost(Duration.ofSeconds(10)).until(() -> WireMockRecorder.stopsOf(botId).size() == 1);
		JsonNode call = Recordings.call(http, c, callId);
		assertThat(call.get("status").asString()).isEqualTo("SKIPPED");
		assertThat(call.get("skipReason").asString()).isEqualTo("PARTICIPANT_OPTED_OUT");
		assertThat(call.has("keptUntil")).isFalse();
		assertThat(WireMockRecorder.stopsOf(botId).get(0).getBodyAsString()).doesNotContain("keepRecordingUntil");
	}

	@Test
	void reConsentBeforeTheStartMakesTheCallRecordableOnceEveryoneWhoOptedOutHasConsented() {
		Http http = http();
		TestCompany c = TestCompany.create(http, "mind");
		c.member(http, "Mia Mind", "mia", "https://zoom.us/j/3600000000");
		Instant start = nextMinute().plus(Duration.ofHours(1));
		JsonNode m = meeting(http, c, "mia", "Changing minds", "https://zoom.us/j/3600000001", start,
				Duration.ofMinutes(30), null);
		String callId = callOf(m, 0);
		String link = m.get("consentLink").asString();
		awaitBot(jdbc, callId);
		Http ann = http();
		Http ben = http();

		decide(ann, link, "DONT_RECORD");
		decide(ben, link, "DONT_RECORD");
		await().atMost(Duration.ofSeconds(10)).until(() -> "SKIPPED".equals(status(http, c, callId)));

		// C10: Ann changes her mind, but Ben's opt-out still stands.
		decide(ann, link, "RECORD");
		await().during(Duration.ofMillis(800)).atMost(Duration.ofSeconds(3))
			.until(() -> "SKIPPED".equals(status(http, c, callId)) && records(callId) == 1);

		decide(ben, link, "RECORD");
		await().atMost(Duration.ofSeconds(10)).until(() -> "SCHEDULED".equals(status(http, c, callId)));
		await().atMost(Duration.ofSeconds(10)).until(() -> WireMockRecorder.createsFor(callId).size() == 2);
		// A new bot, ordered for the planned start, with a command (and idempotency key) of its own.
		JsonNode order = Recordings.JSON.readTree(WireMockRecorder.createsFor(callId).get(1).getBodyAsString());
		assertThat(order.get("joinAt").asString()).isEqualTo(start.toString());
		assertThat(WireMockRecorder.createsFor(callId).stream().map(r -> r.getHeader("Idempotency-Key")).distinct())
			.hasSize(2);
		assertThat(recordings.session(UUID.fromString(callId)).orElseThrow().stopReason()).isNull();
	}

	@Test
	void reConsentAfterTheStopStartsANewBotForASecondSegment() {
		Http http = http();
		TestCompany c = TestCompany.create(http, "segment");
		c.member(http, "Sid Segment", "sid", "https://zoom.us/j/3700000000");
		Instant start = nextMinute();
		JsonNode m = meeting(http, c, "sid", "Two segments", "https://zoom.us/j/3700000001", start,
				Duration.ofMinutes(60), null);
		String callId = callOf(m, 0);
		String link = m.get("consentLink").asString();
		String botId = awaitBot(jdbc, callId);
		clock.set(start);
		started(http, callId, botId, start);
		Http participant = http();

		clock.set(start.plus(Duration.ofMinutes(10)));
		decide(participant, link, "DONT_RECORD");
		await().atMost(Duration.ofSeconds(10)).until(() -> WireMockRecorder.stopsOf(botId).size() == 1);
		assertThat(status(http, c, callId)).isEqualTo("SKIPPED");
		assertThat(webhook(http, event("evt-" + UUID.randomUUID(), "recording.stopped", start.plus(Duration.ofMinutes(10)),
				callId, botId)).status()).isEqualTo(200);
		// After the stop, the page says so (and that it records again only when everyone who opted out agrees).
		String path = link.substring(http.base().length());
		await().atMost(Duration.ofSeconds(10)).until(() -> http().get(path).body().contains("id=\"recording-stopped\""));
		assertThat(http().get(path).body()).contains("The recording of this meeting was stopped");

		// C10: the same participant consents after the stop; nobody else opted out.
		Instant again = start.plus(Duration.ofMinutes(20));
		clock.set(again);
		decide(participant, link, "RECORD");

		await().atMost(Duration.ofSeconds(10)).until(() -> records(callId) == 2);
		await().atMost(Duration.ofSeconds(10)).until(() -> WireMockRecorder.createsFor(callId).size() == 2);
		assertThat(status(http, c, callId)).isEqualTo("RECORDING");
		await().atMost(Duration.ofSeconds(10)).until(() -> !http().get(path).body().contains("id=\"recording-stopped\""));
		JsonNode order = Recordings.JSON.readTree(WireMockRecorder.createsFor(callId).get(1).getBodyAsString());
		assertThat(Instant.parse(order.get("joinAt").asString())).isEqualTo(again);
		assertThat(decisionCalls(c)).containsExactly(callId, callId);
		// The new bot records: the call page shows a second segment.
		await().atMost(Duration.ofSeconds(10))
			.until(() -> recordings.session(UUID.fromString(callId)).orElseThrow().botId() != null);
		started(http, callId, botId, again.plusSeconds(30));
		List<Segments.Segment> segments = recordings.segmentsOf(UUID.fromString(c.id()), UUID.fromString(callId));
		assertThat(segments).extracting(Segments.Segment::number).containsExactly(1, 2);
		assertThat(segments.get(0).stopReason()).isEqualTo("PARTICIPANT_OPTED_OUT");
		assertThat(segments.get(1).startedAt()).isEqualTo(again.plusSeconds(30));
		assertThat(segments.get(1).stoppedAt()).isNull();
	}

}
