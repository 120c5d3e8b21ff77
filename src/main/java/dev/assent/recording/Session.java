package dev.assent.recording;

import java.time.Instant;
import java.util.UUID;

import org.jspecify.annotations.Nullable;

/**
 * The recording of one call: the bot that records it (through its RECORD command) and what the
 * recorder reported. {@code stopReason} set means no recording may happen any more — unless
 * everyone who opted out consents again (PRODUCT C10): then a new bot records the next
 * {@code segment}.
 */
record Session(UUID callId, UUID companyId, @Nullable UUID ownerId, Instant plannedStart, Instant plannedEnd,
		@Nullable String joinUrl, @Nullable UUID recordCommandId, @Nullable String botId, @Nullable Instant botJoinedAt,
		@Nullable Instant recordingStartedAt, @Nullable Instant recordingStoppedAt, @Nullable Instant endedAt,
		@Nullable String stopReason, int segment) {
}
