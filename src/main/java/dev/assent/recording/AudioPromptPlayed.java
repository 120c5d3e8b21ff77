package dev.assent.recording;

import java.time.Instant;
import java.util.UUID;

/**
 * The recorder played the owner's audio prompt as the recording started (PRODUCT A1, X1): its
 * exact words and the SHA-256 of the audio file played.
 */
public record AudioPromptPlayed(UUID callId, UUID companyId, String botId, String promptId, String text,
		String audioSha256, Instant playedAt) {
}
