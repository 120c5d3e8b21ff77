package dev.assent.calls;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

import dev.assent.support.AllAtOnce;
import dev.assent.support.AssentIntegrationTest;
import dev.assent.support.Http;
import dev.assent.support.MutableClock;

import static org.assertj.core.api.Assertions.assertThat;

/** Scheduling and importing meetings over the REST API, and reading their calls (PRODUCT D1, D2, J2, L4). */
@AssentIntegrationTest
class MeetingApiIntegrationTests {

	static final Instant NOW = Instant.parse("2030-03-01T00:00:00Z");

	@LocalServerPort
	int port;

	@Autowired
	MutableClock clock;

	@Autowired
	CallHorizonJob horizonJob;

	Http http;

	TestCompany acme;

	@BeforeEach
	void setUp() {
		clock.set(NOW);
		http = new Http(port);
		acme = TestCompany.create(http);
	}

	@AfterEach
	void resetClock() {
		clock.set(Instant.now());
	}

	Map<String, Object> meeting(String title, String organizer, String start, String end) {
		Map<String, Object> body = new LinkedHashMap<>();
		body.put("title", title);
		body.put("organizerEmail", organizer);
		body.put("start", start);
		body.put("end", end);
		body.put("timeZone", "Europe/Berlin");
		body.put("invitees", List.of(Map.of("email", "jan.kowalski@customer.example", "name", "Jan Kowalski")));
		return body;
	}

	Http.Response schedule(Map<String, Object> body) {
		return http.json("POST", "/api/v1/meetings", acme.token(), body);
	}

	Http.Response importCalendar(String ics) {
		return http.send("POST", "/api/v1/meetings/import", acme.token(), "text/calendar", ics);
	}

	static String fixture(String name) {
		try (InputStream in = MeetingApiIntegrationTests.class.getResourceAsStream("/calls/" + name)) {
			return new String(in.readAllBytes(), StandardCharsets.UTF_8);
		}
		catch (IOException ex) {
			throw new IllegalStateException(ex);
		}
	}

	List<JsonNode> callsOf(JsonNode meeting) {
		Http.Response r = http.get("/api/v1/calls?size=500&meeting=" + meeting.get("id").asString(), acme.token());
		assertThat(r.status()).as(r.body()).isEqualTo(200);
		List<JsonNode> out = new ArrayList<>();
		r.json().get("items").forEach(out::add);
		return out;
	}

	static List<String> plannedStarts(List<JsonNode> calls) {
		return calls.stream().map(c -> c.get("plannedStart").asString()).toList();
	}

	@Test
	void schedulesAOneOffMeetingWithTheOwnersConsentLinkAndInvite() {
		Http.Response r = schedule(meeting("Discovery call", "michael@acme.example", "2030-03-04T10:00", "2030-03-04T10:30"));

		assertThat(r.status()).as(r.body()).isEqualTo(201);
		JsonNode m = r.json();
		String link = http.base() + "/" + acme.slug() + "/michael";
		assertThat(m.get("provider").asString()).isEqualTo("ZOOM");
		assertThat(m.get("joinUrl").asString()).as("the owner's personal link").isEqualTo("https://us02web.zoom.us/j/81234567890");
		assertThat(m.get("start").asString()).isEqualTo("2030-03-04T09:00:00Z");
		assertThat(m.get("owner").get("name").asString()).isEqualTo("Michael Scott");
		assertThat(m.get("consentLink").asString()).isEqualTo(link);
		assertThat(m.has("dialIn")).isTrue();
		assertThat(m.get("dialIn").isNull()).isTrue();
		assertThat(m.get("dialInNote").asString()).contains("Static personal consent links carry no dial-in numbers");
		assertThat(m.get("inviteText").asString()).contains("Discovery call",
				"Monday, 4 March 2030, 10:00–10:30 (Europe/Berlin)", "This meeting is recorded by " + acme.name()
						+ ". Join through " + link + " to choose whether you are recorded.");
		assertThat(m.get("occurrences")).hasSize(1);
		JsonNode occurrence = m.get("occurrences").get(0);
		assertThat(occurrence.get("status").asString()).isEqualTo("SCHEDULED");

		Http.Response call = http.get("/api/v1/calls/" + occurrence.get("callId").asString(), acme.token());
		assertThat(call.status()).as(call.body()).isEqualTo(200);
		JsonNode c = call.json();
		assertThat(c.get("meetingId").asString()).isEqualTo(m.get("id").asString());
		assertThat(c.get("title").asString()).isEqualTo("Discovery call");
		assertThat(c.get("plannedStart").asString()).isEqualTo("2030-03-04T09:00:00Z");
		assertThat(c.get("plannedEnd").asString()).isEqualTo("2030-03-04T09:30:00Z");
		assertThat(c.get("status").asString()).isEqualTo("SCHEDULED");
		assertThat(c.get("skipReason").isNull()).isTrue();
		assertThat(c.get("owner").get("id").asString()).isEqualTo(acme.memberId("michael").toString());
		assertThat(c.get("profile").get("name").asString()).isEqualTo("Default");
		assertThat(c.get("invitees").get(0).get("email").asString()).isEqualTo("jan.kowalski@customer.example");

		Http.Response read = http.get("/api/v1/meetings/" + m.get("id").asString(), acme.token());
		assertThat(read.status()).isEqualTo(200);
		assertThat(read.json().get("inviteText").asString()).isEqualTo(m.get("inviteText").asString());
		Http.Response list = http.get("/api/v1/meetings", acme.token());
		assertThat(list.json().get("total").asInt()).isEqualTo(1);
		assertThat(list.json().get("items").get(0).get("id").asString()).isEqualTo(m.get("id").asString());
	}

