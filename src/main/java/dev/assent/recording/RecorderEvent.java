package dev.assent.recording;

import java.time.Instant;
import java.util.UUID;

import org.jspecify.annotations.Nullable;

/**
 * A recorder webhook, whichever recorder sent it, in Assent's terms (API.md, Recorder webhooks):
 * {@code bot.joined}, {@code recording.started}, {@code participant.joined}, {@code recording.stopped},
 * {@code call.ended}.
 */
record RecorderEvent(String id, String type, Instant at, @Nullable UUID callId, @Nullable String botId,
		@Nullable String name, @Nullable String email, @Nullable String reason) {

	static final String BOT_JOINED = "bot.joined";

	static final String RECORDING_STARTED = "recording.started";

	static final String PARTICIPANT_JOINED = "participant.joined";

	static final String RECORDING_STOPPED = "recording.stopped";

	static final String CALL_ENDED = "call.ended";

}
