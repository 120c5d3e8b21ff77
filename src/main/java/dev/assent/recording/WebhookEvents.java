package dev.assent.recording;

import java.time.Instant;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

import static dev.assent.recording.Sessions.ts;

/** Ids of processed recorder webhooks: a repeated id has no effect. */
@Repository
class WebhookEvents {

	private final JdbcClient jdbc;

	WebhookEvents(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	/** True the first time an id is seen (in the caller's transaction: a failed handling forgets it). */
	boolean first(String source, String id, String type, Instant now) {
		return jdbc.sql("""
				insert into recording.webhook_events (id, source, type, received_at) values (?, ?, ?, ?)
				on conflict (id) do nothing""").params(source + ":" + id, source, type, ts(now)).update() == 1;
	}

	/**
	 * Forgets ids received before {@code before}. Safe once they are older than the replay window:
	 * an event that old is refused as a replay before its id is looked at.
	 */
	int purge(Instant before) {
		return jdbc.sql("delete from recording.webhook_events where received_at < ?").param(ts(before)).update();
	}

}