	@Test
	void writesTheInviteInTheOwnersProfileLanguageOrTheOneAskedFor() { // J2, C8
		Http.Response profile = http.json("POST", "/api/v1/consent-profiles", acme.token(),
				Map.of("name", "DACH", "languages", List.of("de", "en")));
		assertThat(profile.status()).as(profile.body()).isEqualTo(201);
		http.json("PATCH", "/api/v1/members/" + acme.memberId("michael"), acme.token(),
				Map.of("consentProfileId", profile.json().get("id").asString()));

		JsonNode m = schedule(meeting("Discovery call", "michael@acme.example", "2030-03-04T10:00", "2030-03-04T10:30"))
			.json();
		String link = m.get("consentLink").asString();
		assertThat(m.get("inviteText").asString()).contains("Montag, 4. März 2030, 10:00–10:30 (Europe/Berlin)",
				"Dieses Meeting wird von " + acme.name() + " aufgezeichnet. Treten Sie über " + link + " bei");

		String id = m.get("id").asString();
		Http.Response japanese = http.get("/api/v1/meetings/" + id + "?language=ja", acme.token());
		assertThat(japanese.status()).as(japanese.body()).isEqualTo(200);
		assertThat(japanese.json().get("inviteText").asString()).contains("2030年3月4日(月曜日) 10:00–10:30",
				"この会議は" + acme.name() + "によって録音・録画されます。");
		Http.Response arabic = http.get("/api/v1/meetings?language=ar", acme.token());
		assertThat(arabic.json().get("items").get(0).get("inviteText").asString()).contains("الاثنين، 4 مارس 2030");

		Http.Response klingon = http.get("/api/v1/meetings/" + id + "?language=tlh", acme.token());
		assertThat(klingon.status()).isEqualTo(400);
		assertThat(klingon.body()).contains("language");
		Http.Response refused = http.json("POST", "/api/v1/meetings?language=xx", acme.token(),
				meeting("Not scheduled", "michael@acme.example", "2030-03-05T10:00", "2030-03-05T10:30"));
		assertThat(refused.status()).isEqualTo(400);
		assertThat(http.get("/api/v1/meetings", acme.token()).json().get("total").asInt()).as("nothing scheduled")
			.isEqualTo(1);
	}

	@Test
	void readsTheGoverningProfileOfTheOwnerAsItIsNow() {
		JsonNode m = schedule(meeting("Demo", "michael@acme.example", "2030-03-04T10:00", "2030-03-04T10:30")).json();
		String callId = m.get("occurrences").get(0).get("callId").asString();
		Http.Response profile = http.json("POST", "/api/v1/consent-profiles", acme.token(),
				Map.of("name", "EMEA strict", "participantChoice", "MUST_CONSENT"));
		assertThat(profile.status()).as(profile.body()).isEqualTo(201);

		http.json("PATCH", "/api/v1/members/" + acme.memberId("michael"), acme.token(),
				Map.of("consentProfileId", profile.json().get("id").asString()));

		assertThat(http.get("/api/v1/calls/" + callId, acme.token()).json().get("profile").get("name").asString())
			.isEqualTo("EMEA strict");
	}

