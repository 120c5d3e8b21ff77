package dev.assent.recording;

import java.time.Instant;
import java.util.UUID;

/** The recorder started recording a call ({@code recording.started}). */
public record RecordingStarted(UUID callId, UUID companyId, String botId, Instant startedAt, Instant occurredAt) {
}
