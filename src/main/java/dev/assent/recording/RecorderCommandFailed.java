package dev.assent.recording;

import java.time.Instant;
import java.util.UUID;

/**
 * A recorder command failed {@code attempts} times in a row (for alerting). Assent keeps retrying
 * it until the recorder acknowledges it; this is published once per command.
 */
public record RecorderCommandFailed(UUID commandId, UUID callId, UUID companyId, String kind, int attempts,
		String lastError, Instant occurredAt) {
}
