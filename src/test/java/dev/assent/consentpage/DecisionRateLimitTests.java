package dev.assent.consentpage;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Issue 7 (back-pressure): one participant or one address posting hundreds of decisions a minute
 * is refused, a whole company's participants arriving at once are not.
 */
class DecisionRateLimitTests {

	final AtomicLong now = new AtomicLong(1_000_000_000L);

	final DecisionRateLimit limit = new DecisionRateLimit(30, 120, now::get);

	@Test
	void refusesOneParticipantPostingHundredsOfDecisionsAMinute() {
		int allowed = 0;
		for (int i = 0; i < 300; i++) {
			now.addAndGet(Duration.ofMillis(200).toNanos());
			if (limit.allow("participant-1", "203.0.113." + (i % 200))) {
				allowed++;
			}
		}
		assertThat(allowed).isEqualTo(30);
	}

	@Test
	void refusesOneAddressPostingHundredsOfDecisionsAMinute() {
		int allowed = 0;
		for (int i = 0; i < 300; i++) {
			if (limit.allow("participant-" + i, "198.51.100.7")) {
				allowed++;
			}
		}
		assertThat(allowed).isEqualTo(120);
	}

	@Test
	void letsAWholeCompanyDecideAtTheTopOfTheHour() {
		// 2,000 participants from their own browsers, a few per office address, within one second.
		for (int i = 0; i < 2000; i++) {
			assertThat(limit.allow("participant-" + i, "192.0.2." + (i % 250))).isTrue();
			// Some click twice (double click, changing their mind).
			if (i % 10 == 0) {
				assertThat(limit.allow("participant-" + i, "192.0.2." + (i % 250))).isTrue();
			}
		}
	}

	@Test
	void aRefusedParticipantMayDecideAgainOnceTheMinuteHasPassed() {
		for (int i = 0; i < 30; i++) {
			assertThat(limit.allow("p", "a")).isTrue();
		}
		assertThat(limit.allow("p", "a")).isFalse();
		now.addAndGet(Duration.ofSeconds(30).toNanos());
		assertThat(limit.allow("p", "a")).isFalse();
		now.addAndGet(Duration.ofSeconds(61).toNanos());
		assertThat(limit.allow("p", "a")).isTrue();
	}

	@Test
	void zeroTurnsALimitOff() {
		DecisionRateLimit off = new DecisionRateLimit(0, 0, now::get);
		for (int i = 0; i < 1000; i++) {
			assertThat(off.allow("p", "a")).isTrue();
		}
	}

}
