package dev.assent.recording.recall;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;

import io.swagger.v3.oas.annotations.Hidden;
import org.jspecify.annotations.Nullable;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;

import org.springframework.boot.autoconfigure.condition.ConditionalOnExpression;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RestController;

import dev.assent.recording.spi.RecorderEvent;
import dev.assent.recording.spi.RecorderEvents;
import dev.assent.recording.spi.RecorderHttp;
import dev.assent.recording.spi.RecorderSettings;
import dev.assent.shared.ProblemTypes;

import static dev.assent.recording.spi.RecorderHttp.JSON;

/**
 * POST /webhooks/recall: Recall.ai's bot status webhooks, verified with Recall.ai's documented
 * scheme (see RecallSignatures.valid: headers webhook-id, webhook-timestamp, webhook-signature, or
 * the legacy svix-* names), the timestamp within webhook-tolerance of now, and mapped onto Assent's
 * recorder events. Both documented shapes are read: the current one (event bot.in_call_recording,
 * data.data.code, data.data.updated_at, data.bot.id, data.bot.metadata) and the one of API v1.10
 * (event bot.status_change, data.bot_id, data.status.code, data.status.created_at).
 */
@RestController
@Hidden
@ConditionalOnExpression(RecallConfiguration.ACTIVE)
class RecallWebhookController {

	private final RecorderEvents recordings;

	private final RecorderSettings settings;

	private final Clock clock;

	RecallWebhookController(RecorderEvents recordings, RecorderSettings settings, Clock clock) {
		this.recordings = recordings;
		this.settings = settings;
		this.clock = clock;
	}

	@PostMapping(path = "/webhooks/recall", produces = MediaType.APPLICATION_JSON_VALUE)
	ResponseEntity<?> receive(@RequestBody(required = false) byte @Nullable [] body,
			@RequestHeader Map<String, String> headers) {
		byte[] raw = body == null ? new byte[0] : body;
		String id = header(headers, "webhook-id", "svix-id");
		String timestamp = header(headers, "webhook-timestamp", "svix-timestamp");
		String signature = header(headers, "webhook-signature", "svix-signature");
		String secret = settings.webhookSecret();
		if (secret == null || id == null || timestamp == null
				|| !RecallSignatures.valid(secret, id, timestamp, raw, signature)) {
			return RecorderHttp.problem(HttpStatus.UNAUTHORIZED, ProblemTypes.UNAUTHORIZED, "Unauthorized",
					"Missing or invalid webhook-id / webhook-timestamp / webhook-signature.");
		}
		Instant sent;
		try {
			sent = Instant.ofEpochSecond(Long.parseLong(timestamp.strip()));
		}
		catch (NumberFormatException ex) {
			return RecorderHttp.problem(HttpStatus.BAD_REQUEST, ProblemTypes.INVALID_INPUT, "Invalid input",
					"webhook-timestamp must be seconds since the epoch");
		}
		ResponseEntity<?> stale = replay(sent, clock, settings.webhookTolerance());
		if (stale != null) {
			return stale;
		}
		RecorderEvent event;
		try {
			event = map(id, JSON.readTree(raw), sent);
		}
		catch (JacksonException | IllegalArgumentException ex) {
			return RecorderHttp.problem(HttpStatus.BAD_REQUEST, ProblemTypes.INVALID_INPUT, "Invalid input",
					"Not a Recall.ai bot event: " + ex.getMessage());
		}
		if (event == null) {
			return ResponseEntity.ok(Map.of("id", id, "status", "ignored"));
		}
		RecorderEvents.Outcome outcome = recordings.handle("recall", event);
		return ResponseEntity.ok(Map.of("id", id, "status", outcome.name().toLowerCase(java.util.Locale.ROOT)));
	}

	/** A delivery time (a signed timestamp of this very delivery) further than {@code tolerance} from now: refused. */
	static @Nullable ResponseEntity<?> replay(Instant at, Clock clock, Duration tolerance) {
		Instant now = Instant.now(clock);
		if (Duration.between(at, now).abs().compareTo(tolerance) > 0) {
			return RecorderHttp.problem(HttpStatus.BAD_REQUEST, RecorderHttp.STALE, "Stale event",
					"The delivery's time " + at + " is more than " + tolerance.toMinutes()
							+ " minutes from now; rejected as a possible replay.");
		}
		return null;
	}

	/** The Assent event a Recall.ai bot event means, or null for the ones Assent does not use. */
	static @Nullable RecorderEvent map(String id, JsonNode root, Instant sent) {
		String event = root.path("event").asString("");
		JsonNode data = root.path("data");
		String code;
		String botId;
		String at;
		JsonNode metadata;
		if (event.equals("bot.status_change")) {
			code = data.path("status").path("code").asString("");
			botId = data.path("bot_id").asString("");
			at = data.path("status").path("created_at").asString("");
			metadata = data.path("bot_metadata");
		}
		else if (event.startsWith("bot.")) {
			code = data.path("data").path("code").asString(event.substring(4));
			botId = data.path("bot").path("id").asString("");
			at = data.path("data").path("updated_at").asString("");
			metadata = data.path("bot").path("metadata");
		}
		else {
			return null;
		}
		if (botId.isBlank()) {
			throw new IllegalArgumentException("no bot id");
		}
		String type = switch (code) {
			case "in_call_not_recording" -> RecorderEvent.BOT_JOINED;
			case "in_call_recording" -> RecorderEvent.RECORDING_STARTED;
			case "recording_done" -> RecorderEvent.RECORDING_STOPPED;
			case "call_ended" -> RecorderEvent.CALL_ENDED;
			default -> null;
		};
		if (type == null) {
			return null;
		}
		String callId = metadata.path("assent_call_id").asString("");
		return new RecorderEvent(id, type, at.isBlank() ? sent : Instant.parse(at),
				callId.isBlank() ? null : UUID.fromString(callId), botId, null, null,
				data.path("data").path("sub_code").asString(null));
	}

	private static @Nullable String header(Map<String, String> headers, String name, String legacy) {
		for (Map.Entry<String, String> h : headers.entrySet()) {
			if (h.getKey().equalsIgnoreCase(name) || h.getKey().equalsIgnoreCase(legacy)) {
				return h.getValue();
			}
		}
		return null;
	}

}