	@Test
	void schedulesAWeeklySeriesAtTheSameLocalTimeAcrossDaylightSavingChange() {
		Map<String, Object> body = meeting("Weekly pipeline", "dwight@acme.example", "2030-03-19T09:00", "2030-03-19T09:45");
		body.put("recurrence", "FREQ=WEEKLY;COUNT=4");

		Http.Response r = schedule(body);

		assertThat(r.status()).as(r.body()).isEqualTo(201);
		List<JsonNode> calls = callsOf(r.json());
		// Europe/Berlin moves to summer time on 31 March 2030: 09:00 local is 08:00Z before, 07:00Z after.
		assertThat(plannedStarts(calls)).containsExactly("2030-03-19T08:00:00Z", "2030-03-26T08:00:00Z",
				"2030-04-02T07:00:00Z", "2030-04-09T07:00:00Z");
		assertThat(calls).allSatisfy(c -> {
			assertThat(c.get("provider").asString()).isEqualTo("WEBEX");
			assertThat(c.get("owner").get("name").asString()).isEqualTo("Dwight Schrute");
		});
		assertThat(r.json().get("inviteText").asString()).contains("Repeats every week on Tuesday, 4 times");
	}

	@Test
	void leavesOutExdatesOfASeries() {
		Map<String, Object> body = meeting("Standup", "michael@acme.example", "2030-03-04T09:00", "2030-03-04T09:15");
		body.put("recurrence", "RRULE:FREQ=DAILY;COUNT=3");
		body.put("exdates", List.of("2030-03-05T09:00"));

		List<JsonNode> calls = callsOf(schedule(body).json());

		assertThat(plannedStarts(calls)).containsExactly("2030-03-04T08:00:00Z", "2030-03-06T08:00:00Z");
	}

	@Test
	void boundsAnUnendingSeriesByTheHorizonAndExtendsItAsTimePasses() {
		Map<String, Object> body = meeting("Daily standup", "michael@acme.example", "2030-03-01T09:00", "2030-03-01T09:15");
		body.put("recurrence", "FREQ=DAILY");

		JsonNode m = schedule(body).json();

		// 1 March to 27 August 2030: 180 days ahead.
		assertThat(m.get("occurrenceCount").asLong()).isEqualTo(180);
		assertThat(m.get("recurrenceNote").asString()).contains("180 days");
		assertThat(m.get("scheduledUntil").asString()).isEqualTo("2030-08-28T07:00:00Z");

		clock.advance(Duration.ofDays(10));
		horizonJob.extendDue();
		horizonJob.extendDue();

		JsonNode later = http.get("/api/v1/meetings/" + m.get("id").asString(), acme.token()).json();
		assertThat(later.get("occurrenceCount").asLong()).isEqualTo(190);
		assertThat(later.get("scheduledUntil").asString()).isEqualTo("2030-09-07T07:00:00Z");
		List<String> starts = plannedStarts(callsOf(m));
		assertThat(starts).doesNotHaveDuplicates().endsWith("2030-09-06T07:00:00Z");
	}

	@Test
	void skipsTheCallsOfAMeetingWithoutARecordedMember() {
		Map<String, Object> body = meeting("Vendor call", "priya.patel@partner.example", "2030-03-04T10:00",
				"2030-03-04T11:00");
		body.put("joinUrl", "https://meet.google.com/xyz-abcd-efg");
		body.put("invitees", List.of(Map.of("email", "ryan@acme.example"), Map.of("email", "jan@customer.example")));

		JsonNode m = schedule(body).json();

		assertThat(m.get("owner").isNull()).isTrue();
		assertThat(m.get("consentLink").isNull()).isTrue();
		assertThat(m.get("provider").asString()).isEqualTo("GOOGLE_MEET");
		assertThat(m.get("inviteText").asString()).doesNotContain("recorded").contains("Join: https://meet.google.com/xyz-abcd-efg");
		JsonNode call = http.get("/api/v1/calls/" + m.get("occurrences").get(0).get("callId").asString(), acme.token()).json();
		assertThat(call.get("status").asString()).isEqualTo("SKIPPED");
		assertThat(call.get("skipReason").asString()).isEqualTo("NO_OWNER");
		assertThat(call.get("owner").isNull()).isTrue();
		assertThat(call.get("profile").isNull()).isTrue();
		assertThat(http.get("/api/v1/calls?status=SKIPPED", acme.token()).json().get("total").asInt()).isEqualTo(1);
	}

