package dev.assent.recording;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Map;
import java.util.UUID;

import io.swagger.v3.oas.annotations.Hidden;
import org.jspecify.annotations.Nullable;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;

import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RestController;

import dev.assent.shared.ProblemTypes;
import dev.assent.recording.spi.RecorderEvent;
import dev.assent.recording.spi.RecorderEvents;
import dev.assent.recording.spi.RecorderHttp;
import dev.assent.recording.spi.RecorderSettings;
import dev.assent.recording.spi.RecorderSignatures;

import static dev.assent.recording.spi.RecorderHttp.JSON;

/**
 * {@code POST /webhooks/recorder} (API.md, Recorder webhooks): verifies {@code X-Assent-Signature}
 * ({@code sha256=<hex HMAC-SHA256 of the raw body>} with the shared secret, in constant time),
 * ignores repeated ids, and applies the rest. An event is judged by its delivery, not by its own
 * time: a recorder that retries a webhook for hours while Assent was unreachable must still be heard
 * (a lost {@code recording.started} would make the 70 % rule count the call as unrecorded), so an
 * event up to {@link #LATEST_DELIVERY} old is applied — replays within that window are caught by
 * their id, which is kept twice as long ({@link WebhookEventsPurgeJob#KEPT}). Only events older than
 * that, or further in the future than {@code assent.recorder.webhook-tolerance} (clock skew), are
 * refused as possible replays.
 */
@RestController
@Hidden
class RecorderWebhookController {

	/** How late an event may be delivered after its {@code at}: half of how long ids are kept. */
	static final Duration LATEST_DELIVERY = WebhookEventsPurgeJob.KEPT.dividedBy(2);

	private final RecorderWebhooks recordings;

	private final Recorder recorder;

	private final RecorderSettings settings;

	private final Clock clock;

	RecorderWebhookController(RecorderWebhooks recordings, Recorder recorder, RecorderSettings settings,
			Clock clock) {
		this.recordings = recordings;
		this.recorder = recorder;
		this.settings = settings;
		this.clock = clock;
	}

	@PostMapping(path = "/webhooks/recorder", produces = MediaType.APPLICATION_JSON_VALUE)
	ResponseEntity<?> receive(@RequestBody(required = false) byte @Nullable [] body,
			@RequestHeader(name = RecorderSignatures.HEADER, required = false) @Nullable String signature) {
		byte[] raw = body == null ? new byte[0] : body;
		if (!RecorderSignatures.validAssent(recorder.secret(), raw, signature)) {
			return RecorderHttp.problem(HttpStatus.UNAUTHORIZED, ProblemTypes.UNAUTHORIZED, "Unauthorized",
					"Missing or invalid X-Assent-Signature (sha256=<hex HMAC-SHA256 of the raw body>).");
		}
		RecorderEvent event;
		try {
			event = parse(JSON.readTree(raw));
		}
		catch (JacksonException | IllegalArgumentException | DateTimeParseException ex) {
			return RecorderHttp.problem(HttpStatus.BAD_REQUEST, ProblemTypes.INVALID_INPUT, "Invalid input",
					"Expected a JSON event with id, type and at (ISO-8601), and callId or botId: " + ex.getMessage());
		}
		ResponseEntity<?> stale = late(event.at(), clock, settings.webhookTolerance());
		if (stale != null) {
			return stale;
		}
		RecorderEvents.Outcome outcome = recordings.handle("assent", event);
		return ResponseEntity.ok(Map.of("id", event.id(), "status", outcome.name().toLowerCase(java.util.Locale.ROOT)));
	}

	/** An event from further back than {@link #LATEST_DELIVERY}, or from the future beyond the skew: refused. */
	static @Nullable ResponseEntity<?> late(Instant at, Clock clock, Duration skew) {
		Instant now = Instant.now(clock);
		if (at.isBefore(now.minus(LATEST_DELIVERY)) || at.isAfter(now.plus(skew))) {
			return RecorderHttp.problem(HttpStatus.BAD_REQUEST, RecorderHttp.STALE, "Stale event",
					"The event's time " + at + " is more than " + LATEST_DELIVERY.toHours() + " hours ago or more than "
							+ skew.toMinutes() + " minutes ahead; rejected as a possible replay.");
		}
		return null;
	}

	static RecorderEvent parse(JsonNode n) {
		String id = text(n, "id");
		String type = text(n, "type");
		if (type == null) {
			type = text(n, "event");
		}
		String at = text(n, "at");
		if (id == null || type == null || at == null) {
			throw new IllegalArgumentException("id, type and at are required");
		}
		String callId = text(n, "callId");
		return new RecorderEvent(id, type, Instant.parse(at), callId == null ? null : UUID.fromString(callId),
				text(n, "botId"), text(n, "name"), text(n, "email"), text(n, "reason"), text(n, "phone"), text(n, "digit"));
	}

	private static @Nullable String text(JsonNode n, String field) {
		JsonNode v = n.get(field);
		return v == null || v.isNull() || v.asString().isBlank() ? null : v.asString();
	}

}
