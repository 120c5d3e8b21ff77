package dev.assent.recording;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

import io.swagger.v3.oas.annotations.media.Schema;
import org.jspecify.annotations.Nullable;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

import static dev.assent.recording.Commands.instant;
import static dev.assent.recording.Sessions.ts;

/** The segments of a call's recording (PRODUCT C10): one per bot that recorded, as the recorder reported it. */
@Repository
class Segments {

	/** One recorded stretch of a call. */
	@Schema(name = "RecordingSegment")
	record Segment(int number, @Nullable String botId, Instant startedAt, @Nullable Instant stoppedAt,
			@Nullable String stopReason, @Nullable Instant keptUntil) {
	}

	private final JdbcClient jdbc;

	Segments(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	/** The recorder started recording the session's segment {@code number} (the first report counts). */
	void started(UUID companyId, UUID callId, int number, String botId, Instant at) {
		jdbc.sql("""
				insert into recording.segments (call_id, company_id, number, bot_id, started_at) values (?, ?, ?, ?, ?)
				on conflict (call_id, number) do nothing""")
			.params(callId, companyId, number, botId, ts(at))
			.update();
	}

	/** Segment {@code number} stopped (the first stop counts). */
	void stopped(UUID callId, int number, Instant at, @Nullable String reason, @Nullable Instant keptUntil) {
		jdbc.sql("""
				update recording.segments set stopped_at = coalesce(stopped_at, ?), stop_reason = coalesce(stop_reason, ?),
				    kept_until = coalesce(kept_until, ?)
				where call_id = ? and number = ?""")
			.params(ts(at), reason, ts(keptUntil), callId, number)
			.update();
	}

	/** The recorder says this bot stopped recording: its segment, whichever it was, ends then. */
	void stoppedBot(UUID callId, String botId, Instant at, @Nullable String reason) {
		jdbc.sql("""
				update recording.segments set stopped_at = coalesce(stopped_at, ?), stop_reason = coalesce(stop_reason, ?)
				where call_id = ? and bot_id = ?""")
			.params(ts(at), reason, callId, botId)
			.update();
	}

	List<Segment> ofCall(UUID companyId, UUID callId) {
		return jdbc.sql("select * from recording.segments where company_id = ? and call_id = ? order by number")
			.params(companyId, callId)
			.query((rs, i) -> new Segment(rs.getInt("number"), rs.getString("bot_id"), instant(rs, "started_at"),
					instant(rs, "stopped_at"), rs.getString("stop_reason"), instant(rs, "kept_until")))
			.list();
	}

}
