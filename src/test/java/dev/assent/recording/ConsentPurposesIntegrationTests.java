package dev.assent.recording;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Collectors;

import com.github.tomakehurst.wiremock.client.WireMock;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
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
import static dev.assent.recording.Recordings.schedule;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Consent by purpose (PRODUCT X4, issue 12): a profile may ask separately for transcription and AI
 * training; the page offers them as optional, unticked checkboxes beside the one-click choice; the
 * decision, its evidence and the recorder's PURPOSES command carry the purposes refused.
 */
@RecorderTest
class ConsentPurposesIntegrationTests {

	@LocalServerPort
	int port;

	@Autowired
	MutableClock clock;

	@Autowired
	JdbcClient jdbc;

	private static String profileId(Http http, TestCompany c) {
		return c.get(http, "/api/v1/consent-profiles").get("items").get(0).get("id").asString();
	}

	private static List<LoggedRequest> purposesOf(String botId) {
		return WireMockRecorder.server()
			.findAll(WireMock.anyRequestedFor(WireMock.urlEqualTo("/bots/" + botId + "/purposes")));
	}

	/** Posts the page's form with its hidden fields, the choice and the purposes ticked (repeated fields). */
	private static Http.Response decide(Http browser, String path, String choice, String... ticked) {
		Map<String, String> form = Http.hiddenFields(browser.get(path).body());
		form.put("choice", choice);
		String body = form.entrySet()
			.stream()
			.map(e -> enc(e.getKey()) + "=" + enc(e.getValue()))
			.collect(Collectors.joining("&"));
		for (String p : ticked) {
			body += "&purpose=" + enc(p);
		}
		return browser.post(path, "application/x-www-form-urlencoded", body);
	}

	private static String enc(String s) {
		return URLEncoder.encode(s, StandardCharsets.UTF_8);
	}

	@Test
	void thePageOffersThePurposesOnlyWhenTheProfileAsksUntickedBesideTheOneClickChoice() { // X4
		Http http = new Http(port);
		TestCompany c = TestCompany.create(http, "purp-page");
		c.member(http, "Paula Page", "paula", "https://zoom.us/j/7400001");
		String path = "/" + c.slug() + "/paula";
		assertThat(new Http(port).get(path).body()).doesNotContain("name=\"purpose\"");

		JsonNode profile = c.patch(http, "/api/v1/consent-profiles/" + profileId(http, c),
				Map.of("purposes", List.of("TRANSCRIPTION", "AI_TRAINING"), "languages", List.of("en", "de")));

		assertThat(profile.get("purposes").toString()).isEqualTo("[\"TRANSCRIPTION\",\"AI_TRAINING\"]");
		String page = new Http(port).get(path).body();
		assertThat(page).contains("value=\"TRANSCRIPTION\"", "value=\"AI_TRAINING\"", "Transcription of the recording",
				"Use of the recording to train AI models", "name=\"choice\"");
		assertThat(page).doesNotContain("checked").doesNotContain("<script");
		String german = new Http(port).getWith(path, "Accept-Language", "de").body();
		assertThat(german).contains("Transkription der Aufzeichnung");
	}

