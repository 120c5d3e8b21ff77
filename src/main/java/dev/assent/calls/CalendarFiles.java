package dev.assent.calls;

import java.io.IOException;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.time.DateTimeException;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.temporal.Temporal;
import java.time.temporal.TemporalAmount;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.TreeSet;
import java.util.function.Function;
import java.util.function.Supplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import net.fortuna.ical4j.data.CalendarBuilder;
import net.fortuna.ical4j.data.ParserException;
import net.fortuna.ical4j.model.Calendar;
import net.fortuna.ical4j.model.Parameter;
import net.fortuna.ical4j.model.Property;
import net.fortuna.ical4j.model.component.CalendarComponent;
import net.fortuna.ical4j.model.component.VEvent;
import net.fortuna.ical4j.model.component.VTimeZone;
import net.fortuna.ical4j.model.property.DateListProperty;
import net.fortuna.ical4j.model.property.DateProperty;
import org.jspecify.annotations.Nullable;

import dev.assent.calls.CalendarText.Blocks;
import dev.assent.calls.CalendarText.Lines;
import dev.assent.shared.InvalidInput;

/**
 * Reads an iCalendar file (RFC 5545) as Google Calendar and Outlook export it into meeting
 * drafts, with ical4j: VEVENTs with DTSTART;TZID=… (IANA or Windows zone names), RRULE, EXDATE,
 * RECURRENCE-ID instances, ORGANIZER and ATTENDEE (rooms and resources left out), and the join
 * link found in the provider's own property, LOCATION, URL or DESCRIPTION. A fault in the file
 * is an {@link InvalidInput} on {@code calendar} that names the line and property.
 */
final class CalendarFiles {

	static final String FIELD = "calendar";

	static final int MAX_BYTES = 2 * 1024 * 1024;

	static final int MAX_EVENTS = 1000;

	static final int MAX_RDATES = 1000;

	private static final Pattern URL = Pattern.compile("https?://[^\\s<>\"'\\\\]+", Pattern.CASE_INSENSITIVE);

	private static final Pattern EMAIL = Pattern.compile("^[^@\\s]{1,64}@[^@\\s]+\\.[^@\\s]+$");

	/** Properties that carry the meeting link itself, before the free-text ones. */
	private static final List<String> LINK_PROPERTIES = List.of("X-GOOGLE-CONFERENCE",
			"X-MICROSOFT-SKYPETEAMSMEETINGURL", "X-MICROSOFT-ONLINEMEETINGEXTERNALLINK", Property.URL,
			Property.LOCATION, Property.DESCRIPTION);

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

	/** At most this many links of an invite are kept, each at most {@link #MAX_LINK} characters. */
	static final int MAX_INVITE_LINKS = 20;

	static final int MAX_LINK = 2000;

	/** An event that is not a meeting Assent schedules, or that cannot be read, why, and the line its VEVENT begins on (0 when unknown). */
	record Skip(@Nullable String uid, @Nullable String summary, String reason, int line) implements Entry {

		Skip(@Nullable String uid, @Nullable String summary, String reason) {
			this(uid, summary, reason, 0);
		}

	}

	private final Function<String, Provider> providers;

	private final Lines lines;

	private final @Nullable ZoneId calendarZone;

	/** The IANA zone of each TZID met so far. */
	private final Map<String, ZoneId> zones = new HashMap<>();

	/** What the file's own VTIMEZONEs say about each TZID: X-LIC-LOCATION, TZURL. */
	private final Map<String, List<String>> hints = new HashMap<>();

	/** The first line of the event being read: faults are looked for from there. */
	private int eventStart;

