package dev.assent.calls;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import net.fortuna.ical4j.model.Calendar;
import net.fortuna.ical4j.model.Property;
import net.fortuna.ical4j.model.component.CalendarComponent;
import net.fortuna.ical4j.model.component.VTimeZone;

/**
 * The IANA zones of one file's TZIDs: known by name (IANA, Windows, prefixed), by what the file's
 * own VTIMEZONE says besides its TZID, or else the IANA zone whose offsets agree with the file's
 * definition. Each TZID is looked up once per file.
 */
final class CalendarZones {

	/** The IANA zone of each TZID met so far. */
	private final Map<String, ZoneId> zones = new HashMap<>();

	/** What the file's own VTIMEZONEs say about each TZID: X-LIC-LOCATION, TZURL. */
	private final Map<String, List<String>> hints = new HashMap<>();

	/**
	 * Notes the names each VTIMEZONE of the file gives its zone besides its TZID: Evolution and
	 * Thunderbird write X-LIC-LOCATION (an IANA id), tzurl.org-based files a TZURL ending in one.
	 */
	CalendarZones(Calendar calendar) {
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

	/** The IANA zone of {@code tzid}, of which {@code sample} is a time as ical4j read it; empty when none fits. */
	Optional<ZoneId> of(String tzid, ZonedDateTime sample) {
		ZoneId known = zones.get(tzid);
		if (known != null) {
			return Optional.of(known);
		}
		Optional<ZoneId> found = TimeZones.fromCalendar(tzid)
			.or(() -> hints.getOrDefault(tzid, List.of()).stream().flatMap(h -> TimeZones.fromCalendar(h).stream()).findFirst())
			.or(() -> TimeZones.fromDisplayName(tzid, sample.getZone(), sample.toInstant()))
			.or(() -> sameRules(sample.getZone(), sample.toInstant()));
		found.ifPresent(zone -> zones.put(tzid, zone));
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

}
