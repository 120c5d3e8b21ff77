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
			throw new InvalidInput(field, "is required: an IANA time zone such as Europe/Berlin");
		}
		String clean = id.strip();
		if (!ZoneId.getAvailableZoneIds().contains(clean)) {
			throw new InvalidInput(field, "'" + clean + "' is not an IANA time zone (such as Europe/Berlin or America/New_York)");
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
