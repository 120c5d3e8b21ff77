package dev.assent.recording;

import java.time.Instant;
import java.util.UUID;

import org.jspecify.annotations.Nullable;

/**
 * The recorder stopped recording a call ({@code recording.stopped}): on Assent's stop command
 * ({@code reason} says why) or because the call ended.
 */
public record RecordingStopped(UUID callId, UUID companyId, String botId, @Nullable String reason,
		Instant stoppedAt, Instant occurredAt) {
}
