package dev.assent.shared;

import java.time.Duration;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.Optional;

import org.jspecify.annotations.Nullable;

/**
 * The {@code Retry-After} header of an HTTP answer (RFC 9110 §10.2.3): a number of seconds, or an HTTP date. Read for
 * the providers' rate limits (integrations) and for the recorder's (recording).
 */
public final class RetryAfter {

	private RetryAfter() {
	}

	/**
	 * How long the header asks to wait, counted from {@code now} for a date (a date already past: zero); empty when
	 * there is no header or it is neither form.
	 */
	public static Optional<Duration> parse(@Nullable String value, Instant now) {
		if (value == null || value.isBlank()) {
			return Optional.empty();
		}
		String v = value.strip();
		try {
			return Optional.of(Duration.ofSeconds(Math.max(0, Long.parseLong(v))));
		}
		catch (NumberFormatException ex) {
			try {
				Duration d = Duration.between(now, ZonedDateTime.parse(v, DateTimeFormatter.RFC_1123_DATE_TIME).toInstant());
				return Optional.of(d.isNegative() ? Duration.ZERO : d);
			}
			catch (DateTimeParseException ex2) {
				return Optional.empty();
			}
		}
	}

}
