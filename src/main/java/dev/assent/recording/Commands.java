package dev.assent.recording;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

import org.jspecify.annotations.Nullable;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

import dev.assent.shared.Commits;
import dev.assent.shared.Keyset;

import static dev.assent.shared.SqlArrays.texts;
import static dev.assent.shared.SqlArrays.uuids;

/**
 * The outbox of recorder commands. Its times are the database's clock ({@code clock_timestamp()}),
 * one clock for every node; "in flight" is a lease: the node that set it sends the command, and
 * nobody else until it expires.
 */
@Repository
class Commands {

	private final JdbcClient jdbc;

	Commands(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	static @Nullable Instant instant(ResultSet rs, String column) throws SQLException {
		Timestamp t = rs.getTimestamp(column);
		return t == null ? null : t.toInstant();
	}

	static Command row(ResultSet rs, int i) throws SQLException {
		return new Command(rs.getObject("id", UUID.class), rs.getObject("company_id", UUID.class),
				rs.getObject("call_id", UUID.class), Command.Kind.valueOf(rs.getString("kind")),
				rs.getObject("record_command_id", UUID.class), rs.getString("bot_id"), rs.getString("payload"),
				rs.getString("idempotency_key"), Command.Status.valueOf(rs.getString("status")), rs.getInt("attempts"),
				instant(rs, "next_attempt_at"), rs.getString("last_error"), rs.getBoolean("alerted"),
				instant(rs, "created_at"), instant(rs, "sent_at"));
	}

	private static double seconds(Duration d) {
		return d.toMillis() / 1000.0;
	}

	/**
	 * Stores a new pending command. With {@code lease}, the inserting node owns it for that long
	 * (it sends it right after commit); without, the poller sends it.
	 */
	boolean insert(UUID id, UUID companyId, UUID callId, Command.Kind kind, @Nullable UUID recordCommandId,
			String payload, @Nullable Duration lease) {
		return jdbc.sql("""
				insert into recording.commands (id, company_id, call_id, kind, record_command_id, payload, idempotency_key,
				    status, attempts, next_attempt_at, in_flight_until, created_at)
				values (?, ?, ?, ?, ?, ?, ?, 'PENDING', 0, clock_timestamp(),
				    case when ? then clock_timestamp() + make_interval(secs => ?) else null end,
				    clock_timestamp())
				on conflict do nothing""")
			.params(id, companyId, callId, kind.name(), recordCommandId, payload, Command.idempotencyKey(id),
					lease != null, lease == null ? 0.0 : seconds(lease))
			.update() == 1;
	}

	/** A STOP to store with others ({@link #insertStops}). */
	record NewStop(UUID id, UUID companyId, UUID callId, UUID recordCommandId, String payload) {
	}

	/**
	 * Stores new pending STOPs in one statement, each owned by the inserting node for {@code lease}
	 * (it sends them right after commit); a bot stopped before gets none. Answers the ids stored.
	 */
	Set<UUID> insertStops(List<NewStop> stops, Duration lease) {
		if (stops.isEmpty()) {
			return Set.of();
		}
		return new HashSet<>(jdbc.sql("""
				insert into recording.commands (id, company_id, call_id, kind, record_command_id, payload, idempotency_key,
				    status, attempts, next_attempt_at, in_flight_until, created_at)
				select id, company_id, call_id, 'STOP', record_command_id, payload, idempotency_key, 'PENDING', 0,
				    clock_timestamp(), clock_timestamp() + make_interval(secs => ?), clock_timestamp()
				from unnest(?::uuid[], ?::uuid[], ?::uuid[], ?::uuid[], ?::text[], ?::text[])
				    as c(id, company_id, call_id, record_command_id, payload, idempotency_key)
				on conflict do nothing
				returning id""")
			.params(seconds(lease), uuids(stops, NewStop::id), uuids(stops, NewStop::companyId),
					uuids(stops, NewStop::callId), uuids(stops, NewStop::recordCommandId), texts(stops, NewStop::payload),
					texts(stops, n -> Command.idempotencyKey(n.id())))
			.query((rs, i) -> rs.getObject(1, UUID.class))
			.list());
	}

	Optional<Command> find(UUID id) {
		return jdbc.sql("select * from recording.commands where id = ?").param(id).query(Commands::row).optional();
	}

	Optional<Command> stopFor(UUID recordCommandId) {
		return jdbc.sql("select * from recording.commands where record_command_id = ? and kind = 'STOP'")
			.param(recordCommandId)
			.query(Commands::row)
			.optional();
	}

	/**
	 * Claims up to {@code limit} due commands for this node ({@code FOR UPDATE SKIP LOCKED}: nodes
	 * polling at once never claim the same row) and returns their ids.
	 */
	List<UUID> claimDue(int limit, Duration lease) {
		return jdbc.sql("""
				update recording.commands set in_flight_until = clock_timestamp() + make_interval(secs => ?)
				where id in (select id from recording.commands
				             where status = 'PENDING' and next_attempt_at <= clock_timestamp()
				               and (in_flight_until is null or in_flight_until < clock_timestamp())
				             order by next_attempt_at limit ? for update skip locked)
				returning id""")
			.params(seconds(lease), limit)
			.query(UUID.class)
			.list();
	}

	/** Claims one pending command that nobody is sending; true when this node now owns it. */
	boolean claim(UUID id, Duration lease) {
		return jdbc.sql("""
				update recording.commands set in_flight_until = clock_timestamp() + make_interval(secs => ?)
				where id = ? and status = 'PENDING' and (in_flight_until is null or in_flight_until < clock_timestamp())""")
			.params(seconds(lease), id)
			.update() == 1;
	}

	/**
	 * Renews this node's lease on a command right before it goes on the wire, so that nothing
	 * takes it for unsent while the request is out (a STOP cancels only a RECORD that was never
	 * tried and is not in flight). Answers the command as it is now; empty when it is no longer
	 * pending — cancelled or sent meanwhile —, and then it must not be sent.
	 */
	Optional<Command> renew(UUID id, Duration lease) {
		return jdbc.sql("""
				update recording.commands set in_flight_until = clock_timestamp() + make_interval(secs => ?)
				where id = ? and status = 'PENDING'
				returning *""")
			.params(seconds(lease), id)
			.query(Commands::row)
			.optional();
	}

	/**
	 * A RECORD that a STOP cancelled while it was (already) on the wire, and whose bot the recorder
	 * created after all: it becomes SENT with that bot, and the STOP that cancelled it is due again.
	 * Returns that STOP's id.
	 */
	Optional<UUID> botAfterCancel(UUID recordId, String botId) {
		int updated = jdbc.sql("""
				update recording.commands set status = 'SENT', bot_id = ?, sent_at = clock_timestamp(),
				    in_flight_until = null, attempts = attempts + 1, last_error = 'its bot appeared after it was cancelled'
				where id = ? and kind = 'RECORD' and status = 'CANCELLED'""")
			.params(botId, recordId)
			.update();
		if (updated == 0) {
			return Optional.empty();
		}
		return jdbc.sql("""
				update recording.commands set status = 'PENDING', bot_id = ?, in_flight_until = null,
				    next_attempt_at = clock_timestamp(), last_error = 'the bot appeared after all'
				where record_command_id = ? and kind = 'STOP' and status = 'CANCELLED'
				returning id""")
			.params(botId, recordId)
			.query(UUID.class)
			.optional();
	}

	/** The recorder acknowledged the command. */
	boolean sent(UUID id, @Nullable String botId, @Nullable String note) {
		return jdbc.sql("""
				update recording.commands set status = 'SENT', bot_id = coalesce(?, bot_id), attempts = attempts + 1,
				    sent_at = clock_timestamp(), in_flight_until = null, last_error = ?
				where id = ? and status = 'PENDING'""")
			.params(botId, note, id)
			.update() == 1;
	}

	/**
	 * {@link #sent} for many commands at once ({@link SentMarks}), each with the bot and the time the
	 * recorder acknowledged it; its transaction does not wait for the disk (a lost mark only sends a
	 * STOP once more, idempotently).
	 */
	void sentAll(List<SentMarks.Mark> marks) {
		Commits.withoutWaitingForDisk(jdbc);
		jdbc.sql("""
				update recording.commands c set status = 'SENT', bot_id = coalesce(m.bot_id, c.bot_id),
				    attempts = c.attempts + 1, sent_at = m.at, in_flight_until = null, last_error = null
				from unnest(?::uuid[], ?::text[], ?::timestamptz[]) as m(id, bot_id, at)
				where c.id = m.id and c.status = 'PENDING'""")
			.params(marks.stream().map(SentMarks.Mark::id).toArray(UUID[]::new),
					marks.stream().map(SentMarks.Mark::botId).toArray(String[]::new),
					marks.stream().map(m -> m.at().toString()).toArray(String[]::new))
			.update();
	}

	/** The attempt failed; the command is due again after {@code retryIn}. Returns the attempts so far. */
	int failed(UUID id, String error, Duration retryIn, boolean countAttempt) {
		return jdbc.sql("""
				update recording.commands set attempts = attempts + ?, last_error = ?, in_flight_until = null,
				    next_attempt_at = clock_timestamp() + make_interval(secs => ?)
				where id = ? and status = 'PENDING'
				returning attempts""")
			.params(countAttempt ? 1 : 0, error.length() > 500 ? error.substring(0, 500) : error, seconds(retryIn), id)
			.query(Integer.class)
			.optional()
			.orElse(0);
	}

	/**
	 * Makes the commands that wait for a retry after a failed attempt due now (the recorder answers again): answers
	 * how many.
	 */
	int retryNow() {
		return jdbc.sql("""
				update recording.commands set next_attempt_at = clock_timestamp()
				where status = 'PENDING' and attempts > 0 and next_attempt_at > clock_timestamp()""").update();
	}

	boolean cancel(UUID id, String why) {
		return jdbc.sql("""
				update recording.commands set status = 'CANCELLED', last_error = ?, in_flight_until = null
				where id = ? and status = 'PENDING'""").params(why, id).update() == 1;
	}

	/**
	 * Cancels a RECORD that was never tried and is not being sent: no bot can exist for it. A
	 * RECORD that was tried may have created a bot (the answer may have been lost), so it is not
	 * cancelled: it is retried (idempotently) to learn the bot, which is then stopped.
	 */
	boolean cancelUnsent(UUID recordCommandId, String why) {
		return jdbc.sql("""
				update recording.commands set status = 'CANCELLED', last_error = ?
				where id = ? and kind = 'RECORD' and status = 'PENDING' and attempts = 0
				  and (in_flight_until is null or in_flight_until < clock_timestamp())""")
			.params(why, recordCommandId)
			.update() == 1;
	}

	/** Marks the command as alerted; true the first time. */
	boolean markAlerted(UUID id) {
		return jdbc.sql("update recording.commands set alerted = true where id = ? and not alerted").param(id).update() == 1;
	}

	/** The company's latest commands (the outbox holds every company's). */
	List<Command> recent(UUID companyId, int limit) {
		return page(companyId, null, null, null, null, limit);
	}

	/**
	 * Up to {@code limit} of the company's commands older than {@code after}, newest first (id
	 * breaking ties), optionally of one call, status or kind; one query. Only this company's: the
	 * outbox holds every company's commands.
	 */
	List<Command> page(UUID companyId, @Nullable UUID callId, Command.@Nullable Status status,
			Command.@Nullable Kind kind, Keyset.@Nullable Cursor after, int limit) {
		return new Keyset.Query("select * from recording.commands", "created_at", "id", companyId).is("call_id", callId)
			.is("status", status)
			.is("kind", kind)
			.after(after, Keyset.Cursor::uuidKey)
			.newest(jdbc, limit)
			.query(Commands::row)
			.list();
	}

	List<Command> forCall(UUID companyId, UUID callId) {
		return jdbc.sql("select * from recording.commands where company_id = ? and call_id = ? order by created_at, id")
			.params(companyId, callId)
			.query(Commands::row)
			.list();
	}

	/** The session a bot belongs to, also for bots that were replaced (a re-planned call). */
	Optional<UUID> callOfBot(String botId) {
		return jdbc.sql("select call_id from recording.commands where bot_id = ? and kind = 'RECORD' limit 1")
			.param(botId)
			.query(UUID.class)
			.optional();
	}

}
