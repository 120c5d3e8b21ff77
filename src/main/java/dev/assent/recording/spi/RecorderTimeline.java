package dev.assent.recording.spi;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

import io.swagger.v3.oas.annotations.media.Schema;
import org.jspecify.annotations.Nullable;

/**
 * A recorder that can show what its bots did (the simulated recorder): the timeline of
 * {@code /admin/recorder}. Real recorders have none.
 */
public interface RecorderTimeline {

	/** The company's latest bots, newest first. */
	List<Bot> bots(UUID companyId, int limit);

	/** The webhooks these bots sent, oldest first. */
	List<Event> events(List<String> botIds);

	@Schema(name = "SimulatedBot", description = "A bot of the simulated recorder and what it did when")
	record Bot(String id, UUID callId, @Nullable String joinUrl, Instant joinAt, @Nullable Instant leaveAt,
			@Nullable String audioPromptId, Instant createdAt, @Nullable Instant joinedAt, @Nullable Instant recordingAt,
			@Nullable Instant stoppedAt, @Nullable String stopReason, @Nullable Instant keepUntil,
			@Nullable Instant endedAt) {
	}

	@Schema(name = "SimulatedBotWebhook", description = "A webhook the simulated bot sent to Assent")
	record Event(String id, String botId, String type, Instant at, @Nullable Instant deliveredAt, int attempts,
			@Nullable String lastError) {
	}

}
