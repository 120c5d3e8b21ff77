package dev.assent.recording;

import java.math.BigDecimal;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import org.jspecify.annotations.Nullable;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

import dev.assent.calls.Call;
import dev.assent.shared.Commits;

import static dev.assent.recording.Commands.instant;
import static dev.assent.shared.SqlArrays.texts;
import static dev.assent.shared.SqlArrays.uuids;

/** Recording sessions, one per call. Changes happen under the session's row lock ({@link #lock}). */
@Repository
class Sessions {

	private final JdbcClient jdbc;

	Sessions(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	static @Nullable Timestamp ts(@Nullable Instant i) {
		return i == null ? null : Timestamp.from(i);
	}

	static Session row(ResultSet rs, int i) throws SQLException {
		return new Session(rs.getObject("call_id", UUID.class), rs.getObject("company_id", UUID.class),
				rs.getObject("owner_id", UUID.class), instant(rs, "planned_start"), instant(rs, "planned_end"),
				rs.getString("join_url"), rs.getObject("record_command_id", UUID.class), rs.getString("bot_id"),
				instant(rs, "bot_joined_at"), instant(rs, "recording_started_at"), instant(rs, "recording_stopped_at"),
				instant(rs, "ended_at"), rs.getString("stop_reason"), rs.getInt("segment"));
	}

	/** Creates the call's session unless it exists (a concurrent creator blocks until it commits). */
	void insertIfAbsent(Call c, Instant now) {
		jdbc.sql("""
				insert into recording.sessions (call_id, company_id, owner_id, planned_start, planned_end, join_url,
				    created_at, updated_at)
				values (?, ?, ?, ?, ?, ?, ?, ?) on conflict (call_id) do nothing""")
			.params(c.id(), c.companyId(), c.ownerId(), ts(c.plannedStart()), ts(c.plannedEnd()), c.joinUrl(), ts(now),
					ts(now))
			.update();
	}

	/**
	 * The current transaction's commit returns without waiting for its WAL to reach the disk
	 * ({@code synchronous_commit = off} for this transaction only). Only for work that is redone when
	 * lost: a crash may undo the last few hundred milliseconds of such commits.
	 */
	void commitWithoutWaitingForDisk() {
		Commits.withoutWaitingForDisk(jdbc);
	}

	/** The session, locked until the transaction ends. */
	Optional<Session> lock(UUID callId) {
		return jdbc.sql("select * from recording.sessions where call_id = ? for update")
			.param(callId)
			.query(Sessions::row)
			.optional();
	}

	/** The session of a call just read, created from it when missing, locked until the transaction ends. */
	Optional<Session> lockOrCreate(Call call, Instant now) {
		Optional<Session> locked = lock(call.id());
		if (locked.isPresent()) {
			return locked;
		}
		insertIfAbsent(call, now);
		return lock(call.id());
	}

	/**
	 * The sessions of these calls (those that exist), locked until the transaction ends, in the order
	 * of the calls' ids: two transactions locking overlapping sets cannot deadlock on them.
	 */
	Map<UUID, Session> lockAll(Collection<UUID> callIds) {
		Map<UUID, Session> out = new HashMap<>();
		if (!callIds.isEmpty()) {
			jdbc.sql("select * from recording.sessions where call_id = any(?) order by call_id for update")
				.param(callIds.toArray(UUID[]::new))
				.query(Sessions::row)
				.list()
				.forEach(s -> out.put(s.callId(), s));
		}
		return out;
	}

	Optional<Session> find(UUID callId) {
		return jdbc.sql("select * from recording.sessions where call_id = ?").param(callId).query(Sessions::row).optional();
	}

	/** A new bot is ordered for the call (a new RECORD command); the former bot is forgotten. */
	void recordWith(UUID callId, UUID recordCommandId, Call c, Instant now) {
		jdbc.sql("""
				update recording.sessions set record_command_id = ?, bot_id = null, bot_joined_at = null,
				    planned_start = ?, planned_end = ?, join_url = ?, owner_id = ?, updated_at = ?
				where call_id = ?""")
			.params(recordCommandId, ts(c.plannedStart()), ts(c.plannedEnd()), c.joinUrl(), c.ownerId(), ts(now), callId)
			.update();
	}

	void replan(Call c, Instant now) {
		jdbc.sql("""
				update recording.sessions set planned_start = ?, planned_end = ?, join_url = ?, owner_id = ?, updated_at = ?
				where call_id = ?""")
			.params(ts(c.plannedStart()), ts(c.plannedEnd()), c.joinUrl(), c.ownerId(), ts(now), c.id())
			.update();
	}

	/** The recorder made a bot for the session's current RECORD command. */
	void botCreated(UUID callId, UUID recordCommandId, String botId) {
		jdbc.sql("""
				update recording.sessions set bot_id = ?, updated_at = clock_timestamp()
				where call_id = ? and record_command_id = ?""")
			.params(botId, callId, recordCommandId)
			.update();
	}

	/**
	 * The recording may happen again (PRODUCT C10): a new bot, ordered by {@code recordCommandId},
	 * records the next segment; what the recorder reported of the former bot is forgotten.
	 */
	void reopen(UUID callId, UUID recordCommandId, Call c, boolean newSegment, Instant now) {
		jdbc.sql("""
				update recording.sessions set stop_reason = null, record_command_id = ?, bot_id = null, bot_joined_at = null,
				    recording_started_at = null, recording_stopped_at = null, ended_at = null,
				    segment = segment + ?, planned_start = ?, planned_end = ?, join_url = ?, owner_id = ?, updated_at = ?
				where call_id = ?""")
			.params(recordCommandId, newSegment ? 1 : 0, ts(c.plannedStart()), ts(c.plannedEnd()), c.joinUrl(), c.ownerId(),
					ts(now), callId)
			.update();
	}

	/** Nothing may be recorded any more; the first reason stays. */
	void stopped(UUID callId, String reason, Instant now) {
		jdbc.sql("""
				update recording.sessions set stop_reason = coalesce(stop_reason, ?), updated_at = ?
				where call_id = ?""").params(reason, ts(now), callId).update();
	}

	/** The session and its current segment stopped, in one statement. */
	void stopped(UUID callId, int segment, String reason, Instant now, @Nullable Instant keptUntil) {
		jdbc.sql("""
				with session as (
				    update recording.sessions set stop_reason = coalesce(stop_reason, ?), updated_at = ? where call_id = ?)
				update recording.segments set stopped_at = coalesce(stopped_at, ?), stop_reason = coalesce(stop_reason, ?),
				    kept_until = coalesce(kept_until, ?)
				where call_id = ? and number = ?""")
			.params(reason, ts(now), callId, ts(now), reason, ts(keptUntil), callId, segment)
			.update();
	}

	/** An opt-out's stop of a session, for {@link #stoppedAll}: the segment it stops and the effect stored with it. */
	record OptedOut(UUID callId, int segment, @Nullable Instant keptUntil, UUID decisionId, String effect,
			@Nullable BigDecimal share) {
	}

	/**
	 * {@link #stopped(UUID, int, String, Instant, Instant)} for the opt-outs of many calls (one per call)
	 * stopped together in the decisions' group commit, with each opt-out's effect: one statement for all.
	 */
	void stoppedAll(List<OptedOut> stops, String reason, Instant now) {
		if (stops.isEmpty()) {
			return;
		}
		jdbc.sql("""
				with s as (
				    select * from unnest(?::uuid[], ?::int[], ?::text[], ?::uuid[], ?::text[], ?::text[])
				        as s(call_id, segment, kept_until, decision_id, effect, share)),
				session as (
				    update recording.sessions x set stop_reason = coalesce(x.stop_reason, ?), updated_at = ?
				    from s where x.call_id = any(?) and x.call_id = s.call_id),
				segment as (
				    update recording.segments g set stopped_at = coalesce(g.stopped_at, ?), stop_reason = coalesce(g.stop_reason, ?),
				        kept_until = coalesce(g.kept_until, s.kept_until::timestamptz)
				    from s where g.call_id = any(?) and g.call_id = s.call_id and g.number = s.segment)
				update recording.opt_outs o set effect = s.effect, recorded_share = s.share::numeric
				from s where o.decision_id = any(?) and o.decision_id = s.decision_id""")
			// "= any(?)" as well as the join: the rows are found by their index whatever the plan guesses of
			// the arrays' length (a generic plan, Commits#hotPathWithoutWaitingForDisk, guesses 100 rows and
			// would otherwise scan a young table whole).
			.params(uuids(stops, OptedOut::callId), stops.stream().map(OptedOut::segment).toArray(Integer[]::new),
					texts(stops, OptedOut::keptUntil), uuids(stops, OptedOut::decisionId), texts(stops, OptedOut::effect),
					texts(stops, o -> o.share() == null ? null : o.share().toPlainString()), reason, ts(now),
					uuids(stops, OptedOut::callId), ts(now), reason, uuids(stops, OptedOut::callId),
					uuids(stops, OptedOut::decisionId))
			.update();
	}

	void botJoined(UUID callId, Instant at) {
		jdbc.sql("update recording.sessions set bot_joined_at = coalesce(bot_joined_at, ?), updated_at = ? where call_id = ?")
			.params(ts(at), ts(at), callId)
			.update();
	}

	void recordingStarted(UUID callId, Instant at) {
		jdbc.sql("""
				update recording.sessions set recording_started_at = coalesce(recording_started_at, ?), updated_at = ?
				where call_id = ?""").params(ts(at), ts(at), callId).update();
	}

	void recordingStopped(UUID callId, Instant at) {
		jdbc.sql("""
				update recording.sessions set recording_stopped_at = coalesce(recording_stopped_at, ?), updated_at = ?
				where call_id = ?""").params(ts(at), ts(at), callId).update();
	}

	void ended(UUID callId, Instant at) {
		jdbc.sql("update recording.sessions set ended_at = coalesce(ended_at, ?), updated_at = ? where call_id = ?")
			.params(ts(at), ts(at), callId)
			.update();
	}

	Optional<UUID> callOfCurrentBot(String botId) {
		return jdbc.sql("select call_id from recording.sessions where bot_id = ?").param(botId).query(UUID.class).optional();
	}

}
