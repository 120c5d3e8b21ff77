package dev.assent.notifications;

import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * Pre-call emails waiting for their time (PRODUCT E1), one row per call. {@code due_at} is business
 * time; the claim lease is the database's clock.
 */
@Repository
class PreCalls {

	enum Status {
		WAITING, DONE, CANCELLED
	}

	record PreCall(UUID callId, UUID companyId, Instant plannedStart, Instant dueAt, Status status, Instant version) {
	}

	record Due(UUID callId, UUID companyId) {
	}

	/** How a row ends: its status and what happened. */
	record Outcome(Status status, String outcome) {
	}

	private final JdbcClient jdbc;

	PreCalls(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	/** The call's row locked for this transaction, if it has one. */
	Optional<PreCall> lock(UUID companyId, UUID callId) {
		return jdbc.sql("select * from notifications.pre_calls where company_id = ? and call_id = ? for update")
			.params(companyId, callId)
			.query((rs, i) -> new PreCall(rs.getObject("call_id", UUID.class), rs.getObject("company_id", UUID.class),
					rs.getTimestamp("planned_start").toInstant(), rs.getTimestamp("due_at").toInstant(),
					Status.valueOf(rs.getString("status")), rs.getTimestamp("version").toInstant()))
			.optional();
	}

	/** The rows of these calls locked for this transaction (those that exist), in a stable order. */
	List<PreCall> lockAll(UUID companyId, List<UUID> callIds) {
		return jdbc.sql("""
				select * from notifications.pre_calls where company_id = ? and call_id = any(?)
				order by call_id for update""")
			.params(companyId, callIds.toArray(new UUID[0]))
			.query((rs, i) -> new PreCall(rs.getObject("call_id", UUID.class), rs.getObject("company_id", UUID.class),
					rs.getTimestamp("planned_start").toInstant(), rs.getTimestamp("due_at").toInstant(),
					Status.valueOf(rs.getString("status")), rs.getTimestamp("version").toInstant()))
			.list();
	}

	/** {@link #finish} of many rows in one statement. */
	void finishAll(UUID companyId, java.util.Map<UUID, Outcome> outcomes, Instant now) {
		if (outcomes.isEmpty()) {
			return;
		}
		UUID[] ids = outcomes.keySet().toArray(new UUID[0]);
		String[] statuses = new String[ids.length];
		String[] texts = new String[ids.length];
		for (int i = 0; i < ids.length; i++) {
			statuses[i] = outcomes.get(ids[i]).status().name();
			texts[i] = outcomes.get(ids[i]).outcome();
		}
		jdbc.sql("""
				update notifications.pre_calls p set status = o.status, outcome = o.outcome, updated_at = ?,
				    in_flight_until = null
				from unnest(?::uuid[], ?::text[], ?::text[]) as o(call_id, status, outcome)
				where p.company_id = ? and p.call_id = o.call_id""")
			.params(ts(now), ids, statuses, texts, companyId)
			.update();
	}

	void insert(UUID companyId, UUID callId, Instant plannedStart, Instant dueAt, Status status, Instant version,
			String outcome, Instant now) {
		jdbc.sql("""
				insert into notifications.pre_calls (call_id, company_id, planned_start, due_at, status, version, outcome, updated_at)
				values (?, ?, ?, ?, ?, ?, ?, ?) on conflict (call_id) do nothing""")
			.params(callId, companyId, ts(plannedStart), ts(dueAt), status.name(), ts(version), outcome, ts(now))
			.update();
	}

	void update(UUID companyId, UUID callId, Instant plannedStart, Instant dueAt, Status status, Instant version,
			String outcome, Instant now) {
		jdbc.sql("""
				update notifications.pre_calls set planned_start = ?, due_at = ?, status = ?, version = ?, outcome = ?,
				    updated_at = ?, in_flight_until = null
				where company_id = ? and call_id = ?""")
			.params(ts(plannedStart), ts(dueAt), status.name(), ts(version), outcome, ts(now), companyId, callId)
			.update();
	}

	void finish(UUID companyId, UUID callId, Status status, String outcome, Instant now) {
		jdbc.sql("""
				update notifications.pre_calls set status = ?, outcome = ?, updated_at = ?, in_flight_until = null
				where company_id = ? and call_id = ?""").params(status.name(), outcome, ts(now), companyId, callId).update();
	}

	void postpone(UUID companyId, UUID callId, Instant dueAt, Instant now) {
		jdbc.sql("""
				update notifications.pre_calls set due_at = ?, updated_at = ?, in_flight_until = null
				where company_id = ? and call_id = ?""").params(ts(dueAt), ts(now), companyId, callId).update();
	}

	/**
	 * Claims up to {@code limit} waiting rows due at {@code now} ({@code FOR UPDATE SKIP LOCKED}
	 * and a lease: each is handled by one node).
	 */
	List<Due> claimDue(Instant now, int limit, Duration lease) {
		return jdbc.sql("""
				update notifications.pre_calls set in_flight_until = clock_timestamp() + make_interval(secs => ?)
				where call_id in (select call_id from notifications.pre_calls
				                  where status = 'WAITING' and due_at <= ?
				                    and (in_flight_until is null or in_flight_until < clock_timestamp())
				                  order by due_at limit ? for update skip locked)
				returning call_id, company_id""")
			.params(lease.toMillis() / 1000.0, ts(now), limit)
			.query((rs, i) -> new Due(rs.getObject("call_id", UUID.class), rs.getObject("company_id", UUID.class)))
			.list();
	}

	private static Timestamp ts(Instant i) {
		return Timestamp.from(i);
	}

}
