package dev.assent.support;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;

/**
 * Counts the round trips the PostgreSQL driver makes on one thread while it is open (issue 7: each round trip of the
 * decisions' group commit is time its single writer waits). The driver ends every round trip with a Sync message and
 * logs each message it sends at {@code FINEST}; this listens to that log. A connection pool's validity check (an
 * empty query, sent without a Sync or parsed before one) is not counted: it depends on how long the connection was
 * idle, not on the code under test.
 */
public final class RoundTrips implements AutoCloseable {

	private static final Logger DRIVER = Logger.getLogger("org.postgresql.core.v3.QueryExecutorImpl");

	private final Predicate<Thread> counted;

	private final Level levelBefore;

	private final Handler handler;

	private int count;

	private final List<String> transcript = new ArrayList<>();

	private boolean validityCheck;

	private RoundTrips(Predicate<Thread> counted) {
		this.counted = counted;
		this.levelBefore = DRIVER.getLevel();
		this.handler = new Handler() {

			@Override
			public void publish(LogRecord record) {
				if (counted.test(Thread.currentThread())) {
					seen(String.valueOf(record.getMessage()));
				}
			}

			@Override
			public void flush() {
			}

			@Override
			public void close() {
			}

		};
		this.handler.setLevel(Level.FINEST);
		DRIVER.addHandler(handler);
		DRIVER.setLevel(Level.FINEST);
	}

	/** Counts the round trips of the calling thread until {@link #close()}. */
	public static RoundTrips onThisThread() {
		Thread thread = Thread.currentThread();
		return new RoundTrips(t -> t == thread);
	}

	/** Counts the round trips of the thread called {@code name} (another's, such as the decisions' writer) until {@link #close()}. */
	public static RoundTrips onThreadNamed(String name) {
		return new RoundTrips(t -> t.getName().equals(name));
	}

	private synchronized void seen(String message) {
		boolean parse = message.startsWith(" FE=> Parse(");
		boolean sync = message.equals(" FE=> Sync");
		if (parse) {
			validityCheck = message.contains("query=\"\"");
		}
		else if (sync) {
			if (!validityCheck) {
				count++;
			}
			validityCheck = false;
		}
		if (parse || sync) {
			transcript.add(message.length() > 160 ? message.substring(0, 160) + "…" : message);
		}
	}

	/**
	 * What was sent so far, for a failure's message: each statement parsed (those the driver prepared before are
	 * sent without their text) and each Sync, which ends a round trip.
	 */
	public synchronized String transcript() {
		return String.join("\n", transcript);
	}

	/** The round trips counted so far. */
	public synchronized int count() {
		return count;
	}

	@Override
	public void close() {
		DRIVER.removeHandler(handler);
		DRIVER.setLevel(levelBefore);
	}

}
