package dev.assent.recording.simulator;

import java.nio.charset.StandardCharsets;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.databind.JsonNode;

import org.springframework.boot.autoconfigure.condition.ConditionalOnExpression;
import org.springframework.http.MediaType;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;
import org.springframework.web.client.RestClient;

import dev.assent.recording.spi.RecorderContext;
import dev.assent.recording.spi.RecorderEvent;
import dev.assent.recording.spi.RecorderHttp;
import dev.assent.recording.spi.RecorderSettings;
import dev.assent.recording.spi.RecorderSignatures;
import dev.assent.recording.spi.RecorderTimeline;

import static dev.assent.recording.spi.RecorderHttp.JSON;

/**
 * The simulated recorder of the embedded run (PRODUCT D3), reached over real HTTP like a real one
 * (see {@link SimulatedRecorderController}): it keeps a timeline per bot and, on a tick driven by
 * the injected clock, "joins" at {@code joinAt} (bot.joined, recording.started), "leaves" at the
 * planned end (recording.stopped, call.ended), and stops when told to (recording.stopped). Its
 * webhooks go, signed, to {@code /webhooks/recorder} and are retried until delivered.
 */
@Component
@ConditionalOnExpression(SimulatedRecorderConfiguration.ACTIVE)
class SimulatedRecorder implements RecorderTimeline {

	private static final Logger log = LoggerFactory.getLogger(SimulatedRecorder.class);

	private final JdbcClient jdbc;

	private final TransactionTemplate tx;

	private final RecorderContext recorder;

	private final Clock clock;

	private final RestClient http;

	SimulatedRecorder(JdbcClient jdbc, TransactionTemplate tx, RecorderContext recorder, RecorderSettings settings,
			Clock clock) {
		this.jdbc = jdbc;
		this.tx = tx;
		this.recorder = recorder;
		this.clock = clock;
		this.http = RecorderHttp.restClient(settings.connectTimeout(), settings.readTimeout());
	}

	private static @Nullable Timestamp ts(@Nullable Instant i) {
		return i == null ? null : Timestamp.from(i);
	}

	private static @Nullable Instant instant(ResultSet rs, String column) throws SQLException {
		Timestamp t = rs.getTimestamp(column);
		return t == null ? null : t.toInstant();
	}

	private static Bot bot(ResultSet rs, int i) throws SQLException {
		return new Bot(rs.getString("id"), rs.getObject("call_id", UUID.class), rs.getString("join_url"),
				instant(rs, "join_at"), instant(rs, "leave_at"), rs.getString("audio_prompt_id"), instant(rs, "created_at"),
				instant(rs, "joined_at"), instant(rs, "recording_at"), instant(rs, "stopped_at"), rs.getString("stop_reason"),
				instant(rs, "keep_until"), instant(rs, "ended_at"));
	}

	/** POST /bots: a new bot, or the one made before with the same idempotency key. */
	String create(JsonNode order, String idempotencyKey) {
		String id = "sim-" + UUID.randomUUID();
		JsonNode prompt = order.get("audioPrompt");
		JsonNode leave = order.get("plannedEnd");
		jdbc.sql("""
				insert into recording.simulated_bots (id, idempotency_key, call_id, join_url, join_at, leave_at,
				    audio_prompt_id, created_at)
				values (?, ?, ?, ?, ?, ?, ?, ?) on conflict (idempotency_key) do nothing""")
			.params(id, idempotencyKey, UUID.fromString(order.get("callId").asString()),
					order.path("joinUrl").asString(null), ts(Instant.parse(order.get("joinAt").asString())),
					leave == null || leave.isNull() ? null : ts(Instant.parse(leave.asString())),
					prompt == null || prompt.isNull() ? null : prompt.path("id").asString(null), ts(Instant.now(clock)))
			.update();
		return jdbc.sql("select id from recording.simulated_bots where idempotency_key = ?")
			.param(idempotencyKey)
			.query(String.class)
			.single();
	}

	/** POST /bots/{id}/stop; empty when the bot is unknown. Stopping again changes nothing. */
	Optional<Bot> stop(String botId, @Nullable String reason, @Nullable Instant keepUntil) {
		return tx.execute(s -> {
			Optional<Bot> bot = jdbc.sql("select * from recording.simulated_bots where id = ? for update")
				.param(botId)
				.query(SimulatedRecorder::bot)
				.optional();
			if (bot.isEmpty() || bot.get().stoppedAt() != null) {
				return bot;
			}
			Instant now = Instant.now(clock);
			jdbc.sql("""
					update recording.simulated_bots set stopped_at = ?, stop_reason = ?, keep_until = ?,
					    ended_at = coalesce(ended_at, ?)
					where id = ?""").params(ts(now), reason, ts(keepUntil), ts(now), botId).update();
			if (bot.get().recordingAt() != null && bot.get().endedAt() == null) {
				event(bot.get(), RecorderEvent.RECORDING_STOPPED, now, reason);
			}
			return bot;
		});
	}

