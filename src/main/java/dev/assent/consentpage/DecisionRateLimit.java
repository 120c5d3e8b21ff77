package dev.assent.consentpage;

import java.time.Duration;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.LongSupplier;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.stereotype.Component;

/**
 * Keeps one participant (their cookie) or one address from flooding the decision POST: each may
 * post at most {@code per-participant} / {@code per-address} decisions in any minute (a sliding
 * window: this minute's count plus the previous minute's, weighted by how much of it still lies
 * in the window). The limits are generous — a person decides a few times per meeting, and a whole
 * company's participants arriving at the top of the hour come from their own browsers — so only
 * a flood is refused ({@code 429}). {@code 0} turns a limit off (benchmarks from one address;
 * behind a reverse proxy set {@code server.forward-headers-strategy} so the address is the
 * participant's, not the proxy's).
 */
@Component
class DecisionRateLimit {

	private static final long WINDOW = Duration.ofMinutes(1).toNanos();

	/** Beyond this many tracked keys, windows that ended are dropped. */
	private static final int MAX_KEYS = 200_000;

	private final int perParticipant;

	private final int perAddress;

	private final LongSupplier nanos;

	private final ConcurrentHashMap<String, Window> windows = new ConcurrentHashMap<>();

	@Autowired
	DecisionRateLimit(DecisionSettings settings) {
		this(settings.rateLimit().perParticipant(), settings.rateLimit().perAddress(), System::nanoTime);
	}

	DecisionRateLimit(int perParticipant, int perAddress, LongSupplier nanos) {
		this.perParticipant = perParticipant;
		this.perAddress = perAddress;
		this.nanos = nanos;
	}

	/** Counts one decision of this participant from this address; false when either is over its limit. */
	boolean allow(String participant, String address) {
		long now = nanos.getAsLong();
		if (windows.size() > MAX_KEYS) {
			windows.values().removeIf(w -> w.idle(now));
		}
		boolean participantOk = perParticipant <= 0 || count("p:" + participant, now, perParticipant);
		boolean addressOk = perAddress <= 0 || count("a:" + address, now, perAddress);
		return participantOk && addressOk;
	}

	private boolean count(String key, long now, int limit) {
		return windows.computeIfAbsent(key, k -> new Window(now)).hit(now, limit);
	}

	/** A fixed one-minute bucket and the one before it (sliding-window counter). */
	private static final class Window {

		private long start;

		private int current;

		private int previous;

		Window(long now) {
			this.start = now;
		}

		synchronized boolean hit(long now, int limit) {
			long elapsed = now - start;
			if (elapsed >= 2 * WINDOW) {
				previous = 0;
				current = 0;
				start = now;
				elapsed = 0;
			}
			else if (elapsed >= WINDOW) {
				previous = current;
				current = 0;
				start += WINDOW;
				elapsed -= WINDOW;
			}
			double weight = (double) (WINDOW - elapsed) / WINDOW;
			if (previous * weight + current + 1 > limit) {
				return false;
			}
			current++;
			return true;
		}

		synchronized boolean idle(long now) {
			return now - start >= 2 * WINDOW;
		}

	}

}
