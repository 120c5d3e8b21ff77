package dev.assent.calls;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

import dev.assent.support.AssentIntegrationTest;
import dev.assent.support.Http;
import dev.assent.support.MutableClock;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Calendar files as real clients write them, through the API (issue 8): one broken event never
 * refuses the file, RDATE occurrences become calls, EXDATEs are honoured, zones that Outlook,
 * Apple Calendar and Evolution name their own way are read.
 */
@AssentIntegrationTest
class CalendarImportIntegrationTests {

	static final Instant NOW = Instant.parse("2030-03-01T00:00:00Z");

	@LocalServerPort
	int port;

	@Autowired
	MutableClock clock;

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

	static String fixture(String name) {
		try (InputStream in = CalendarImportIntegrationTests.class.getResourceAsStream("/calls/" + name)) {
			return new String(in.readAllBytes(), StandardCharsets.UTF_8);
		}
		catch (IOException ex) {
			throw new IllegalStateException(ex);
		}
	}

	Http.Response importCalendar(String ics) {
		return http.send("POST", "/api/v1/meetings/import", acme.token(), "text/calendar", ics);
	}

	List<Instant> plannedStarts(JsonNode meeting) {
		Http.Response r = http.get("/api/v1/calls?size=500&meeting=" + meeting.get("id").asString(), acme.token());
		assertThat(r.status()).as(r.body()).isEqualTo(200);
		List<Instant> out = new ArrayList<>();
		r.json().get("items").forEach(c -> {
			if (!"CANCELLED".equals(c.get("status").asString())) {
				out.add(Instant.parse(c.get("plannedStart").asString()));
			}
		});
		return out.stream().sorted().toList();
	}

	@Test
	void importsTheGoodEventsOfAFileWithBrokenOnesAndListsTheBrokenWithLineAndReason() {
		Http.Response r = importCalendar(fixture("one-broken-event.ics"));

		assertThat(r.status()).as(r.body()).isEqualTo(201);
		assertThat(r.json().get("created")).extracting(m -> m.get("calendarUid").asString())
			.containsExactlyInAnyOrder("good-1", "good-5");
		List<String> skipped = new ArrayList<>();
		r.json().get("skipped").forEach(s -> skipped.add(s.get("uid").asString() + "@" + s.get("line").asInt()));
		assertThat(skipped).containsExactlyInAnyOrder("broken-2@13", "broken-3@21", "broken-4@29");
		r.json().get("skipped").forEach(s -> assertThat(s.get("reason").asString()).isNotBlank());
	}

	@Test
	void importsRdateOccurrencesAsCallsAndLeavesOutExdates() {
		Http.Response r = importCalendar(fixture("apple-calendar.ics"));

		assertThat(r.status()).as(r.body()).isEqualTo(201);
		JsonNode meeting = r.json().get("created").get(0);
		ZoneId newYork = ZoneId.of("America/New_York");
		assertThat(plannedStarts(meeting)).containsExactly(at("2030-03-05T11:00", newYork), at("2030-03-12T11:00", newYork),
				at("2030-03-26T11:00", newYork), at("2030-04-02T15:00", newYork), at("2030-04-09T15:00", newYork));
		assertThat(meeting.get("rdates")).hasSize(2);
	}

	@Test
	void reimportingWithoutAnRdateCancelsItsCall() {
		String ics = fixture("apple-calendar.ics");
		JsonNode meeting = importCalendar(ics).json().get("created").get(0);

		Http.Response again = importCalendar(ics.replace(",20300409T150000", ""));

		assertThat(again.status()).as(again.body()).isEqualTo(200);
		assertThat(plannedStarts(meeting)).doesNotContain(at("2030-04-09T15:00", ZoneId.of("America/New_York")))
			.contains(at("2030-04-02T15:00", ZoneId.of("America/New_York")));
	}

	@Test
	void importsEvolutionAndOutlookFilesWithTheirOwnZoneNames() {
		Http.Response evolution = importCalendar(fixture("evolution.ics"));
		Http.Response outlook = importCalendar(fixture("outlook-custom-zones.ics"));

		assertThat(evolution.status()).as(evolution.body()).isEqualTo(201);
		assertThat(evolution.json().get("created")).extracting(m -> m.get("timeZone").asString())
			.containsExactly("Europe/Berlin", "Europe/Lisbon");
		assertThat(outlook.status()).as(outlook.body()).isEqualTo(201);
		assertThat(outlook.json().get("created")).hasSize(3);
		assertThat(outlook.json().get("created").get(0).get("start").asString()).isEqualTo("2030-03-11T14:00:00Z");
		assertThat(outlook.json().get("skipped")).isEmpty();
	}

	static Instant at(String local, ZoneId zone) {
		return LocalDateTime.parse(local).atZone(zone).toInstant();
	}

}