	private CalendarFiles(Function<String, Provider> providers, Lines lines, @Nullable ZoneId calendarZone) {
		this.providers = providers;
		this.lines = lines;
		this.calendarZone = calendarZone;
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
		guardTimeZoneRules(lines);
		Blocks blocks = Blocks.of(text);
		Calendar calendar;
		List<VEvent> events = new ArrayList<>();
		List<Integer> eventLines = new ArrayList<>();
		List<Entry> unreadable = new ArrayList<>();
		try {
			calendar = parse(text);
			for (CalendarComponent component : calendar.getComponents()) {
				if (component instanceof VEvent event) {
					events.add(event);
				}
			}
			for (int i = 0; i < events.size(); i++) {
				eventLines.add(i < blocks.events().size() ? blocks.events().get(i).first() : 0);
			}
		}
		catch (InvalidInput whole) {
			// One broken event never refuses the whole file: read the calendar without its events, then
			// each event on its own; the ones that cannot be read are skipped with their line.
			if (blocks.events().isEmpty()) {
				throw whole;
			}
			try {
				calendar = parse(blocks.skeleton());
			}
			catch (InvalidInput skeleton) {
				throw whole;
			}
			for (Blocks.Block block : blocks.events()) {
				try {
					Calendar single = parse(blocks.withOnly(block));
					for (CalendarComponent component : single.getComponents()) {
						if (component instanceof VEvent event) {
							events.add(event);
							eventLines.add(block.first());
						}
					}
				}
				catch (InvalidInput ex) {
					String message = ex.fields().get(FIELD);
					Matcher at = Pattern.compile("^line (\\d+): ").matcher(message);
					int line = at.find() ? blocks.lineOf(block, Integer.parseInt(at.group(1))) : block.first();
					unreadable.add(new Skip(block.property("UID"), block.property("SUMMARY"),
							"line " + line + ": " + (at.find(0) ? message.substring(at.end()) : message), block.first()));
				}
			}
		}
		ZoneId zone = calendar.getProperty("X-WR-TIMEZONE")
			.flatMap(p -> TimeZones.fromCalendar(p.getValue()))
			.orElse(null);
		CalendarFiles files = new CalendarFiles(providers, lines, zone);
		files.definitions(calendar);
		return files.entries(events, eventLines, unreadable);
	}

	/**
	 * Notes the names each VTIMEZONE of the file gives its zone besides its TZID: Evolution and
	 * Thunderbird write X-LIC-LOCATION (an IANA id), tzurl.org-based files a TZURL ending in one.
	 */
	private void definitions(Calendar calendar) {
		for (CalendarComponent component : calendar.getComponents()) {
			if (component instanceof VTimeZone vtz) {
				String tzid = vtz.getProperty(Property.TZID).map(Property::getValue).orElse(null);
				if (tzid == null) {
					continue;
				}
				List<String> names = new ArrayList<>();
				vtz.getProperty("X-LIC-LOCATION").map(Property::getValue).ifPresent(names::add);
				vtz.getProperty(Property.TZURL).map(Property::getValue).ifPresent(url -> {
					String path = url.replaceFirst("^[a-zA-Z]+://[^/]+", "").replaceFirst("\\.ics$", "");
					names.add(path);
				});
				hints.put(tzid, names);
			}
		}
	}

	/**
	 * Refuses VTIMEZONE rules that repeat more often than yearly. Time zone rules always repeat
	 * yearly; ical4j expands a rule from its start (often 1601) while reading the file, so an
	 * hourly one would keep a request busy for hours.
	 */
	private static void guardTimeZoneRules(Lines lines) {
		int line = lines.firstZoneRuleNotYearly();
		if (line > 0) {
			throw InvalidInput.of(FIELD, "invalid.calendar.zone-rule", line);
		}
	}

	/** Parses iCalendar text; a syntax error is an {@link InvalidInput} naming its line. */
	private static Calendar parse(String text) {
		try {
			return new CalendarBuilder().build(new StringReader(text));
		}
		catch (ParserException ex) {
			String line = new Lines(text).at(ex.getLineNo());
			throw line == null || line.isBlank()
					? InvalidInput.of(FIELD, "invalid.calendar.syntax", ex.getLineNo(), parserMessage(ex))
					: InvalidInput.of(FIELD, "invalid.calendar.syntax-at", ex.getLineNo(), abbreviate(line), parserMessage(ex));
		}
		catch (IOException | RuntimeException ex) {
			throw InvalidInput.of(FIELD, "invalid.calendar.unreadable", ex.getMessage());
		}
	}

	private static String abbreviate(String line) {
		return line.length() > 120 ? line.substring(0, 117) + "..." : line;
	}

