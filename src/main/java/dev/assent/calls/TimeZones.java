package dev.assent.calls;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.ZoneId;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

import org.jspecify.annotations.Nullable;

import dev.assent.shared.InvalidInput;

/**
 * Time zones of meetings: IANA ids only (as DESIGN.md says), and the translation of the zone
 * names calendars write into IANA ids — Windows names from Outlook and Exchange, prefixed ids
 * such as {@code /mozilla.org/20050126_1/Europe/Berlin}.
 */
public final class TimeZones {

	private static final Map<String, String> WINDOWS = load();


	private TimeZones() {
	}

	/** The IANA zone with this id, or an {@link InvalidInput} naming {@code field}. */
	public static ZoneId require(String field, @Nullable String id) {
		if (id == null || id.isBlank()) {
			throw InvalidInput.of(field, "invalid.is-required-an-iana-time-zone-such-as");
		}
		String clean = id.strip();
		if (!ZoneId.getAvailableZoneIds().contains(clean)) {
			throw InvalidInput.of(field, "invalid.time-zone", clean);
		}
		return ZoneId.of(clean);
	}

	/** The IANA zones Windows zone names stand for, most-used first. */
	static java.util.Collection<String> windowsZones() {
		return new java.util.LinkedHashSet<>(WINDOWS.values());
	}

	/** The IANA zone a calendar's TZID stands for, if it is one Assent recognises. */
	static Optional<ZoneId> fromCalendar(String tzid) {
		String id = tzid.strip();
		if (id.startsWith("\"") && id.endsWith("\"") && id.length() > 1) {
			id = id.substring(1, id.length() - 1);
		}
		if (ZoneId.getAvailableZoneIds().contains(id)) {
			return Optional.of(ZoneId.of(id));
		}
		String windows = WINDOWS.get(id.toLowerCase(Locale.ROOT));
		if (windows != null) {
			return Optional.of(ZoneId.of(windows));
		}
		// "/mozilla.org/20050126_1/Europe/Berlin", "/softwarestudio.org/Olson_20011030_5/America/New_York"
		String[] parts = id.split("/");
		for (int i = 1; i < parts.length - 1; i++) {
			String candidate = String.join("/", java.util.Arrays.copyOfRange(parts, i, parts.length));
			if (ZoneId.getAvailableZoneIds().contains(candidate)) {
				return Optional.of(ZoneId.of(candidate));
			}
		}
		return Optional.empty();
	}

	private static final java.util.regex.Pattern DISPLAY_NAME = java.util.regex.Pattern
		.compile("^\\((?:UTC|GMT)(?:([+-])(\\d{1,2}):?(\\d{2}))?\\)\\s*(.+)$");

	/**
	 * The IANA zone an Outlook display name stands for, such as {@code (UTC+01:00) Amsterdam, Berlin,
	 * Bern, Rome, Stockholm, Vienna}: the first city that names an IANA zone whose offsets agree
	 * with the file's definition ({@code defined}, read from its VTIMEZONE) around {@code around},
	 * or, without a definition, whose standard offset is the one in parentheses.
	 */
	static Optional<ZoneId> fromDisplayName(String tzid, @Nullable ZoneId defined, java.time.Instant around) {
		java.util.regex.Matcher m = DISPLAY_NAME.matcher(tzid.strip());
		if (!m.matches()) {
			return Optional.empty();
		}
		int seconds = m.group(1) == null ? 0
				: (m.group(1).equals("-") ? -1 : 1) * (Integer.parseInt(m.group(2)) * 3600 + Integer.parseInt(m.group(3)) * 60);
		Map<String, String> byCity = new HashMap<>();
		for (String id : ZoneId.getAvailableZoneIds()) {
			if (id.contains("/") && !id.startsWith("Etc/") && !id.startsWith("SystemV/")) {
				byCity.putIfAbsent(id.substring(id.lastIndexOf('/') + 1).toLowerCase(Locale.ROOT), id);
			}
		}
		for (String city : m.group(4).split(",| and |&")) {
			String key = city.strip().replaceAll("\\s*\\(.*\\)$", "").replace(' ', '_').toLowerCase(Locale.ROOT);
			String id = byCity.get(key);
			if (id == null) {
				continue;
			}
			ZoneId candidate = ZoneId.of(id);
			boolean agrees = defined != null
					? sameOffsets(candidate, defined, around)
					: candidate.getRules().getStandardOffset(around).getTotalSeconds() == seconds;
			if (agrees) {
				return Optional.of(candidate);
			}
		}
		return Optional.empty();
	}

	private static boolean sameOffsets(ZoneId a, ZoneId b, java.time.Instant around) {
		// ical4j's reading of a VTIMEZONE can be off around the transitions: nine in ten probes must agree
		int probes = 0;
		int agree = 0;
		for (int day = -182; day <= 365; day += 5) {
			java.time.Instant at = around.plus(java.time.Duration.ofDays(day));
			probes++;
			if (a.getRules().getOffset(at).equals(b.getRules().getOffset(at))) {
				agree++;
			}
		}
		return agree * 10 >= probes * 9;
	}

	private static Map<String, String> load() {
		Map<String, String> map = new java.util.LinkedHashMap<>();
		try (InputStream in = TimeZones.class.getResourceAsStream("/calls/windows-time-zones.txt")) {
			if (in == null) {
				throw new IllegalStateException("calls/windows-time-zones.txt is missing from the classpath");
			}
			BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
			String line;
			while ((line = reader.readLine()) != null) {
				int eq = line.lastIndexOf('=');
				if (line.isBlank() || line.startsWith("#") || eq < 0) {
					continue;
				}
				String zone = line.substring(eq + 1).strip();
				if (ZoneId.getAvailableZoneIds().contains(zone)) {
					map.put(line.substring(0, eq).strip().toLowerCase(Locale.ROOT), zone);
				}
			}
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		return map;
	}

}
