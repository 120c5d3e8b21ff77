package dev.assent.calls.web;

import java.time.Instant;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeParseException;

import org.jspecify.annotations.Nullable;

import dev.assent.shared.InvalidInput;

/** Date-times in API input: ISO-8601 with an offset or Z, or local to a given zone. */
final class ApiTimes {

	private ApiTimes() {
	}

	/** An instant from {@code 2030-03-12T08:00:00Z}, {@code 2030-03-12T09:00+01:00}, or {@code 2030-03-12T09:00} in {@code zone}. */
	static Instant instant(String field, String text, @Nullable ZoneId zone) {
		String v = text.strip();
		try {
			return OffsetDateTime.parse(v).toInstant();
		}
		catch (DateTimeParseException ignored) {
			// not with an offset
		}
		if (zone != null) {
			try {
				return LocalDateTime.parse(v).atZone(zone).toInstant();
			}
			catch (DateTimeParseException ignored) {
				// not local either
			}
		}
		throw InvalidInput.of(field, zone != null ? "invalid.date-time.local" : "invalid.date-time", v);
	}

}