	@Test
	void refusedPurposesAreStoredInTheEvidenceExportAndToldToTheRecorder() { // X4, X1
		WireMockRecorder.server()
			.stubFor(WireMock.post(WireMock.urlPathMatching("/bots/[^/]+/purposes"))
				.willReturn(WireMock.aResponse().withStatus(202).withBody("{}")));
		Http http = new Http(port);
		TestCompany c = TestCompany.create(http, "purp-flow");
		c.member(http, "Petra Purpose", "petra", "https://zoom.us/j/7400002");
		c.patch(http, "/api/v1/consent-profiles/" + profileId(http, c),
				Map.of("purposes", List.of("TRANSCRIPTION", "AI_TRAINING")));
		Instant start = clock.instant().plus(1, ChronoUnit.MINUTES).truncatedTo(ChronoUnit.MINUTES);
		String callId = schedule(http, c, "petra", "Purposes call", start, Duration.ofMinutes(60), null,
				Map.of("buyer@client.example", "Bea Buyer")).get(0);
		String botId = awaitBot(jdbc, callId);
		clock.set(start.plusSeconds(30));

		// one click on the main choice, transcription ticked, AI training left unticked
		Http browser = new Http(port);
		assertThat(decide(browser, "/" + c.slug() + "/petra", "RECORD", "TRANSCRIPTION").status()).isEqualTo(303);

		assertThat(jdbc.sql("select array_to_string(purposes_refused, ',') from consentpage.decisions where call_id = ?::uuid")
			.param(callId)
			.query(String.class)
			.single()).isEqualTo("AI_TRAINING");
		await().atMost(Duration.ofSeconds(15)).until(() -> purposesOf(botId).size() == 1);
		JsonNode order = Recordings.JSON.readTree(purposesOf(botId).get(0).getBodyAsString());
		assertThat(order.get("refused").toString()).isEqualTo("[\"AI_TRAINING\"]");
		assertThat(order.get("participant").asString()).isNotBlank();
		assertThat(purposesOf(botId).get(0).getHeader("Idempotency-Key")).startsWith("assent-");

		JsonNode export = http.get("/api/v1/calls/" + callId + "/evidence", c.apiToken()).json();
		JsonNode decision = null;
		for (JsonNode r : export.get("records")) {
			if (r.get("kind").asString().equals("CONSENT_DECISION")) {
				decision = r;
			}
		}
		assertThat(decision).isNotNull();
		assertThat(decision.get("purposes").get("recording").asString()).isEqualTo("CONSENTED");
		assertThat(decision.get("purposes").get("transcription").asString()).isEqualTo("CONSENTED");
		assertThat(decision.get("purposes").get("aiTraining").asString()).isEqualTo("REFUSED");
		assertThat(decision.get("shown").get("purposesRefused").toString()).isEqualTo("[\"AI_TRAINING\"]");
		await().atMost(Duration.ofSeconds(10))
			.until(() -> jdbc.sql("select status from recording.commands where call_id = ?::uuid and kind = 'PURPOSES'")
				.param(callId)
				.query(String.class)
				.single()
				.equals("SENT"));
	}