	@Test
	void ownerIsTheFirstRecordedInviteeWhenTheOrganizerIsExternal() {
		Map<String, Object> body = meeting("Partner sync", "priya.patel@partner.example", "2030-03-04T10:00",
				"2030-03-04T11:00");
		body.put("invitees", List.of(Map.of("email", "ryan@acme.example"), Map.of("email", "pam@acme.example"),
				Map.of("email", "michael@acme.example")));

		JsonNode m = schedule(body).json();

		assertThat(m.get("owner").get("name").asString()).isEqualTo("Pam Beesly");
		assertThat(m.get("provider").asString()).isEqualTo("MICROSOFT_TEAMS");
		assertThat(m.get("consentLink").asString()).endsWith("/" + acme.slug() + "/pam");
		assertThat(http.get("/api/v1/calls?owner=" + acme.memberId("pam"), acme.token()).json().get("total").asInt())
			.isEqualTo(1);
		assertThat(http.get("/api/v1/calls?owner=" + acme.memberId("michael"), acme.token()).json().get("total").asInt())
			.isZero();
	}

	@Test
	void refusesDynamicLinkWithoutAConnectedProviderInsteadOfFallingBackToTheStaticLink() { // L1, L5
		Map<String, Object> body = meeting("Demo", "michael@acme.example", "2030-03-04T10:00", "2030-03-04T10:30");
		body.put("linkType", "DYNAMIC");

		Http.Response r = schedule(body);

		assertThat(r.status()).isEqualTo(409);
		assertThat(r.json().get("detail").asString()).contains("DYNAMIC", "connected", "Zoom", "STATIC");
		body.put("provider", "ZOOM");
		assertThat(schedule(body).json().get("detail").asString()).contains("Zoom is not connected", "Integrations");
		body.put("provider", "JOIN_ME");
		assertThat(schedule(body).json().get("detail").asString()).contains("cannot create join.me meetings");
	}

	@Test
	void answersEveryBadFieldWithAProblemDetailNamingIt() {
		Map<String, Object> good = meeting("Demo", "michael@acme.example", "2030-03-04T10:00", "2030-03-04T10:30");
		Map<String, Object[]> cases = new LinkedHashMap<>();
		cases.put("timeZone", new Object[] { "timeZone", "Mars/Olympus" });
		cases.put("recurrence", new Object[] { "recurrence", "FREQ=SOMETIMES" });
		cases.put("start", new Object[] { "start", "next tuesday" });
		cases.put("end", new Object[] { "end", "2030-03-04T09:00" });
		cases.put("organizerEmail", new Object[] { "organizerEmail", "not-an-email" });
		cases.put("provider", new Object[] { "provider", "ZOOM" });
		cases.put("joinUrl", new Object[] { "joinUrl", "javascript:alert(1)" });
		cases.put("linkType", new Object[] { "linkType", "SOMETIMES" });
		cases.put("invitees[0].email", new Object[] { "invitees", List.of(Map.of("email", "nope")) });
		cases.put("color", new Object[] { "color", "blue" });
		cases.put("title", new Object[] { "title", null });
		for (Map.Entry<String, Object[]> c : cases.entrySet()) {
			Map<String, Object> body = new LinkedHashMap<>(good);
			if (c.getValue()[0].equals("provider")) {
				body.put("joinUrl", "https://meet.google.com/abc-defg-hij");
			}
			if (c.getValue()[1] == null) {
				body.remove(c.getValue()[0]);
			}
			else {
				body.put((String) c.getValue()[0], c.getValue()[1]);
			}
			Http.Response r = schedule(body);
			assertThat(r.status()).as(c.getKey() + ": " + r.body()).isEqualTo(400);
			assertThat(r.json().has("type")).as(c.getKey() + ": " + r.body()).isTrue();
			assertThat(r.json().get("type").asString()).isEqualTo("https://assent.dev/problems/invalid-input");
			assertThat(r.json().get("errors").has(c.getKey())).as(c.getKey() + ": " + r.body()).isTrue();
		}
		assertThat(http.get("/api/v1/meetings", acme.token()).json().get("total").asInt()).isZero();
	}

