package dev.assent.calls;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.util.List;

import org.junit.jupiter.api.Test;

import dev.assent.calls.CalendarFiles.Entry;
import dev.assent.calls.CalendarFiles.Event;
import dev.assent.calls.CalendarFiles.Skip;
import dev.assent.shared.InvalidInput;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Reading Google Calendar and Outlook exports with ical4j. */
class CalendarFilesTests {

	static final ZoneId BERLIN = ZoneId.of("Europe/Berlin");

	static byte[] fixture(String name) {
		try (InputStream in = CalendarFilesTests.class.getResourceAsStream("/calls/" + name)) {
			return in.readAllBytes();
		}
		catch (IOException ex) {
			throw new IllegalStateException(ex);
		}
	}

	static List<Entry> read(byte[] ics) {
		return CalendarFiles.read(ics, Provider::fromUrl);
	}

	static List<Entry> read(String ics) {
		return read(ics.replace("\n", "\r\n").getBytes(StandardCharsets.UTF_8));
	}

	static Instant berlin(String local) {
		return LocalDateTime.parse(local).atZone(BERLIN).toInstant();
	}

	@Test
	void keepsEveryLinkTheInviteCarriesForTheRawLinkReminder() { // E5
		List<Entry> entries = read("""
				BEGIN:VCALENDAR
				VERSION:2.0
				PRODID:-//test//EN
				BEGIN:VEVENT
				UID:links-1@test
				DTSTAMP:20300301T000000Z
				DTSTART:20300312T080000Z
				DTEND:20300312T083000Z
				SUMMARY:Review
				ORGANIZER:mailto:michael@acme.example
				LOCATION:https://zoom.us/j/123456789?pwd=abc
				DESCRIPTION:Join through https://assent.example/acme/michael. Or https://zoom.us/j/123456789?pwd=abc
				END:VEVENT
				END:VCALENDAR
				""");

		Event event = (Event) entries.get(0);
		assertThat(event.draft().joinUrl()).isEqualTo("https://zoom.us/j/123456789?pwd=abc");
		assertThat(event.inviteLinks()).containsExactly("https://zoom.us/j/123456789?pwd=abc",
				"https://assent.example/acme/michael");
	}

	@Test
	void readsAGoogleCalendarExport() {
		List<Entry> entries = read(fixture("google-calendar.ics"));

		assertThat(entries).hasSize(3);
		MeetingDraft series = ((Event) entries.get(0)).draft();
		assertThat(series.title()).isEqualTo("Pipeline review with Customer GmbH");
		assertThat(series.organizerEmail()).isEqualTo("michael@acme.example");
		assertThat(series.timeZone()).isEqualTo("Europe/Berlin");
		assertThat(series.start()).isEqualTo(berlin("2030-03-12T09:00"));
		assertThat(series.end()).isEqualTo(berlin("2030-03-12T09:30"));
		assertThat(series.recurrence()).isEqualTo("FREQ=WEEKLY;WKST=MO;UNTIL=20300423T065959Z;BYDAY=TU");
		assertThat(series.exdates()).containsExactly(berlin("2030-03-26T09:00"));
		assertThat(series.changes()).containsExactly(new OccurrenceChange(berlin("2030-04-09T09:00"),
				berlin("2030-04-09T14:00"), berlin("2030-04-09T14:30"), "Pipeline review with Customer GmbH (afternoon)",
				false));
		assertThat(series.joinUrl()).isEqualTo("https://meet.google.com/abc-defg-hij");
		assertThat(series.invitees()).containsExactly(new Invitee("jan.kowalski@customer.example", "Jan Kowalski"),
				new Invitee("jim@acme.example", "Jim Halpert"));
		assertThat(series.calendarUid()).isEqualTo("5l0qm3u2s1rj4b8f1ejm0c2v9k@google.com");

		MeetingDraft intro = ((Event) entries.get(1)).draft();
		assertThat(intro.start()).isEqualTo(Instant.parse("2030-03-14T15:00:00Z"));
		assertThat(intro.timeZone()).as("a one-off in UTC is shown in the calendar's zone").isEqualTo("Europe/Berlin");
		assertThat(intro.joinUrl()).isEqualTo("https://us02web.zoom.us/j/85123456789?pwd=Q2xZa1ZsT0hqUT09");

		assertThat(entries.get(2)).isInstanceOf(Skip.class);
		assertThat(((Skip) entries.get(2)).reason()).contains("all-day");
	}

