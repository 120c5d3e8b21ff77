package dev.assent.calls;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

import org.jspecify.annotations.Nullable;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

import dev.assent.shared.SqlRead;

import static dev.assent.calls.Meetings.instant;
import static dev.assent.calls.Meetings.ts;
import static dev.assent.shared.SqlArrays.texts;
import static dev.assent.shared.SqlArrays.uuids;

/** Call occurrences, always scoped by company. Rows are never deleted, only cancelled. */
@Repository
class Calls {

	private final JdbcClient jdbc;

	Calls(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	static Call row(ResultSet rs, int i) throws SQLException {
		String reason = rs.getString("skip_reason");
		return new Call(rs.getObject("id", UUID.class), rs.getObject("company_id", UUID.class),
				rs.getObject("meeting_id", UUID.class), rs.getString("title"), instant(rs, "occurrence_start"),
				instant(rs, "planned_start"), instant(rs, "planned_end"), rs.getString("time_zone"),
				Provider.valueOf(rs.getString("provider")), rs.getString("join_url"), rs.getObject("owner_id", UUID.class),
				CallStatus.valueOf(rs.getString("status")), reason == null ? null : SkipReason.valueOf(reason),
				instant(rs, "status_changed_at"), instant(rs, "kept_until"), instant(rs, "started_at"),
				instant(rs, "ended_at"));
	}

	/** Stores the call unless its occurrence exists already; true when stored. */
	boolean insertIfAbsent(Call c, Instant now) {
		return jdbc.sql("""
				insert into calls.calls (id, company_id, meeting_id, occurrence_start, title, planned_start, planned_end,
				    time_zone, provider, join_url, owner_id, status, skip_reason, status_changed_at, kept_until,
				    created_at, updated_at)
				values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
				on conflict (meeting_id, occurrence_start) do nothing""")
			.params(c.id(), c.companyId(), c.meetingId(), ts(c.occurrenceStart()), c.title(), ts(c.plannedStart()),
					ts(c.plannedEnd()), c.timeZone(), c.provider().name(), c.joinUrl(), c.ownerId(), c.status().name(),
					c.skipReason() == null ? null : c.skipReason().name(), ts(c.statusChangedAt()), ts(c.keptUntil()),
					ts(now), ts(now))
			.update() == 1;
	}

	/** The calls with these ids, one query. */
	List<Call> findByIds(UUID companyId, java.util.Collection<UUID> ids) {
		return jdbc.sql("select * from calls.calls where company_id = ? and id = any(?)")
			.params(companyId, uuids(ids))
			.query(Calls::row)
			.list();
	}

	/**
	 * {@link #findByIds} of several companies' calls as one statement, for another module to send in its own round
	 * trip: each id is read with the company it was named with, never another company's call.
	 */
	static SqlRead<Call> readByIds(Map<UUID, ? extends Collection<UUID>> idsByCompany) {
		List<UUID> companies = new ArrayList<>();
		List<UUID> ids = new ArrayList<>();
		idsByCompany.forEach((company, ofCompany) -> ofCompany.forEach(id -> {
			companies.add(company);
			ids.add(id);
		}));
		return new SqlRead<>("""
				select * from calls.calls
				where (company_id, id) in (select * from unnest(?::uuid[], ?::uuid[]))""",
				new Object[] { uuids(companies), uuids(ids) }, Calls::row);
	}

	Optional<Call> findById(UUID companyId, UUID id) {
		return jdbc.sql("select * from calls.calls where company_id = ? and id = ?").params(companyId, id).query(Calls::row).optional();
	}

	/** The meeting's calls that have not ended by {@code now}, cancelled ones included, by start. */
	List<Call> notEnded(UUID companyId, UUID meetingId, Instant now) {
		return jdbc.sql("""
				select * from calls.calls where company_id = ? and meeting_id = ? and planned_end > ?
				order by planned_start, id""")
			.params(companyId, meetingId, ts(now))
			.query(Calls::row)
			.list();
	}

	/** The meeting's next occurrences that are not cancelled, by start. */
	List<Call> upcoming(UUID companyId, UUID meetingId, Instant now, int limit) {
		return jdbc.sql("""
				select * from calls.calls
				where company_id = ? and meeting_id = ? and planned_end > ? and status <> 'CANCELLED'
				order by planned_start, id limit ?""")
			.params(companyId, meetingId, ts(now), limit)
			.query(Calls::row)
			.list();
	}

	long countNotCancelled(UUID companyId, UUID meetingId) {
		return jdbc.sql("select count(*) from calls.calls where company_id = ? and meeting_id = ? and status <> 'CANCELLED'")
			.params(companyId, meetingId)
			.query(Long.class)
			.single();
	}

	long countUpcoming(UUID companyId, UUID meetingId, Instant now) {
		return jdbc.sql("""
				select count(*) from calls.calls
				where company_id = ? and meeting_id = ? and planned_end > ? and status <> 'CANCELLED'""")
			.params(companyId, meetingId, ts(now))
			.query(Long.class)
			.single();
	}

	/**
	 * The calls of the given meetings a decision taken at {@code at} may belong to (see
	 * {@link OccurrenceRule}): not cancelled, planned to start between {@link OccurrenceRule#LOOK_BACK}
	 * before and {@link OccurrenceRule#EARLY} after it; one query.
	 */
	List<Call> candidatesOfMeetings(UUID companyId, Collection<UUID> meetingIds, Instant at) {
		if (meetingIds.isEmpty()) {
			return List.of();
		}
		return jdbc.sql("""
				select * from calls.calls
				where company_id = ? and meeting_id = any(?) and status <> 'CANCELLED' and planned_start > ? and planned_start <= ?""")
			.params(companyId, meetingIds.toArray(UUID[]::new), ts(at.minus(OccurrenceRule.LOOK_BACK)),
					ts(at.plus(OccurrenceRule.EARLY)))
			.query(Calls::row)
			.list();
	}

	private static final String CANDIDATES_IN_ROOMS_SQL = """
			select * from calls.calls
			where company_id = ? and join_url = %s and status <> 'CANCELLED' and planned_start > ? and planned_start <= ?""";

	/** {@link #candidatesInRooms} of one room, written once (it runs with every batch of decisions). */
	private static final String CANDIDATES_IN_ROOM = CANDIDATES_IN_ROOMS_SQL.formatted("?");

	private static final String CANDIDATES_IN_ROOMS = CANDIDATES_IN_ROOMS_SQL.formatted("any(?)");

	/** {@link #candidatesOfMeetings} for the calls held in the given rooms (join links); one query. */
	List<Call> candidatesInRooms(UUID companyId, Collection<String> joinUrls, Instant at) {
		if (joinUrls.isEmpty()) {
			return List.of();
		}
		// One room (a page view) is asked by equality: for "= any(array)", PostgreSQL keeps planning the
		// statement again on every run instead of reusing its generic plan (issue 7).
		boolean one = joinUrls.size() == 1;
		return jdbc.sql(one ? CANDIDATES_IN_ROOM : CANDIDATES_IN_ROOMS)
			.params(companyId, one ? joinUrls.iterator().next() : joinUrls.toArray(String[]::new),
					ts(at.minus(OccurrenceRule.LOOK_BACK)), ts(at.plus(OccurrenceRule.EARLY)))
			.query(Calls::row)
			.list();
	}

	/** The recorder reported the call started (the first report counts). */
	void started(UUID companyId, UUID id, Instant at) {
		jdbc.sql("update calls.calls set started_at = coalesce(started_at, ?) where company_id = ? and id = ?")
			.params(ts(at), companyId, id)
			.update();
	}

	/** The recorder reported the call ended, or (null) a new recording of it began: it runs again. */
	void ended(UUID companyId, UUID id, @Nullable Instant at) {
		jdbc.sql("update calls.calls set ended_at = ? where company_id = ? and id = ?")
			.params(ts(at), companyId, id)
			.update();
	}

	List<Call> search(UUID companyId, CallQuery q) {
		Query query = filter(companyId, q);
		return jdbc.sql("select * " + query.from + " order by planned_start, id offset ? limit ?")
			.params(query.params(q.page() * q.size(), q.size()))
			.query(Calls::row)
			.list();
	}

	long count(UUID companyId, CallQuery q) {
		Query query = filter(companyId, q);
		return jdbc.sql("select count(*) " + query.from).params(query.params()).query(Long.class).single();
	}

	private record Query(String from, List<Object> args) {

		List<Object> params(Object... more) {
			List<Object> all = new ArrayList<>(args);
			all.addAll(List.of(more));
			return all;
		}

	}

	private static Query filter(UUID companyId, CallQuery q) {
		StringBuilder sql = new StringBuilder("from calls.calls where company_id = ?");
		List<Object> args = new ArrayList<>(List.of(companyId));
		if (q.status() != null) {
			sql.append(" and status = ?");
			args.add(q.status().name());
		}
		if (q.ownerId() != null) {
			sql.append(" and owner_id = ?");
			args.add(q.ownerId());
		}
		if (q.meetingId() != null) {
			sql.append(" and meeting_id = ?");
			args.add(q.meetingId());
		}
		if (q.from() != null) {
			sql.append(" and planned_end > ?");
			args.add(ts(q.from()));
		}
		if (q.to() != null) {
			sql.append(" and planned_start < ?");
			args.add(ts(q.to()));
		}
		return new Query(sql.toString(), args);
	}

	/**
	 * Moves the call to {@code to} when it is in one of {@code from}; true when it moved. The
	 * condition makes every transition atomic and a repeated one a no-op.
	 */
	boolean transition(UUID companyId, UUID id, Collection<CallStatus> from, CallStatus to, @Nullable SkipReason reason,
			@Nullable Instant keptUntil, Instant at) {
		return jdbc.sql("""
				update calls.calls set status = ?, skip_reason = ?, kept_until = coalesce(?, kept_until),
				    status_changed_at = ?, updated_at = ?
				where company_id = ? and id = ? and status = any(?)""")
			.params(to.name(), reason == null ? null : reason.name(), ts(keptUntil), ts(at), ts(at), companyId, id,
					from.stream().map(Enum::name).toArray(String[]::new))
			.update() == 1;
	}

	/** {@link #transition}, answering the call as it is now when it moved (one statement), else empty. */
	Optional<Call> transitioned(UUID companyId, UUID id, Collection<CallStatus> from, CallStatus to,
			@Nullable SkipReason reason, @Nullable Instant keptUntil, Instant at) {
		return jdbc.sql("""
				update calls.calls set status = ?, skip_reason = ?, kept_until = coalesce(?, kept_until),
				    status_changed_at = ?, updated_at = ?
				where company_id = ? and id = ? and status = any(?)
				returning *""")
			.params(to.name(), reason == null ? null : reason.name(), ts(keptUntil), ts(at), ts(at), companyId, id,
					from.stream().map(Enum::name).toArray(String[]::new))
			.query(Calls::row)
			.optional();
	}

	/** A move of one call's status, for {@link #transitionedAll}: from one of {@code from} to {@code to}. */
	record Transition(UUID companyId, UUID id, Collection<CallStatus> from, CallStatus to, @Nullable SkipReason reason,
			@Nullable Instant keptUntil, Instant at) {
	}

	/** {@link #transitioned} for many calls (each once) in one statement; answers the ids of the calls that moved. */
	Set<UUID> transitionedAll(List<Transition> moves) {
		if (moves.isEmpty()) {
			return Set.of();
		}
		return new HashSet<>(jdbc.sql("""
				update calls.calls c set status = m.status, skip_reason = m.reason,
				    kept_until = coalesce(m.kept_until::timestamptz, c.kept_until),
				    status_changed_at = m.at::timestamptz, updated_at = m.at::timestamptz
				from unnest(?::uuid[], ?::uuid[], ?::text[], ?::text[], ?::text[], ?::text[], ?::text[])
				    as m(company_id, id, from_statuses, status, reason, kept_until, at)
				where c.id = any(?) and c.company_id = m.company_id and c.id = m.id
				    and c.status = any(string_to_array(m.from_statuses, ','))
				returning c.id""")
			// "c.id = any(?)" as well as the join: found by the index whatever a generic plan guesses of the arrays.
			.params(uuids(moves, Transition::companyId), uuids(moves, Transition::id),
					texts(moves, t -> String.join(",", t.from().stream().map(Enum::name).toList())),
					texts(moves, t -> t.to().name()), texts(moves, t -> t.reason() == null ? null : t.reason().name()),
					texts(moves, Transition::keptUntil), texts(moves, Transition::at), uuids(moves, Transition::id))
			.query((rs, i) -> rs.getObject(1, UUID.class))
			.list());
	}

	/** Changes what a not-yet-started occurrence is: its times, title, link and owner. */
	void replan(UUID companyId, UUID id, Instant start, Instant end, String title, Provider provider,
			@Nullable String joinUrl, @Nullable UUID ownerId, String timeZone, Instant now) {
		jdbc.sql("""
				update calls.calls set planned_start = ?, planned_end = ?, title = ?, provider = ?, join_url = ?,
				    owner_id = ?, time_zone = ?, updated_at = ?
				where company_id = ? and id = ?""")
			.params(ts(start), ts(end), title, provider.name(), joinUrl, ownerId, timeZone, ts(now), companyId, id)
			.update();
	}

}
