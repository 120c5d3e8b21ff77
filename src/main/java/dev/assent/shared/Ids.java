package dev.assent.shared;

import java.time.Instant;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Row ids for append-only tables: time-ordered UUIDs (version 7, RFC 9562 §5.7). New rows land at
 * the right edge of the primary-key index instead of on a random page, and no caller waits on the
 * shared {@code SecureRandom}. These ids identify rows; they are not secrets.
 */
public final class Ids {

	private Ids() {
	}

	/** A version 7 UUID whose first 48 bits are {@code at} in milliseconds since the epoch. */
	public static UUID timeOrdered(Instant at) {
		ThreadLocalRandom random = ThreadLocalRandom.current();
		long millis = at.toEpochMilli() & 0xFFFF_FFFF_FFFFL;
		long msb = (millis << 16) | 0x7000L | (random.nextLong() & 0x0FFFL);
		long lsb = (random.nextLong() & 0x3FFF_FFFF_FFFF_FFFFL) | 0x8000_0000_0000_0000L;
		return new UUID(msb, lsb);
	}

}
