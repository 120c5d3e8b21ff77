package dev.assent.calls;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.temporal.Temporal;
import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeSet;
import java.util.function.Function;
import java.util.function.Supplier;

import net.fortuna.ical4j.model.Parameter;
import net.fortuna.ical4j.model.Property;
import net.fortuna.ical4j.model.component.VEvent;
import org.jspecify.annotations.Nullable;

import dev.assent.calls.CalendarParser.Parsed;
import dev.assent.calls.CalendarText.Lines;
import dev.assent.shared.Emails;
import dev.assent.shared.InvalidInput;

/**
 * Reads an iCalendar file (RFC 5545) as Google Calendar and Outlook export it into meeting
 * drafts, with ical4j: VEVENTs with DTSTART;TZID=… (IANA or Windows zone names), RRULE, EXDATE,
 * RECURRENCE-ID instances, ORGANIZER and ATTENDEE (rooms and resources left out), and the join
 * link found in the provider's own property, LOCATION, URL or DESCRIPTION. A fault in the file
 * is an {@link InvalidInput} on {@code calendar} that names the line and property. The file's
 * syntax is {@link CalendarParser}'s, its events' times {@link EventTimes}' (their zones
 * {@link CalendarZones}'), their links {@link EventLinks}'; this class makes meetings of them.
 */
final class CalendarFiles {

	static final String FIELD = "calendar";

	static final int MAX_BYTES = 2 * 1024 * 1024;

	static final int MAX_EVENTS = 1000;

	static final int MAX_RDATES = 1000;

	sealed interface Entry permits Event, Skip {
	}

	/**
	 * A meeting to create or update; {@code cancelled} when the calendar cancelled the whole event;
	 * {@code inviteLinks} every link its invite carries (PRODUCT E5); {@code line} is where its VEVENT
	 * begins in the file.
	 */
	record Event(MeetingDraft draft, boolean cancelled, List<String> inviteLinks, int line) implements Entry {

		Event(MeetingDraft draft, boolean cancelled) {
			this(draft, cancelled, List.of(), 0);
		}

	}

	/** An event that is not a meeting Assent schedules, or that cannot be read, why, and the line its VEVENT begins on (0 when unknown). */
	record Skip(@Nullable String uid, @Nullable String summary, String reason, int line) implements Entry {

		Skip(@Nullable String uid, @Nullable String summary, String reason) {
			this(uid, summary, reason, 0);
		}

	}

	private final Function<String, Provider> providers;

	private final EventTimes times;

	private CalendarFiles(Function<String, Provider> providers, EventTimes times) {
		this.providers = providers;
		this.times = times;
	}

	static List<Entry> read(byte[] ics, Function<String, Provider> providers) {
		if (ics.length == 0) {
			throw InvalidInput.of(FIELD, "invalid.is-empty-send-an-icalendar-ics-file-as");
		}
		if (ics.length > MAX_BYTES) {
			throw InvalidInput.of(FIELD, "invalid.must-be-at-most-2-mb");
		}
		String text = new String(ics, StandardCharsets.UTF_8);
		if (text.startsWith("\uFEFF")) {
			text = text.substring(1);
		}
		Lines lines = new Lines(text);
		Parsed parsed = CalendarParser.parseAll(text, lines);
		ZoneId zone = parsed.calendar()
			.getProperty("X-WR-TIMEZONE")
			.flatMap(p -> TimeZones.fromCalendar(p.getValue()))
			.orElse(null);
		CalendarFiles files = new CalendarFiles(providers,
				new EventTimes(lines, new CalendarZones(parsed.calendar()), zone));
		return files.entries(parsed.events(), parsed.eventLines(), parsed.unreadable());
	}

