package dev.assent.support;

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

	private final Thread thread;

	private final Level levelBefore;

	private final Handler handler;

	private int count;

	private boolean validityCheck;

	private RoundTrips(Thread thread) {
		this.thread = thread;
		this.levelBefore = DRIVER.getLevel();
		this.handler = new Handler() {

			@Override
			public void publish(LogRecord record) {
				if (Thread.currentThread() == RoundTrips.this.thread) {
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
		return new RoundTrips(Thread.currentThread());
	}

	private synchronized void seen(String message) {
		if (message.startsWith(" FE=> Parse(")) {
			validityCheck = message.contains("query=\"\"");
		}
		else if (message.equals(" FE=> Sync")) {
			if (!validityCheck) {
				count++;
			}
			validityCheck = false;
		}
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
