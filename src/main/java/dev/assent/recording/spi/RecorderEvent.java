package dev.assent.recording.spi;

import java.time.Instant;
import java.util.UUID;

import org.jspecify.annotations.Nullable;

/**
 * A recorder webhook, whichever recorder sent it, in Assent's terms (API.md, Recorder webhooks):
 * {@code bot.joined}, {@code recording.started}, {@code participant.joined}, {@code recording.stopped},
 * {@code call.ended}, {@code participant.keypad}.
 */
public record RecorderEvent(String id, String type, Instant at, @Nullable UUID callId, @Nullable String botId,
		@Nullable String name, @Nullable String email, @Nullable String reason, @Nullable String phone,
		@Nullable String digit) {

	public RecorderEvent(String id, String type, Instant at, @Nullable UUID callId, @Nullable String botId,
			@Nullable String name, @Nullable String email, @Nullable String reason) {
		this(id, type, at, callId, botId, name, email, reason, null, null);
	}

	/**
	 * A dial-in participant pressed a key after the audio prompt (PRODUCT X5): {@code digit} 1
	 * consents, 2 declines; {@code phone} (or {@code name}) says who.
	 */
	public static final String PARTICIPANT_KEYPAD = "participant.keypad";

	public static final String BOT_JOINED = "bot.joined";

	public static final String RECORDING_STARTED = "recording.started";

	public static final String PARTICIPANT_JOINED = "participant.joined";

	public static final String RECORDING_STOPPED = "recording.stopped";

	public static final String CALL_ENDED = "call.ended";

}