	private List<Entry> entries(List<VEvent> events, List<Integer> eventLines, List<Entry> unreadable) {
		Map<String, VEvent> masters = new LinkedHashMap<>();
		Map<String, List<VEvent>> instances = new LinkedHashMap<>();
		Map<VEvent, Integer> lineOf = new IdentityHashMap<>();
		if (events.isEmpty() && unreadable.isEmpty()) {
			throw InvalidInput.of(FIELD, "invalid.contains-no-vevent-there-is-no-meeting-to");
		}
		if (events.size() + unreadable.size() > MAX_EVENTS) {
			throw InvalidInput.of(FIELD, "invalid.calendar.too-many-events", events.size() + unreadable.size(), MAX_EVENTS);
		}
		List<Entry> out = new ArrayList<>(unreadable);
		int anonymous = 0;
		for (int i = 0; i < events.size(); i++) {
			VEvent event = events.get(i);
			lineOf.put(event, eventLines.get(i));
			String uid = text(event, Property.UID);
			if (uid == null) {
				uid = "\u0000no-uid-" + anonymous++;
			}
			if (event.getProperty(Property.RECURRENCE_ID).isPresent()) {
				instances.computeIfAbsent(uid, k -> new ArrayList<>()).add(event);
			}
			else if (masters.putIfAbsent(uid, event) != null) {
				out.add(new Skip(uid, text(event, Property.SUMMARY), "a second VEVENT with UID " + uid
						+ " that is not a RECURRENCE-ID instance; the first one is imported", eventLines.get(i)));
			}
		}
		for (Map.Entry<String, VEvent> e : masters.entrySet()) {
			String uid = e.getKey().startsWith("\u0000") ? null : e.getKey();
			out.add(guarded(e.getValue(), uid, lineOf.get(e.getValue()),
					() -> entry(e.getValue(), uid, instances.getOrDefault(e.getKey(), List.of()), lineOf)));
		}
		// Instances whose series is not in the file (an invitation to a single occurrence) stand alone.
		for (Map.Entry<String, List<VEvent>> e : instances.entrySet()) {
			if (!masters.containsKey(e.getKey())) {
				for (VEvent instance : e.getValue()) {
					out.add(guarded(instance, e.getKey(), lineOf.get(instance), () -> {
						Instant recurrenceId = times.instant(instance, Property.RECURRENCE_ID, times.zoneOf(instance, null));
						return entry(instance, e.getKey() + "/" + recurrenceId, List.of(), lineOf);
					}));
				}
			}
		}
		return out;
	}

	/**
	 * Reads one event; a fault in it skips this event with its line and reason, never the file (a
	 * fault's own line is named when it is known).
	 */
	private Entry guarded(VEvent event, @Nullable String uid, int line, Supplier<Entry> read) {
		times.readingEventAt(line);
		try {
			return read.get();
		}
		catch (InvalidInput ex) {
			String message = ex.fields().values().iterator().next();
			return new Skip(clean(uid), clean(text(event, Property.SUMMARY)),
					message.startsWith("line ") || line <= 0 ? message : "line " + line + ": " + message, line);
		}
		catch (RuntimeException ex) {
			return new Skip(clean(uid), clean(text(event, Property.SUMMARY)), "line " + line + ": cannot be read ("
					+ (ex.getMessage() == null ? ex.getClass().getSimpleName() : CalendarParser.abbreviate(ex.getMessage())) + ")", line);
		}
	}

	/** Text as PostgreSQL stores it: no NUL characters. */
	static @Nullable String clean(@Nullable String text) {
		return text == null ? null : text.replace("\u0000", "");
	}

