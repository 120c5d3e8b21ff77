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

	@Test
	void namesTheLineOfASyntaxError() {
		assertThatThrownBy(() -> read("""
				BEGIN:VCALENDAR
				VERSION:2.0
				BEGIN:VEVENT
				UID:1
				DTSTART:20301345T250000Z
				SUMMARY:Broken
				END:VEVENT
				END:VCALENDAR
				""")).isInstanceOf(InvalidInput.class).hasMessageStartingWith("calendar: line 5:");
	}

	@Test
	void namesTheLineOfAnUnclosedComponent() {
		assertThatThrownBy(() -> read("""
				BEGIN:VCALENDAR
				VERSION:2.0
				BEGIN:VEVENT
				UID:1
				DTSTART:20300101T100000Z
				END:VCALENDAR
				""")).isInstanceOf(InvalidInput.class).hasMessageContaining("line 6").hasMessageContaining("VEVENT");
	}

	@Test
	void namesTheLineOfAnInvalidRrule() {
		assertThatThrownBy(() -> read("""
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
				""")).isInstanceOf(InvalidInput.class)
			.hasMessageContaining("line 8: 'RRULE:FREQ=SOMETIMES'")
			.hasMessageContaining("unknown value 'SOMETIMES'");
	}

	@Test
	void namesTheLineOfAnUnknownTimeZone() {
		assertThatThrownBy(() -> read("""
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
				""")).isInstanceOf(InvalidInput.class)
			.hasMessageContaining("line 5")
			.hasMessageContaining("Mars/Olympus_Mons");
	}

	@Test
	void rejectsSomethingThatIsNotACalendar() {
		assertThatThrownBy(() -> read("{\"title\": \"not a calendar\"}")).isInstanceOf(InvalidInput.class)
			.hasMessageContaining("line 1");
		assertThatThrownBy(() -> read(new byte[0])).isInstanceOf(InvalidInput.class).hasMessageContaining("empty");
	}

}