	private static String parserMessage(ParserException ex) {
		String message = ex.getCause() != null && ex.getCause().getMessage() != null ? ex.getCause().getMessage()
				: ex.getMessage() == null ? "unreadable" : ex.getMessage();
		return message.replaceFirst("^Error at line \\d+:", "")
			.replaceAll("No enum constant [\\w.]+\\.(\\w+)", "unknown value '$1'")
			.strip();
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
						Instant recurrenceId = instant(instance, Property.RECURRENCE_ID, zoneOf(instance, null));
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
		eventStart = line;
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
					+ (ex.getMessage() == null ? ex.getClass().getSimpleName() : abbreviate(ex.getMessage())) + ")", line);
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
		Temporal start = date(event, Property.DTSTART);
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
		ZoneId zone = zoneOf(event, rrule);
		Instant startAt = instant(event, Property.DTSTART, zone);
		Instant endAt = end(event, start, zone, startAt);
		if (!endAt.isAfter(startAt)) {
			return new Skip(uid, summary, "ends when it starts (no DTEND or DURATION)", line);
		}
		if (rrule != null) {
			try {
				rrule = Recurrences.normalize(rrule);
			}
			catch (InvalidInput ex) {
				throw InvalidInput.of(FIELD, "invalid.calendar.rrule",
						lines.of(Property.RRULE, text(event, Property.RRULE), eventStart), ex.fields().get("recurrence"));
			}
		}
		List<Instant> exdates = new ArrayList<>();
		for (Property p : event.getProperties(Property.EXDATE)) {
			for (Object d : dates(p)) {
				exdates.add(exdate((Temporal) d, zone, startAt, p));
			}
		}
		// RDATE: occurrences beyond the rule (or, without one, beyond DTSTART), at the event's time
		TreeSet<Instant> rdates = new TreeSet<>();
		for (Property p : event.getProperties(Property.RDATE)) {
			for (Temporal d : rdates(p)) {
				Instant at = exdate(d, zone, startAt, p);
				if (!at.equals(startAt)) {
					rdates.add(at);
				}
			}
		}
		if (rdates.size() > MAX_RDATES) {
			throw InvalidInput.of(FIELD, "invalid.calendar.too-many-rdates", lines.of(Property.RDATE, null, eventStart),
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
				organizer, null, joinUrl(event), startAt, endAt, zone.getId(), rrule, exdates, changes,
				invitees(event, organizer), null, uid, List.copyOf(rdates));
		return new Event(draft, cancelled, inviteLinks(event), line);
	}

	private OccurrenceChange change(VEvent instance, ZoneId zone, @Nullable String masterSummary) {
		Instant recurrenceId = instant(instance, Property.RECURRENCE_ID, zone);
		if ("CANCELLED".equalsIgnoreCase(text(instance, Property.STATUS))) {
			return OccurrenceChange.cancelled(recurrenceId);
		}
		Temporal start = date(instance, Property.DTSTART);
		Instant startAt = start == null ? recurrenceId : instant(instance, Property.DTSTART, zone);
		Instant endAt = start == null ? null : end(instance, start, zone, startAt);
		String summary = text(instance, Property.SUMMARY);
		return new OccurrenceChange(recurrenceId, startAt, endAt != null && endAt.isAfter(startAt) ? endAt : null,
				summary != null && !summary.equals(masterSummary) ? summary.strip() : null, false);
	}

	/** The IANA zone the event's recurrence is expanded in and its times are shown in. */
	private ZoneId zoneOf(VEvent event, @Nullable String rrule) {
		Optional<Property> dtstart = event.getProperty(Property.DTSTART);
		Temporal start = date(event, Property.DTSTART);
		if (dtstart.isPresent() && start instanceof ZonedDateTime zoned) {
			return zone(dtstart.get(), zoned);
		}
		boolean utc = start instanceof Instant || start instanceof OffsetDateTime;
		if (utc && rrule != null) {
			// RFC 5545: a series starting at a UTC time repeats at that UTC time.
			return ZoneId.of("UTC");
		}
		return calendarZone != null ? calendarZone : ZoneId.of("UTC");
	}

