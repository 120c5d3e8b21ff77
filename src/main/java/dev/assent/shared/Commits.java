package dev.assent.shared;

import org.springframework.jdbc.core.simple.JdbcClient;

/** How a transaction commits. */
public final class Commits {

	private Commits() {
	}

	/**
	 * The current transaction's commit returns without waiting for its WAL to reach the disk
	 * ({@code synchronous_commit = off} for this transaction only; its row locks are released
	 * sooner too). Only for work that is redone or may be lost when a crash undoes the last few
	 * hundred milliseconds of such commits. A later commit that waits for the disk makes this one
	 * durable too: the WAL is written in order.
	 */
	public static void withoutWaitingForDisk(JdbcClient jdbc) {
		jdbc.sql("set local synchronous_commit = off").update();
	}

}
