package dev.assent.recording;

import java.time.Instant;
import java.util.UUID;

import org.jspecify.annotations.Nullable;

/** A command to the recorder, as kept in the outbox ({@code recording.commands}). */
record Command(UUID id, UUID companyId, UUID callId, Kind kind, @Nullable UUID recordCommandId,
		@Nullable String botId, String payload, String idempotencyKey, Status status, int attempts,
		Instant nextAttemptAt, @Nullable String lastError, boolean alerted, Instant createdAt, @Nullable Instant sentAt) {

	/** The {@code Idempotency-Key} every attempt of command {@code id} carries. */
	static String idempotencyKey(UUID id) {
		return "assent-" + id;
	}

	enum Kind {

		RECORD, STOP,

		/** The purposes a participant refused (PRODUCT X4), for the bot of a RECORD command. */
		PURPOSES

	}

	enum Status {

		PENDING, SENT, CANCELLED

	}

}