	/**
	 * The IANA zone of a property's TZID: known by name (IANA, Windows, prefixed), or else the IANA
	 * zone whose offsets agree with the file's VTIMEZONE definition.
	 */
	private ZoneId zone(Property p, ZonedDateTime sample) {
		String tzid = p.getParameter(Parameter.TZID).map(Parameter::getValue).orElse(sample.getZone().getId());
		ZoneId known = zones.get(tzid);
		if (known != null) {
			return known;
		}
		ZoneId found = TimeZones.fromCalendar(tzid)
			.or(() -> hints.getOrDefault(tzid, List.of()).stream().flatMap(h -> TimeZones.fromCalendar(h).stream()).findFirst())
			.or(() -> TimeZones.fromDisplayName(tzid, sample.getZone(), sample.toInstant()))
			.or(() -> sameRules(sample.getZone(), sample.toInstant()))
			.orElseThrow(() -> InvalidInput.of(FIELD, "invalid.calendar.unknown-zone",
					lines.of(p.getName(), null, eventStart), p.getName(), tzid));
		zones.put(tzid, found);
		return found;
	}

	/**
	 * The IANA zone whose offsets agree best with a zone a file defines itself, over the 18 months
	 * around {@code around}; zones that Windows names map to win ties. ical4j's own reading of a
	 * VTIMEZONE can be off around the transitions, so nine in ten probes must agree, not all.
	 */
	private static Optional<ZoneId> sameRules(ZoneId custom, Instant around) {
		List<Instant> probes = new ArrayList<>();
		for (int day = -182; day <= 365; day += 5) {
			probes.add(around.plus(Duration.ofDays(day)));
		}
		ZoneId best = null;
		long bestScore = -1;
		List<String> ids = new ArrayList<>(TimeZones.windowsZones());
		ZoneId.getAvailableZoneIds()
			.stream()
			.filter(id -> id.contains("/") && !id.startsWith("Etc/") && !id.startsWith("SystemV/"))
			.sorted()
			.forEach(ids::add);
		for (String id : ids) {
			ZoneId z = ZoneId.of(id);
			long score = probes.stream().filter(p -> z.getRules().getOffset(p).equals(custom.getRules().getOffset(p))).count();
			if (score > bestScore) {
				best = z;
				bestScore = score;
			}
		}
		return best != null && bestScore * 10 >= probes.size() * 9L ? Optional.of(best) : Optional.empty();
	}

	private Instant end(VEvent event, Temporal start, ZoneId zone, Instant startAt) {
		Temporal end = date(event, Property.DTEND);
		if (end != null) {
			return instant(event, Property.DTEND, zone);
		}
		Optional<Property> duration = event.getProperty(Property.DURATION);
		if (duration.isPresent()) {
			try {
				TemporalAmount amount = ((net.fortuna.ical4j.model.property.Duration) duration.get()).getDuration();
				return startAt.atZone(zone).plus(amount).toInstant();
			}
			catch (RuntimeException ex) {
				throw fault(duration.get(), ex);
			}
		}
		return startAt;
	}

	private @Nullable Temporal date(VEvent event, String name) {
		Optional<Property> property = event.getProperty(name);
		if (property.isEmpty()) {
			return null;
		}
		try {
			return ((DateProperty<?>) property.get()).getDate();
		}
		catch (RuntimeException ex) {
			throw fault(property.get(), ex);
		}
	}

	private List<?> dates(Property p) {
		try {
			return ((DateListProperty<?>) p).getDates();
		}
		catch (RuntimeException ex) {
			throw fault(p, ex);
		}
	}

	/** The dates of an RDATE: date-times, dates, or the starts of its periods (VALUE=PERIOD). */
	private List<Temporal> rdates(Property p) {
		try {
			if (p instanceof net.fortuna.ical4j.model.property.RDate<?> rdate && rdate.getPeriods().isPresent()) {
				return rdate.getPeriods().get().stream().map(period -> (Temporal) period.getStart()).toList();
			}
			return ((DateListProperty<?>) p).getDates().stream().map(d -> (Temporal) d).toList();
		}
		catch (RuntimeException ex) {
			throw fault(p, ex);
		}
	}