	private Entry entry(VEvent event, @Nullable String uid, List<VEvent> instances, Map<VEvent, Integer> lineOf) {
		int line = lineOf.getOrDefault(event, 0);
		String summary = clean(text(event, Property.SUMMARY));
		uid = clean(uid);
		Temporal start = times.date(event, Property.DTSTART);
		if (start == null) {
			throw InvalidInput.of(FIELD, "invalid.calendar.no-start", describe(uid, summary));
		}
		if (start instanceof LocalDate) {
			return new Skip(uid, summary, "an all-day event, not a meeting with a time", line);
		}
		boolean cancelled = "CANCELLED".equalsIgnoreCase(text(event, Property.STATUS));
		String organizer = email(event.getProperty(Property.ORGANIZER).map(Property::getValue).orElse(null));
		if (organizer == null) {
			return new Skip(uid, summary, "no ORGANIZER with an email address: not a meeting with invitees", line);
		}
		String rrule = text(event, Property.RRULE);
		ZoneId zone = times.zoneOf(event, rrule);
		Instant startAt = times.instant(event, Property.DTSTART, zone);
		Instant endAt = times.end(event, zone, startAt);
		if (!endAt.isAfter(startAt)) {
			return new Skip(uid, summary, "ends when it starts (no DTEND or DURATION)", line);
		}
		if (rrule != null) {
			try {
				rrule = Recurrences.normalize(rrule);
			}
			catch (InvalidInput ex) {
				throw InvalidInput.of(FIELD, "invalid.calendar.rrule",
						times.lineOf(Property.RRULE, text(event, Property.RRULE)), ex.fields().get("recurrence"));
			}
		}
		List<Instant> exdates = new ArrayList<>();
		for (Property p : event.getProperties(Property.EXDATE)) {
			for (Object d : times.dates(p)) {
				exdates.add(times.exdate((Temporal) d, zone, startAt, p));
			}
		}
		// RDATE: occurrences beyond the rule (or, without one, beyond DTSTART), at the event's time
		TreeSet<Instant> rdates = new TreeSet<>();
		for (Property p : event.getProperties(Property.RDATE)) {
			for (Temporal d : times.rdates(p)) {
				Instant at = times.exdate(d, zone, startAt, p);
				if (!at.equals(startAt)) {
					rdates.add(at);
				}
			}
		}
		if (rdates.size() > MAX_RDATES) {
			throw InvalidInput.of(FIELD, "invalid.calendar.too-many-rdates", times.lineOf(Property.RDATE, null),
					MAX_RDATES);
		}
		List<OccurrenceChange> changes = new ArrayList<>();
		for (VEvent instance : instances) {
			try {
				changes.add(change(instance, zone, summary));
			}
			catch (InvalidInput ex) {
				throw InvalidInput.of(FIELD, "invalid.calendar.instance", lineOf.getOrDefault(instance, 0),
						ex.fields().values().iterator().next());
			}
		}
		MeetingDraft draft = new MeetingDraft(summary == null || summary.isBlank() ? "Untitled meeting" : summary.strip(),
				organizer, null, EventLinks.joinUrl(event, providers), startAt, endAt, zone.getId(), rrule, exdates, changes,
				invitees(event, organizer), null, uid, List.copyOf(rdates));
		return new Event(draft, cancelled, EventLinks.inviteLinks(event), line);
	}

	private OccurrenceChange change(VEvent instance, ZoneId zone, @Nullable String masterSummary) {
		Instant recurrenceId = times.instant(instance, Property.RECURRENCE_ID, zone);
		if ("CANCELLED".equalsIgnoreCase(text(instance, Property.STATUS))) {
			return OccurrenceChange.cancelled(recurrenceId);
		}
		Temporal start = times.date(instance, Property.DTSTART);
		Instant startAt = start == null ? recurrenceId : times.instant(instance, Property.DTSTART, zone);
		Instant endAt = start == null ? null : times.end(instance, zone, startAt);
		String summary = text(instance, Property.SUMMARY);
		return new OccurrenceChange(recurrenceId, startAt, endAt != null && endAt.isAfter(startAt) ? endAt : null,
				summary != null && !summary.equals(masterSummary) ? summary.strip() : null, false);
	}

	private static List<Invitee> invitees(VEvent event, String organizer) {
		Map<String, Invitee> byEmail = new LinkedHashMap<>();
		for (Property attendee : event.getProperties(Property.ATTENDEE)) {
			String cutype = attendee.getParameter(Parameter.CUTYPE).map(Parameter::getValue).orElse("INDIVIDUAL");
			if (cutype.equalsIgnoreCase("ROOM") || cutype.equalsIgnoreCase("RESOURCE")) {
				continue;
			}
			String email = email(attendee.getValue());
			if (email == null || email.equalsIgnoreCase(organizer)) {
				continue;
			}
			String name = clean(attendee.getParameter(Parameter.CN).map(Parameter::getValue).orElse(null));
			byEmail.putIfAbsent(email.toLowerCase(Locale.ROOT), new Invitee(email, name == null || name.isBlank() ? null : name.strip()));
		}
		return new ArrayList<>(byEmail.values());
	}

	private static @Nullable String email(@Nullable String calAddress) {
		if (calAddress == null) {
			return null;
		}
		String v = calAddress.strip();
		if (v.regionMatches(true, 0, "mailto:", 0, 7)) {
			v = v.substring(7).strip();
		}
		return Emails.isAddress(v) ? v : null;
	}

	private static @Nullable String text(VEvent event, String name) {
		return event.getProperty(name).map(Property::getValue).filter(v -> !v.isBlank()).orElse(null);
	}

	private static String describe(@Nullable String uid, @Nullable String summary) {
		return (summary != null ? "'" + summary + "'" : "") + (uid != null ? " (UID " + uid + ")" : "");
	}

}