	@Test
	void requiresAJoinLinkWhenTheOwnerHasNoPersonalOne() {
		TestCompany.member(http, acme.token(), "Kelly Kapoor", "kelly@acme.example", "kelly", true, null);

		Http.Response r = schedule(meeting("Demo", "kelly@acme.example", "2030-03-04T10:00", "2030-03-04T10:30"));

		assertThat(r.status()).isEqualTo(400);
		assertThat(r.json().get("errors").get("joinUrl").asString()).contains("Kelly Kapoor", "personal meeting link");
	}

	@Test
	void refusesAMeetingThatIsAlreadyOver() {
		Http.Response r = schedule(meeting("Yesterday", "michael@acme.example", "2030-02-27T10:00", "2030-02-27T10:30"));

		assertThat(r.status()).isEqualTo(400);
		assertThat(r.json().get("errors").get("end").asString()).contains("over");
	}

	@Test
	void importsAGoogleCalendarExport() {
		Http.Response r = importCalendar(fixture("google-calendar.ics"));

		assertThat(r.status()).as(r.body()).isEqualTo(201);
		JsonNode result = r.json();
		assertThat(result.get("created")).hasSize(2);
		assertThat(result.get("skipped")).hasSize(1);
		assertThat(result.get("skipped").get(0).get("summary").asString()).isEqualTo("Team offsite");
		JsonNode series = result.get("created").get(0);
		assertThat(series.get("title").asString()).isEqualTo("Pipeline review with Customer GmbH");
		assertThat(series.get("owner").get("name").asString()).isEqualTo("Michael Scott");
		assertThat(series.get("provider").asString()).isEqualTo("GOOGLE_MEET");
		assertThat(series.get("joinUrl").asString()).isEqualTo("https://meet.google.com/abc-defg-hij");
		List<JsonNode> calls = callsOf(series);
		// Tuesdays 09:00 Berlin, 26 March excluded, 9 April moved to 14:00, across the change to summer time.
		assertThat(plannedStarts(calls)).containsExactly("2030-03-12T08:00:00Z", "2030-03-19T08:00:00Z",
				"2030-04-02T07:00:00Z", "2030-04-09T12:00:00Z", "2030-04-16T07:00:00Z");
		assertThat(calls.get(3).get("title").asString()).isEqualTo("Pipeline review with Customer GmbH (afternoon)");
		assertThat(calls.get(0).get("invitees")).extracting(i -> i.get("email").asString())
			.containsExactly("jan.kowalski@customer.example", "jim@acme.example");

		JsonNode intro = result.get("created").get(1);
		assertThat(intro.get("owner").get("name").asString()).isEqualTo("Jim Halpert");
		assertThat(intro.get("provider").asString()).isEqualTo("ZOOM");
		assertThat(plannedStarts(callsOf(intro))).containsExactly("2030-03-14T15:00:00Z");
	}

	@Test
	void importingTheSameCalendarAgainUpdatesInsteadOfDuplicating() {
		JsonNode first = importCalendar(fixture("google-calendar.ics")).json();
		List<String> callIds = callsOf(first.get("created").get(0)).stream().map(c -> c.get("id").asString()).toList();

		Http.Response again = importCalendar(fixture("google-calendar.ics"));

		assertThat(again.status()).as(again.body()).isEqualTo(200);
		assertThat(again.json().get("created")).isEmpty();
		assertThat(again.json().get("updated")).hasSize(2);
		assertThat(http.get("/api/v1/meetings", acme.token()).json().get("total").asInt()).isEqualTo(2);
		assertThat(callsOf(first.get("created").get(0))).extracting(c -> c.get("id").asString()).isEqualTo(callIds);
	}