	@Test
	void readsAnOutlookExportWithWindowsTimeZoneNames() {
		List<Entry> entries = read(fixture("outlook.ics"));

		assertThat(entries).hasSize(1);
		MeetingDraft sync = ((Event) entries.get(0)).draft();
		assertThat(sync.title()).isEqualTo("Partner sync");
		assertThat(sync.timeZone()).isEqualTo("Europe/Berlin");
		assertThat(sync.start()).isEqualTo(berlin("2030-03-07T10:30"));
		assertThat(sync.recurrence()).isEqualTo("FREQ=WEEKLY;COUNT=6;BYDAY=TH");
		assertThat(sync.exdates()).containsExactly(berlin("2030-03-21T10:30"));
		assertThat(sync.changes()).extracting(OccurrenceChange::occurrenceStart, OccurrenceChange::start)
			.containsExactly(org.assertj.core.groups.Tuple.tuple(berlin("2030-04-04T10:30"), berlin("2030-04-04T11:00")));
		assertThat(sync.joinUrl()).startsWith("https://teams.microsoft.com/l/meetup-join/19%3ameeting_NjQ5ZDk2YjEt")
			.endsWith("%7d");
		assertThat(sync.organizerEmail()).isEqualTo("priya.patel@partner.example");
		assertThat(sync.invitees()).as("rooms are not invitees")
			.extracting(Invitee::email)
			.containsExactly("dwight@acme.example", "pam@acme.example");
	}

	@Test
	void findsTheIanaZoneOfAnUnknownTzidFromItsVtimezone() {
		List<Entry> entries = read("""
				BEGIN:VCALENDAR
				VERSION:2.0
				PRODID:-//Example//EN
				BEGIN:VTIMEZONE
				TZID:Custom Eastern
				BEGIN:STANDARD
				DTSTART:16011104T020000
				RRULE:FREQ=YEARLY;BYDAY=1SU;BYMONTH=11
				TZOFFSETFROM:-0400
				TZOFFSETTO:-0500
				END:STANDARD
				BEGIN:DAYLIGHT
				DTSTART:16010311T020000
				RRULE:FREQ=YEARLY;BYDAY=2SU;BYMONTH=3
				TZOFFSETFROM:-0500
				TZOFFSETTO:-0400
				END:DAYLIGHT
				END:VTIMEZONE
				BEGIN:VEVENT
				UID:custom-1
				DTSTAMP:20300101T000000Z
				DTSTART;TZID=Custom Eastern:20300305T100000
				DTEND;TZID=Custom Eastern:20300305T110000
				RRULE:FREQ=WEEKLY;COUNT=3
				ORGANIZER:mailto:someone@example.com
				SUMMARY:Standup
				END:VEVENT
				END:VCALENDAR
				""");

		MeetingDraft draft = ((Event) entries.get(0)).draft();
		assertThat(ZoneId.of(draft.timeZone()).getRules()).isEqualTo(ZoneId.of("America/New_York").getRules());
		assertThat(draft.start()).isEqualTo(Instant.parse("2030-03-05T15:00:00Z"));
	}

	static Skip onlySkip(List<Entry> entries) {
		assertThat(entries).hasSize(1).first().isInstanceOf(Skip.class);
		return (Skip) entries.get(0);
	}

	@Test
	void skipsAnEventWithASyntaxErrorNamingItsLine() {
		Skip skip = onlySkip(read("""
				BEGIN:VCALENDAR
				VERSION:2.0
				BEGIN:VEVENT
				UID:1
				DTSTART:20301345T250000Z
				SUMMARY:Broken
				END:VEVENT
				END:VCALENDAR
				"""));
		assertThat(skip.line()).isEqualTo(3);
		assertThat(skip.uid()).isEqualTo("1");
		assertThat(skip.summary()).isEqualTo("Broken");
		assertThat(skip.reason()).startsWith("line 5:");
	}