	/** A property's date-time as an instant; local times with a TZID are placed in its IANA zone. */
	private Instant instant(VEvent event, String name, ZoneId zone) {
		Optional<Property> p = event.getProperty(name);
		Temporal t = date(event, name);
		if (p.isPresent() && t instanceof ZonedDateTime z) {
			return z.toLocalDateTime().atZone(zone(p.get(), z)).toInstant();
		}
		return instant(t, zone, name);
	}

	private Instant instant(@Nullable Temporal t, ZoneId zone, @Nullable String property) {
		if (t instanceof ZonedDateTime z) {
			return z.toInstant();
		}
		if (t instanceof OffsetDateTime o) {
			return o.toInstant();
		}
		if (t instanceof Instant i) {
			return i;
		}
		if (t instanceof LocalDateTime l) {
			return l.atZone(zone).toInstant();
		}
		if (t instanceof LocalDate d) {
			return d.atStartOfDay(zone).toInstant();
		}
		throw property == null ? InvalidInput.of(FIELD, "invalid.calendar.no-date")
				: InvalidInput.of(FIELD, "invalid.calendar.no-date-time", property);
	}

	/** An EXDATE as the start it excludes; a date-only EXDATE excludes the occurrence on that day. */
	private Instant exdate(Temporal t, ZoneId zone, Instant seriesStart, Property p) {
		if (t instanceof LocalDate d) {
			return ZonedDateTime.of(d, seriesStart.atZone(zone).toLocalTime(), zone).toInstant();
		}
		if (t instanceof ZonedDateTime z) {
			return z.toLocalDateTime().atZone(zone(p, z)).toInstant();
		}
		try {
			return instant(t, zone, Property.EXDATE);
		}
		catch (DateTimeException ex) {
			throw fault(p, ex);
		}
	}

	private InvalidInput fault(Property p, RuntimeException ex) {
		String cause = ex.getMessage() == null ? ex.getClass().getSimpleName() : ex.getMessage();
		Optional<String> tzid = p.getParameter(Parameter.TZID).map(Parameter::getValue);
		int line = lines.of(p.getName(), tzid.orElse(null), eventStart);
		if (ex instanceof java.time.zone.ZoneRulesException && tzid.isPresent()) {
			return InvalidInput.of(FIELD, "invalid.calendar.undefined-zone", line, p.getName(), tzid.get());
		}
		String raw = lines.text(line);
		return raw == null ? InvalidInput.of(FIELD, "invalid.calendar.property", line, p.getName(), cause)
				: InvalidInput.of(FIELD, "invalid.calendar.property-text", line, abbreviate(raw), cause);
	}

	/** Every link in the properties that carry links (the consent link, the provider's, others), in order. */
	private static List<String> inviteLinks(VEvent event) {
		LinkedHashSet<String> links = new LinkedHashSet<>();
		for (String name : LINK_PROPERTIES) {
			for (Property p : event.getProperties(name)) {
				Matcher m = URL.matcher(p.getValue() == null ? "" : p.getValue());
				while (m.find() && links.size() < MAX_INVITE_LINKS) {
					String url = m.group().replaceAll("[.,;:)\\]}>]+$", "");
					if (url.length() <= MAX_LINK) {
						links.add(url);
					}
				}
			}
		}
		return List.copyOf(links);
	}

	private @Nullable String joinUrl(VEvent event) {
		String fallback = null;
		for (String name : LINK_PROPERTIES) {
			for (Property p : event.getProperties(name)) {
				Matcher m = URL.matcher(p.getValue() == null ? "" : p.getValue());
				while (m.find()) {
					String url = m.group().replaceAll("[.,;:)\\]}>]+$", "");
					if (providers.apply(url) != Provider.OTHER) {
						return url;
					}
					if (fallback == null && !name.equals(Property.DESCRIPTION)) {
						fallback = url;
					}
				}
			}
		}
		return fallback;
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
		return EMAIL.matcher(v).matches() ? v : null;
	}

	private static @Nullable String text(VEvent event, String name) {
		return event.getProperty(name).map(Property::getValue).filter(v -> !v.isBlank()).orElse(null);
	}

	private static String describe(@Nullable String uid, @Nullable String summary) {
		return (summary != null ? "'" + summary + "'" : "") + (uid != null ? " (UID " + uid + ")" : "");
	}

}
