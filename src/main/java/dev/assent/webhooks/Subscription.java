package dev.assent.webhooks;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

/** A company's webhook endpoint and the events it wants (the secret is shown once, at creation). */
record Subscription(UUID id, UUID companyId, String url, String secret, List<String> events, Instant createdAt) {

	boolean wants(String event) {
		return events.contains(event);
	}

}