	@Test
	void skipsAnUnclosedEvent() {
		Skip skip = onlySkip(read("""
				BEGIN:VCALENDAR
				VERSION:2.0
				BEGIN:VEVENT
				UID:1
				DTSTART:20300101T100000Z
				END:VCALENDAR
				"""));
		assertThat(skip.line()).isEqualTo(3);
		assertThat(skip.uid()).isEqualTo("1");
	}

	@Test
	void skipsAnEventWithAnInvalidRruleNamingItsLine() {
		Skip skip = onlySkip(read("""
				BEGIN:VCALENDAR
				VERSION:2.0
				BEGIN:VEVENT
				UID:1
				DTSTART:20300101T100000Z
				DTEND:20300101T110000Z
				ORGANIZER:mailto:a@example.com
				RRULE:FREQ=SOMETIMES
				SUMMARY:Broken
				END:VEVENT
				END:VCALENDAR
				"""));
		assertThat(skip.reason()).contains("line 8").contains("SOMETIMES");
		assertThat(skip.line()).isEqualTo(3);
	}

	@Test
	void skipsAnEventInAnUnknownTimeZoneNamingItsLine() {
		Skip skip = onlySkip(read("""
				BEGIN:VCALENDAR
				VERSION:2.0
				BEGIN:VEVENT
				UID:1
				DTSTART;TZID=Mars/Olympus_Mons:20300101T100000
				DTEND;TZID=Mars/Olympus_Mons:20300101T110000
				ORGANIZER:mailto:a@example.com
				SUMMARY:Broken
				END:VEVENT
				END:VCALENDAR
				"""));
		assertThat(skip.reason()).contains("line 5").contains("Mars/Olympus_Mons");
	}

	@Test
	void oneBrokenEventNeverRefusesTheFile() {
		// one broken event is skipped with its line and reason; the others are read
		List<Entry> entries = read(fixture("one-broken-event.ics"));

		assertThat(entries).filteredOn(Event.class::isInstance)
			.map(e -> ((Event) e).draft().calendarUid())
			.containsExactlyInAnyOrder("good-1", "good-5");
		List<Skip> skips = entries.stream().filter(Skip.class::isInstance).map(Skip.class::cast).toList();
		assertThat(skips).extracting(Skip::uid, Skip::line)
			.containsExactlyInAnyOrder(org.assertj.core.groups.Tuple.tuple("broken-2", 13),
					org.assertj.core.groups.Tuple.tuple("broken-3", 21), org.assertj.core.groups.Tuple.tuple("broken-4", 29));
		assertThat(skips).filteredOn(s -> "broken-2".equals(s.uid())).first().extracting(Skip::reason).asString()
			.startsWith("line 16:");
		assertThat(skips).filteredOn(s -> "broken-4".equals(s.uid())).first().extracting(Skip::reason).asString()
			.contains("line 34").contains("SOMETIMES");
		assertThat(entries).filteredOn(Event.class::isInstance)
			.extracting(e -> ((Event) e).line())
			.containsExactlyInAnyOrder(4, 38);
	}

	@Test
	void importsRdateOccurrencesAndHonoursExdatesOfAnAppleCalendarExport() {
		MeetingDraft draft = ((Event) read(fixture("apple-calendar.ics")).get(0)).draft();
		ZoneId newYork = ZoneId.of("America/New_York");

		assertThat(draft.timeZone()).isEqualTo("America/New_York");
		assertThat(draft.start()).isEqualTo(LocalDateTime.parse("2030-03-05T11:00").atZone(newYork).toInstant());
		assertThat(draft.recurrence()).isEqualTo("FREQ=WEEKLY;COUNT=4");
		assertThat(draft.exdates()).containsExactly(LocalDateTime.parse("2030-03-19T11:00").atZone(newYork).toInstant());
		assertThat(draft.rdates()).containsExactly(LocalDateTime.parse("2030-04-02T15:00").atZone(newYork).toInstant(),
				LocalDateTime.parse("2030-04-09T15:00").atZone(newYork).toInstant());
		assertThat(draft.joinUrl()).isEqualTo("https://acme.webex.com/meet/dwight");
		assertThat(draft.invitees()).extracting(Invitee::email).containsExactly("rosa@client.example");
	}

