package dev.assent.calls;

import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.temporal.Temporal;
import java.time.temporal.TemporalAmount;
import java.time.zone.ZoneRulesException;
import java.util.List;
import java.util.Optional;

import net.fortuna.ical4j.model.Parameter;
import net.fortuna.ical4j.model.Property;
import net.fortuna.ical4j.model.component.VEvent;
import net.fortuna.ical4j.model.property.DateListProperty;
import net.fortuna.ical4j.model.property.DateProperty;
import net.fortuna.ical4j.model.property.RDate;
import org.jspecify.annotations.Nullable;

import dev.assent.calls.CalendarText.Lines;
import dev.assent.shared.InvalidInput;

import static dev.assent.calls.CalendarFiles.FIELD;
import static dev.assent.calls.CalendarParser.abbreviate;

/**
 * The times of one file's events as instants: DTSTART, DTEND or DURATION, EXDATE, RDATE and
 * RECURRENCE-ID, local times placed in the IANA zone of their TZID ({@link CalendarZones}) or the
 * calendar's. A property that cannot be read is an {@link InvalidInput} naming its line, looked for
 * from the line the event being read begins on ({@link #readingEventAt}).
 */
final class EventTimes {

	private final Lines lines;

	private final CalendarZones zones;

	/** The calendar's own zone (X-WR-TIMEZONE), for floating times; UTC without one. */
	private final @Nullable ZoneId calendarZone;

	/** The first line of the event being read: faults are looked for from there. */
	private int eventStart;

	EventTimes(Lines lines, CalendarZones zones, @Nullable ZoneId calendarZone) {
		this.lines = lines;
		this.zones = zones;
		this.calendarZone = calendarZone;
	}

	/** The event read next begins on this line (0 when unknown). */
	void readingEventAt(int line) {
		eventStart = line;
	}

	/** The line of the event being read on which a property (with this value, if given) stands. */
	int lineOf(String property, @Nullable String value) {
		return lines.of(property, value, eventStart);
	}

	/** The IANA zone the event's recurrence is expanded in and its times are shown in. */
	ZoneId zoneOf(VEvent event, @Nullable String rrule) {
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

	/** The IANA zone of a property's TZID ({@link CalendarZones}); none fits: a fault naming the property's line. */
	private ZoneId zone(Property p, ZonedDateTime sample) {
		String tzid = p.getParameter(Parameter.TZID).map(Parameter::getValue).orElse(sample.getZone().getId());
		return zones.of(tzid, sample)
			.orElseThrow(() -> InvalidInput.of(FIELD, "invalid.calendar.unknown-zone", lineOf(p.getName(), null),
					p.getName(), tzid));
	}

	/** When the event ends: DTEND, else DTSTART + DURATION, else when it starts. */
	Instant end(VEvent event, ZoneId zone, Instant startAt) {
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

	/** A date property's value as ical4j reads it (a date, a local, zoned, offset or UTC date-time); null when absent. */
	@Nullable Temporal date(VEvent event, String name) {
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

	/** The dates of an EXDATE. */
	List<?> dates(Property p) {
		try {
			return ((DateListProperty<?>) p).getDates();
		}
		catch (RuntimeException ex) {
			throw fault(p, ex);
		}
	}

	/** The dates of an RDATE: date-times, dates, or the starts of its periods (VALUE=PERIOD). */
	List<Temporal> rdates(Property p) {
		try {
			if (p instanceof RDate<?> rdate && rdate.getPeriods().isPresent()) {
				return rdate.getPeriods().get().stream().map(period -> (Temporal) period.getStart()).toList();
			}
			return ((DateListProperty<?>) p).getDates().stream().map(d -> (Temporal) d).toList();
		}
		catch (RuntimeException ex) {
			throw fault(p, ex);
		}
	}

	/** A property's date-time as an instant; local times with a TZID are placed in its IANA zone. */
	Instant instant(VEvent event, String name, ZoneId zone) {
		Optional<Property> p = event.getProperty(name);
		Temporal t = date(event, name);
		if (p.isPresent() && t instanceof ZonedDateTime z) {
			return z.toLocalDateTime().atZone(zone(p.get(), z)).toInstant();
		}
		return instant(t, zone, name);
	}

	private static Instant instant(@Nullable Temporal t, ZoneId zone, @Nullable String property) {
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

	/**
	 * An EXDATE (or RDATE) as the start it names; a date-only one names the occurrence on that day,
	 * at the series' time.
	 */
	Instant exdate(Temporal t, ZoneId zone, Instant seriesStart, Property p) {
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
		if (ex instanceof ZoneRulesException && tzid.isPresent()) {
			return InvalidInput.of(FIELD, "invalid.calendar.undefined-zone", line, p.getName(), tzid.get());
		}
		String raw = lines.text(line);
		return raw == null ? InvalidInput.of(FIELD, "invalid.calendar.property", line, p.getName(), cause)
				: InvalidInput.of(FIELD, "invalid.calendar.property-text", line, abbreviate(raw), cause);
	}

}