	@Test
	void aNewBotAfterReConsentIsToldEveryPurposeStillRefusedOnce() { // X4, C10
		WireMockRecorder.server()
			.stubFor(WireMock.post(WireMock.urlPathMatching("/bots/[^/]+/purposes"))
				.willReturn(WireMock.aResponse().withStatus(202).withBody("{}")));
		Http http = new Http(port);
		TestCompany c = TestCompany.create(http, "purp-mind");
		c.member(http, "Rita Refuse", "rita", "https://zoom.us/j/7400004");
		c.patch(http, "/api/v1/consent-profiles/" + profileId(http, c),
				Map.of("purposes", List.of("TRANSCRIPTION", "AI_TRAINING")));
		Instant start = clock.instant().plus(1, ChronoUnit.HOURS).truncatedTo(ChronoUnit.MINUTES);
		String callId = schedule(http, c, "rita", "Minds and purposes", start, Duration.ofMinutes(30), null,
				Map.of("buyer@client.example", "Bea Buyer")).get(0);
		String firstBot = awaitBot(jdbc, callId);
		// The recorder gives the call's next bot an id of its own.
		String newBot = "bot2-" + callId;
		WireMockRecorder.server()
			.stubFor(WireMock.post(WireMock.urlEqualTo("/bots"))
				.withRequestBody(WireMock.containing(callId))
				.atPriority(1)
				.willReturn(WireMock.aResponse().withStatus(201)
					.withHeader("Content-Type", "application/json")
					.withBody("{\"botId\":\"" + newBot + "\"}")));
		String path = "/" + c.slug() + "/rita";
		Http ann = new Http(port);
		Http ben = new Http(port);
		Http cleo = new Http(port);

		// Ann consents to recording and transcription, refuses AI training: the first bot is told.
		assertThat(decide(ann, path, "RECORD", "TRANSCRIPTION").status()).isEqualTo(303);
		// Cleo first refuses AI training too, then allows everything: nothing of hers stands.
		clock.advance(Duration.ofSeconds(5));
		assertThat(decide(cleo, path, "RECORD", "TRANSCRIPTION").status()).isEqualTo(303);
		clock.advance(Duration.ofSeconds(5));
		assertThat(decide(cleo, path, "RECORD", "TRANSCRIPTION", "AI_TRAINING").status()).isEqualTo(303);
		await().atMost(Duration.ofSeconds(15)).until(() -> purposesOf(firstBot).size() == 2);
		// Ben opts out: the call is skipped and its bot stopped.
		clock.advance(Duration.ofSeconds(5));
		assertThat(decide(ben, path, "DONT_RECORD").status()).isEqualTo(303);
		await().atMost(Duration.ofSeconds(10)).until(() -> "SKIPPED".equals(Recordings.status(http, c, callId)));

		// C10: Ben changes his mind, allowing AI training but not transcription: a new bot is ordered.
		clock.advance(Duration.ofSeconds(5));
		assertThat(decide(ben, path, "RECORD", "AI_TRAINING").status()).isEqualTo(303);
		await().atMost(Duration.ofSeconds(10)).until(() -> WireMockRecorder.createsFor(callId).size() == 2);
		await().atMost(Duration.ofSeconds(15)).until(() -> purposesOf(newBot).size() >= 2);

		// The new bot hears Ann's and Ben's standing refusals, each once; Cleo's withdrawn refusal not at all.
		await().during(Duration.ofSeconds(1)).atMost(Duration.ofSeconds(5)).until(() -> purposesOf(newBot).size() == 2);
		Map<String, String> refusedBy = new java.util.HashMap<>();
		for (LoggedRequest r : purposesOf(newBot)) {
			JsonNode order = Recordings.JSON.readTree(r.getBodyAsString());
			refusedBy.put(order.get("participant").asString(), order.get("refused").toString());
		}
		String annId = participantOf(c, "AI_TRAINING", "asc");
		String benId = participantOf(c, "TRANSCRIPTION", "asc");
		String cleoId = participantOf(c, "", "asc");
		assertThat(cleoId).isNotIn(annId, benId);
		assertThat(refusedBy).containsOnly(Map.entry(annId, "[\"AI_TRAINING\"]"), Map.entry(benId, "[\"TRANSCRIPTION\"]"));
		assertThat(purposesOf(newBot).stream().map(r -> r.getHeader("Idempotency-Key")).distinct()).hasSize(2);
		await().atMost(Duration.ofSeconds(10))
			.until(() -> jdbc.sql("""
					select count(*) from recording.commands p join recording.commands r on r.id = p.record_command_id
					where p.call_id = ?::uuid and p.kind = 'PURPOSES' and p.status = 'SENT' and r.bot_id = ?""")
				.params(callId, newBot)
				.query(Integer.class)
				.single() == 2);
	}

	@Test
	void aReplannedCallsNewBotIsToldThePurposesRefused() { // X4
		WireMockRecorder.server()
			.stubFor(WireMock.post(WireMock.urlPathMatching("/bots/[^/]+/purposes"))
				.willReturn(WireMock.aResponse().withStatus(202).withBody("{}")));
		Http http = new Http(port);
		TestCompany c = TestCompany.create(http, "purp-move");
		c.member(http, "Mo Move", "mo", "https://zoom.us/j/7400005");
		c.patch(http, "/api/v1/consent-profiles/" + profileId(http, c), Map.of("purposes", List.of("AI_TRAINING")));
		Instant start = clock.instant().plus(1, ChronoUnit.HOURS).truncatedTo(ChronoUnit.MINUTES);
		String uid = "move-" + UUID.randomUUID() + "@test.example";
		Http.Response imported = http.send("POST", "/api/v1/meetings/import", c.apiToken(), "text/calendar",
				ics(uid, c, start, "https://zoom.us/j/7400005"));
		assertThat(imported.status()).as(imported.body()).isEqualTo(201);
		String callId = imported.json().get("created").get(0).get("occurrences").get(0).get("callId").asString();
		String firstBot = awaitBot(jdbc, callId);
		assertThat(decide(new Http(port), "/" + c.slug() + "/mo", "RECORD").status()).isEqualTo(303);
		await().atMost(Duration.ofSeconds(15)).until(() -> purposesOf(firstBot).size() == 1);
		String newBot = "bot2-" + callId;
		WireMockRecorder.server()
			.stubFor(WireMock.post(WireMock.urlEqualTo("/bots"))
				.withRequestBody(WireMock.containing(callId))
				.atPriority(1)
				.willReturn(WireMock.aResponse().withStatus(201)
					.withHeader("Content-Type", "application/json")
					.withBody("{\"botId\":\"" + newBot + "\"}")));

		// The organizer moves the meeting to another room: the call is re-planned with a new bot.
		Http.Response moved = http.send("POST", "/api/v1/meetings/import", c.apiToken(), "text/calendar",
				ics(uid, c, start, "https://zoom.us/j/7400015"));
		assertThat(moved.status()).as(moved.body()).isEqualTo(200);

		await().atMost(Duration.ofSeconds(10)).until(() -> WireMockRecorder.createsFor(callId).size() == 2);
		await().atMost(Duration.ofSeconds(15)).until(() -> purposesOf(newBot).size() == 1);
		JsonNode order = Recordings.JSON.readTree(purposesOf(newBot).get(0).getBodyAsString());
		assertThat(order.get("refused").toString()).isEqualTo("[\"AI_TRAINING\"]");
	}

