package dev.assent.shared;

import java.time.Duration;
import java.time.Instant;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** {@code Retry-After} as providers and recorders send it (RFC 9110 §10.2.3). */
class RetryAfterTests {

	private static final Instant NOW = Instant.parse("2026-12-04T20:00:00Z");

	@Test
	void readsSecondsAndHttpDates() {
		assertThat(RetryAfter.parse("120", NOW)).contains(Duration.ofSeconds(120));
		assertThat(RetryAfter.parse(" 5 ", NOW)).contains(Duration.ofSeconds(5));
		assertThat(RetryAfter.parse("Fri, 04 Dec 2026 20:01:30 GMT", NOW)).contains(Duration.ofSeconds(90));
	}

	@Test
	void aDateAlreadyPastOrANegativeNumberMeansNow() {
		assertThat(RetryAfter.parse("Fri, 04 Dec 2026 19:59:00 GMT", NOW)).contains(Duration.ZERO);
		assertThat(RetryAfter.parse("-3", NOW)).contains(Duration.ZERO);
	}

	@Test
	void noHeaderOrAnUnreadableOneIsNoAdvice() {
		assertThat(RetryAfter.parse(null, NOW)).isEmpty();
		assertThat(RetryAfter.parse("  ", NOW)).isEmpty();
		assertThat(RetryAfter.parse("soon", NOW)).isEmpty();
		assertThat(RetryAfter.parse("2026-12-04T20:01:30Z", NOW)).isEmpty();
	}

}