	@Test
	void reimportWithAnExcludedOccurrenceCancelsItsCall() {
		String ics = fixture("google-calendar.ics");
		JsonNode series = importCalendar(ics).json().get("created").get(0);

		importCalendar(ics.replace("EXDATE;TZID=Europe/Berlin:20300326T090000",
				"EXDATE;TZID=Europe/Berlin:20300326T090000,20300402T090000"));

		List<JsonNode> calls = callsOf(series);
		assertThat(calls).extracting(c -> c.get("plannedStart").asString() + " " + c.get("status").asString())
			.containsExactly("2030-03-12T08:00:00Z SCHEDULED", "2030-03-19T08:00:00Z SCHEDULED",
					"2030-04-02T07:00:00Z CANCELLED", "2030-04-09T12:00:00Z SCHEDULED", "2030-04-16T07:00:00Z SCHEDULED");
	}

	@Test
	void withProtectedLinksTheInviteCarriesTheLinkWithItsToken() {
		assertThat(http.json("PUT", "/api/v1/consent-page", acme.token(), Map.of("protectedLinks", true)).status())
			.isEqualTo(200);
		String michaelsLink = http.get("/api/v1/consent-page/links", acme.token())
			.json()
			.get("items")
			.valueStream()
			.filter(l -> l.get("consentLink").asString().contains("/" + acme.slug() + "/michael?"))
			.findFirst()
			.orElseThrow()
			.get("consentLink")
			.asString();

		JsonNode m = schedule(meeting("Protected", "michael@acme.example", "2030-03-04T10:00", "2030-03-04T10:30")).json();

		// PRODUCT C9: after the transition only links with the token open the page; the invite's does.
		assertThat(michaelsLink).contains("?t=");
		assertThat(m.get("consentLink").asString()).isEqualTo(michaelsLink);
		assertThat(m.get("inviteText").asString()).contains("Join through " + michaelsLink + " to choose");
		clock.advance(java.time.Duration.ofDays(91));
		assertThat(http.get(michaelsLink.substring(http.base().length())).status()).isEqualTo(200);
		assertThat(http.get("/" + acme.slug() + "/michael").status()).isEqualTo(404);
	}

	@Test
	void theSameCalendarImportedSeveralTimesAtOnceMakesOneMeeting() throws Exception {
		String ics = fixture("outlook.ics");

		List<Http.Response> answers = AllAtOnce.send(4, i -> importCalendar(ics));

		assertThat(answers).allSatisfy(r -> assertThat(r.status()).as(r.body()).isIn(200, 201));
		assertThat(answers.stream().mapToInt(r -> r.json().get("created").size()).sum()).isEqualTo(1);
		assertThat(answers.stream().mapToInt(r -> r.json().get("updated").size()).sum()).isEqualTo(3);
		assertThat(http.get("/api/v1/meetings", acme.token()).json().get("total").asInt()).isEqualTo(1);
	}

	@Test
	void importsAnOutlookExport() {
		Http.Response r = importCalendar(fixture("outlook.ics"));

		assertThat(r.status()).as(r.body()).isEqualTo(201);
		JsonNode sync = r.json().get("created").get(0);
		assertThat(sync.get("timeZone").asString()).isEqualTo("Europe/Berlin");
		assertThat(sync.get("provider").asString()).isEqualTo("MICROSOFT_TEAMS");
		assertThat(sync.get("joinUrl").asString()).startsWith("https://teams.microsoft.com/l/meetup-join/");
		// The organizer is external: the first recorded invitee owns the calls (PRODUCT D2).
		assertThat(sync.get("owner").get("name").asString()).isEqualTo("Dwight Schrute");
		// The meeting has its own join link: its consent link names the owner's page and the meeting (API.md).
		assertThat(sync.get("consentLink").asString()).matches(".*/" + acme.slug() + "/dwight/[a-z0-9]{10}");
		// Thursdays 10:30 Berlin, COUNT=6 with 21 March excluded and 4 April moved to 11:00.
		assertThat(plannedStarts(callsOf(sync))).containsExactly("2030-03-07T09:30:00Z", "2030-03-14T09:30:00Z",
				"2030-03-28T09:30:00Z", "2030-04-04T09:00:00Z", "2030-04-11T08:30:00Z");
	}