	private static String ics(String uid, TestCompany c, Instant start, String room) {
		java.time.format.DateTimeFormatter utc = java.time.format.DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss'Z'")
			.withZone(java.time.ZoneOffset.UTC);
		return String.join("\r\n", "BEGIN:VCALENDAR", "VERSION:2.0", "PRODID:-//Assent tests//EN", "BEGIN:VEVENT",
				"UID:" + uid, "DTSTAMP:" + utc.format(start.minus(Duration.ofDays(1))), "DTSTART:" + utc.format(start),
				"DTEND:" + utc.format(start.plus(Duration.ofMinutes(30))), "SUMMARY:Moving call",
				"ORGANIZER:mailto:mo@" + c.slug() + ".example", "ATTENDEE:mailto:buyer@client.example",
				"LOCATION:" + room, "END:VEVENT", "END:VCALENDAR", "");
	}

	/** The participant of the company's first consent that refused exactly {@code refused} (comma separated). */
	private String participantOf(TestCompany c, String refused, String order) {
		return jdbc.sql("""
				select participant_id from consentpage.decisions
				where company_id = ?::uuid and array_to_string(purposes_refused, ',') = ? and outcome = 'CONSENTED'
				order by seq %s limit 1""".formatted(order))
			.params(c.id(), refused)
			.query(String.class)
			.single();
	}

	@Test
	void anUnknownPurposeIsABadRequestOnTheApiAndOnThePage() { // X4
		Http http = new Http(port);
		TestCompany c = TestCompany.create(http, "purp-bad");
		c.member(http, "Ben Bad", "ben", "https://zoom.us/j/7400003");
		String profile = "/api/v1/consent-profiles/" + profileId(http, c);

		Http.Response patch = http.json("PATCH", profile, c.apiToken(), Map.of("purposes", List.of("VOICEPRINT")));
		Http.Response create = http.json("POST", "/api/v1/consent-profiles", c.apiToken(),
				Map.of("name", "Odd", "purposes", List.of("TRANSCRIPTION", "SELLING")));

		assertThat(patch.status()).isEqualTo(400);
		assertThat(patch.header("Content-Type")).contains("application/problem+json");
		assertThat(patch.body()).contains("purposes", "VOICEPRINT", "TRANSCRIPTION", "AI_TRAINING");
		assertThat(create.status()).isEqualTo(400);
		assertThat(create.body()).contains("SELLING");

		c.patch(http, profile, Map.of("purposes", List.of("TRANSCRIPTION")));
		Http browser = new Http(port);
		assertThat(decide(browser, "/" + c.slug() + "/ben", "RECORD", "VOICEPRINT").status()).isEqualTo(400);
		assertThat(decide(browser, "/" + c.slug() + "/ben", "RECORD", "AI_TRAINING").status()).isEqualTo(409);
		assertThat(jdbc.sql("select count(*) from consentpage.decisions where company_id = ?::uuid")
			.param(c.id())
			.query(Integer.class)
			.single()).isZero();
	}

}
