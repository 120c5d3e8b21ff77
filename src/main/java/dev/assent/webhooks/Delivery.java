package dev.assent.webhooks;

import java.time.Instant;
import java.util.UUID;

import org.jspecify.annotations.Nullable;

/** One event for one subscription: the outbox row and its log entry. */
record Delivery(String id, UUID subscriptionId, String eventType, String status, int attempts,
		@Nullable Integer lastStatus, @Nullable String lastError, Instant createdAt, Instant nextAttemptAt,
		@Nullable Instant deliveredAt) {
}