	@Test
	void listsABrokenEventAsSkippedWithItsLineInsteadOfRefusingTheFile() {
		Http.Response r = importCalendar("""
				BEGIN:VCALENDAR\r
				VERSION:2.0\r
				BEGIN:VEVENT\r
				UID:broken-1\r
				DTSTART:2030-13-45T25:00\r
				SUMMARY:Broken\r
				END:VEVENT\r
				END:VCALENDAR\r
				""");

		assertThat(r.status()).as(r.body()).isEqualTo(200);
		JsonNode skipped = r.json().get("skipped").get(0);
		assertThat(skipped.get("uid").asString()).isEqualTo("broken-1");
		assertThat(skipped.get("line").asInt()).isEqualTo(3);
		assertThat(skipped.get("reason").asString()).contains("line 5", "DTSTART:2030-13-45T25:00");
		assertThat(http.get("/api/v1/meetings", acme.token()).json().get("total").asInt()).isZero();
	}

	@Test
	void refusesAnOversizedOrMislabelledCalendar() {
		Http.Response big = importCalendar("X".repeat(CallManagement.MAX_CALENDAR_BYTES + 10));
		Http.Response json = http.send("POST", "/api/v1/meetings/import", acme.token(), "application/json", "{}");

		assertThat(big.status()).isEqualTo(400);
		assertThat(big.header("Content-Type")).contains("application/problem+json");
		assertThat(big.json().get("type").asString()).endsWith("/body-too-large");
		assertThat(big.json().get("detail").asString()).contains("2 MB");
		assertThat(json.status()).isEqualTo(415);
	}

	@Test
	void describesTheMeetingAndCallEndpointsInTheOpenApiDocument() {
		String doc = http.get("/v3/api-docs").body();

		assertThat(doc).contains("/api/v1/meetings", "/api/v1/meetings/import", "/api/v1/calls/{id}", "text/calendar");
	}

	@Test
	void keepsAnotherCompanysMeetingsAndCallsOutOfReach() {
		JsonNode m = schedule(meeting("Secret deal", "michael@acme.example", "2030-03-04T10:00", "2030-03-04T10:30")).json();
		String meetingId = m.get("id").asString();
		String callId = m.get("occurrences").get(0).get("callId").asString();
		TestCompany other = TestCompany.create(http);

		assertThat(http.get("/api/v1/meetings/" + meetingId, other.token()).status()).isEqualTo(404);
		assertThat(http.get("/api/v1/calls/" + callId, other.token()).status()).isEqualTo(404);
		assertThat(http.delete("/api/v1/meetings/" + meetingId, other.token()).status()).isEqualTo(404);
		assertThat(http.get("/api/v1/meetings", other.token()).json().get("total").asInt()).isZero();
		assertThat(http.get("/api/v1/calls", other.token()).json().get("total").asInt()).isZero();
		assertThat(http.get("/api/v1/calls?meeting=" + meetingId, other.token()).json().get("total").asInt()).isZero();
		assertThat(http.get("/api/v1/calls/" + callId, acme.token()).status()).isEqualTo(200);
	}

	@Test
	void cancellingAMeetingCancelsItsUpcomingCalls() {
		Map<String, Object> body = meeting("Weekly", "michael@acme.example", "2030-03-04T10:00", "2030-03-04T10:30");
		body.put("recurrence", "FREQ=WEEKLY;COUNT=3");
		JsonNode m = schedule(body).json();

		Http.Response cancelled = http.delete("/api/v1/meetings/" + m.get("id").asString(), acme.token());

		assertThat(cancelled.status()).isEqualTo(200);
		assertThat(cancelled.json().get("cancelledAt").asString()).isEqualTo(NOW.toString());
		assertThat(callsOf(m)).allSatisfy(c -> assertThat(c.get("status").asString()).isEqualTo("CANCELLED"));
	}

	@Test
	void filtersCallsByTimeWindow() {
		Map<String, Object> body = meeting("Daily", "michael@acme.example", "2030-03-04T09:00", "2030-03-04T09:15");
		body.put("recurrence", "FREQ=DAILY;COUNT=5");
		schedule(body);

		JsonNode page = http.get("/api/v1/calls?from=2030-03-05T00:00:00Z&to=2030-03-07T00:00:00Z", acme.token()).json();

		assertThat(page.get("total").asInt()).isEqualTo(2);
		assertThat(http.get("/api/v1/calls?from=yesterday", acme.token()).status()).isEqualTo(400);
		assertThat(http.get("/api/v1/calls?status=DONE", acme.token()).json().get("errors").has("status")).isTrue();
	}

}