	/** Moves every live bot on to "now" and delivers pending webhooks. */
	@Scheduled(fixedDelayString = "${assent.recorder.simulator-tick:1s}", initialDelayString = "${assent.recorder.simulator-tick:1s}")
	void tick() {
		Instant now = Instant.now(clock);
		tx.executeWithoutResult(s -> {
			List<Bot> live = jdbc.sql("""
					select * from recording.simulated_bots where ended_at is null and join_at <= ?
					order by join_at limit 200 for update skip locked""").param(ts(now)).query(SimulatedRecorder::bot).list();
			for (Bot b : live) {
				if (b.joinedAt() == null) {
					jdbc.sql("update recording.simulated_bots set joined_at = ?, recording_at = ? where id = ?")
						.params(ts(now), ts(now), b.id())
						.update();
					event(b, RecorderEvent.BOT_JOINED, now, null);
					event(b, RecorderEvent.RECORDING_STARTED, now, null);
				}
				if (b.leaveAt() != null && !now.isBefore(b.leaveAt())) {
					jdbc.sql("update recording.simulated_bots set ended_at = ? where id = ?").params(ts(now), b.id()).update();
					event(b, RecorderEvent.RECORDING_STOPPED, now, "CALL_ENDED");
					event(b, RecorderEvent.CALL_ENDED, now, null);
				}
			}
		});
		deliver();
	}

	/** A dial-in caller pressed a key on the bot's call (X5): a {@code participant.keypad} event; false when the bot is not in a call. */
	boolean keypad(String botId, @Nullable String phone, String digit) {
		return Boolean.TRUE.equals(tx.execute(s -> {
			Optional<Bot> bot = jdbc.sql("select * from recording.simulated_bots where id = ?")
				.param(botId)
				.query(SimulatedRecorder::bot)
				.optional();
			if (bot.isEmpty() || bot.get().joinedAt() == null || bot.get().endedAt() != null) {
				return false;
			}
			Map<String, Object> extra = new LinkedHashMap<>();
			if (phone != null) {
				extra.put("phone", phone);
			}
			extra.put("digit", digit);
			event(bot.get(), RecorderEvent.PARTICIPANT_KEYPAD, Instant.now(clock), null, extra);
			return true;
		}));
	}

	private void event(Bot b, String type, Instant at, @Nullable String reason) {
		event(b, type, at, reason, Map.of());
	}

	private void event(Bot b, String type, Instant at, @Nullable String reason, Map<String, Object> extra) {
		String id = "sim-evt-" + UUID.randomUUID();
		Map<String, Object> body = new LinkedHashMap<>();
		body.put("id", id);
		body.put("type", type);
		body.put("at", at.toString());
		body.put("callId", b.callId().toString());
		body.put("botId", b.id());
		if (reason != null) {
			body.put("reason", reason);
		}
		body.putAll(extra);
		jdbc.sql("insert into recording.simulated_events (id, bot_id, type, body, at) values (?, ?, ?, ?, ?)")
			.params(id, b.id(), type, JSON.writeValueAsString(body), ts(at))
			.update();
	}

	private void deliver() {
		List<Map<String, Object>> pending = jdbc.sql("""
				select id, body from recording.simulated_events where delivered_at is null and attempts < 20
				order by at, id limit 200""").query().listOfRows();
		for (Map<String, Object> e : pending) {
			String id = (String) e.get("id");
			byte[] body = ((String) e.get("body")).getBytes(StandardCharsets.UTF_8);
			String error = null;
			try {
				int status = http.post()
					.uri(recorder.baseUrl() + "/webhooks/recorder")
					.contentType(MediaType.APPLICATION_JSON)
					.header(RecorderSignatures.HEADER, RecorderSignatures.assent(recorder.secret(), body))
					.body(body)
					.exchange((req, res) -> res.getStatusCode().value());
				// A 4xx will not get better by sending it again (e.g. it became too old): it is given up.
				if (status >= 500) {
					error = "answered " + status;
				}
				else if (status >= 400) {
					log.warn("Simulated recorder: webhook {} refused with {}", id, status);
				}
			}
			catch (RuntimeException ex) {
				error = String.valueOf(RecorderHttp.rootOf(ex));
			}
			if (error == null) {
				jdbc.sql("update recording.simulated_events set delivered_at = ?, attempts = attempts + 1 where id = ?")
					.params(ts(Instant.now(clock)), id)
					.update();
			}
			else {
				jdbc.sql("update recording.simulated_events set attempts = attempts + 1, last_error = ? where id = ?")
					.params(error, id)
					.update();
			}
		}
	}

	/** The company's latest simulated bots (the simulator serves every company; a bot's call tells whose it is). */
	@Override
	public List<Bot> bots(UUID companyId, int limit) {
		return jdbc.sql("""
				select b.* from recording.simulated_bots b
				where b.call_id in (select call_id from recording.sessions where company_id = ?)
				order by b.created_at desc, b.id limit ?""")
			.params(companyId, limit)
			.query(SimulatedRecorder::bot)
			.list();
	}

	@Override
	public List<Event> events(List<String> botIds) {
		if (botIds.isEmpty()) {
			return List.of();
		}
		return jdbc.sql("select * from recording.simulated_events where bot_id = any(?) order by at, id")
			.param(botIds.toArray(String[]::new))
			.query((rs, i) -> new Event(rs.getString("id"), rs.getString("bot_id"), rs.getString("type"), instant(rs, "at"),
					instant(rs, "delivered_at"), rs.getInt("attempts"), rs.getString("last_error")))
			.list();
	}

}
