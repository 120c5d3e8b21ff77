package dev.assent.integrations;

import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

import dev.assent.calls.Provider;

/**
 * Replay protection of provider webhooks (PRODUCT L7): a signed delivery is handled the first time
 * its key (e.g. its signature, which covers its timestamp) is seen; receipts older than a day are
 * forgotten, long after their timestamps fall outside the signature tolerance.
 */
@Component
public class WebhookReceipts {

	private static final Duration KEEP = Duration.ofDays(1);

	private final JdbcClient jdbc;

	private final Clock clock;

	WebhookReceipts(JdbcClient jdbc, Clock clock) {
		this.jdbc = jdbc;
		this.clock = clock;
	}

	/** True the first time the key is seen, on any node. */
	public boolean firstTime(Provider provider, String key) {
		Instant now = Instant.now(clock);
		jdbc.sql("delete from integrations.webhook_receipts where received_at < ?").param(Timestamp.from(now.minus(KEEP))).update();
		return jdbc.sql("""
				insert into integrations.webhook_receipts (provider, key, received_at) values (?, ?, ?)
				on conflict do nothing""").params(provider.name(), key, Timestamp.from(now)).update() == 1;
	}

}
