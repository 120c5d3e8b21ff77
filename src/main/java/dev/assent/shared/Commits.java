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


	/**
	 * {@link #withoutWaitingForDisk}, for a transaction of the hot path (the decisions' and the
	 * "shown" evidence's group commits), whose statements also run with their generic plans
	 * ({@code plan_cache_mode = force_generic_plan}, this transaction only) — in the same round trip.
	 * They run many times a second with the same shape, and PostgreSQL would otherwise plan some of
	 * them again on every run, because a plan for the exact values looks cheaper than the generic
	 * one (issue 7: the statements with arrays of calls, planned each time, cost the database more to
	 * plan than to run — 0.49 of its 3.0 ms per opt-out, where running them took 0.26).
	 */
	public static void hotPathWithoutWaitingForDisk(JdbcClient jdbc) {
		jdbc.sql(HOT_PATH_SETTINGS).query((rs, i) -> 0).list();
	}

	/**
	 * The statement of {@link #hotPathWithoutWaitingForDisk}, for a repository that sends it in one round trip
	 * with its transaction's first statement (one row, to be skipped).
	 */
	public static final String HOT_PATH_SETTINGS = "select set_config('synchronous_commit', 'off', true),"
			+ " set_config('plan_cache_mode', 'force_generic_plan', true)";

}