	@Test
	void readsEvolutionsGloballyUniqueTzidsAndXLicLocation() {
		List<Entry> entries = read(fixture("evolution.ics"));

		MeetingDraft planning = ((Event) entries.get(0)).draft();
		assertThat(planning.timeZone()).isEqualTo("Europe/Berlin");
		assertThat(planning.start()).isEqualTo(berlin("2030-03-06T14:00"));
		MeetingDraft lisbon = ((Event) entries.get(1)).draft();
		assertThat(lisbon.timeZone()).as("the TZID names no zone; its VTIMEZONE's X-LIC-LOCATION does")
			.isEqualTo("Europe/Lisbon");
		assertThat(lisbon.start()).isEqualTo(Instant.parse("2030-03-07T10:00:00Z"));
	}

	@Test
	void readsOutlooksDisplayNamesAndCustomizedTimeZones() {
		List<Entry> entries = read(fixture("outlook-custom-zones.ics"));

		MeetingDraft demo = ((Event) entries.get(0)).draft();
		assertThat(demo.timeZone()).isEqualTo("Europe/Amsterdam");
		assertThat(demo.start()).isEqualTo(berlin("2030-03-11T15:00"));
		assertThat(demo.joinUrl()).isEqualTo("https://teams.microsoft.com/l/meetup-join/19%3ameeting_pam");
		MeetingDraft weekly = ((Event) entries.get(1)).draft();
		for (String day : List.of("2030-01-15", "2030-03-09", "2030-03-11", "2030-07-01", "2030-11-02", "2030-11-04")) {
			Instant at = Instant.parse(day + "T12:00:00Z");
			assertThat(ZoneId.of(weekly.timeZone()).getRules().getOffset(at)).as("a 'Customized Time Zone' matched by its rules")
				.isEqualTo(ZoneId.of("America/Los_Angeles").getRules().getOffset(at));
		}
		assertThat(weekly.start()).isEqualTo(Instant.parse("2030-03-12T16:00:00Z"));
		MeetingDraft pacific = ((Event) entries.get(2)).draft();
		assertThat(pacific.timeZone()).isEqualTo("America/Los_Angeles");
		assertThat(pacific.start()).isEqualTo(Instant.parse("2030-03-13T16:00:00Z"));
	}

	@Test
	void aMutatedExportIsReadOrRefusedWithAMessageNeverCrashes() {
		List<byte[]> exports = CalendarImportFuzzIntegrationTests.FIXTURES.stream().map(CalendarFilesTests::fixture).toList();
		long base = new java.util.Random().nextLong();
		for (int i = 0; i < 200; i++) {
			java.util.Random random = new java.util.Random(base + i);
			String ics = CalendarImportFuzzIntegrationTests
				.mutate(new String(exports.get(random.nextInt(exports.size())), StandardCharsets.UTF_8), random);
			try {
				List<Entry> entries = read(ics.getBytes(StandardCharsets.UTF_8));
				assertThat(entries).as("seed %d", base + i).isNotNull();
			}
			catch (InvalidInput expected) {
				assertThat(expected.fields()).as("seed %d", base + i).containsKey("calendar");
			}
			catch (RuntimeException ex) {
				throw new AssertionError("seed " + (base + i) + " crashed reading:\n" + ics, ex);
			}
		}
	}

	@Test
	void rejectsSomethingThatIsNotACalendar() {
		assertThatThrownBy(() -> read("{\"title\": \"not a calendar\"}")).isInstanceOf(InvalidInput.class)
			.hasMessageContaining("line 1");
		assertThatThrownBy(() -> read(new byte[0])).isInstanceOf(InvalidInput.class).hasMessageContaining("empty");
	}

}
