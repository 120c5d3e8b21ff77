package dev.assent.integrations.zoom;

import java.nio.charset.StandardCharsets;
import java.security.InvalidKeyException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

import org.jspecify.annotations.Nullable;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RestController;

import dev.assent.calls.Provider;
import dev.assent.calls.ProviderActivity;
import dev.assent.integrations.IntegrationManagement;
import dev.assent.integrations.WebhookReceipts;

/**
 * Zoom's event notifications for one company, {@code POST /webhooks/zoom/{companyId}} (PRODUCT L7):
 * {@code x-zm-signature: v0=<hex HMAC-SHA256 of "v0:{x-zm-request-timestamp}:{raw body}">} with the
 * app's webhook secret token, a timestamp within {@code assent.providers.zoom.webhook-tolerance},
 * each delivery handled once. {@code endpoint.url_validation} answers {@code plainToken} and its
 * HMAC as {@code encryptedToken}; {@code meeting.started}, {@code meeting.ended} and
 * {@code meeting.participant_joined} become calls' started, ended and participant joined;
 * {@code app_deauthorized} disconnects the integration.
 */
@RestController
class ZoomWebhookController {

	private final ZoomIntegration zoom;

	private final ZoomSettings settings;

	private final WebhookReceipts receipts;

	private final ProviderActivity activity;

	private final IntegrationManagement integrations;

	private final JsonMapper json;

	private final Clock clock;

	ZoomWebhookController(ZoomIntegration zoom, ZoomSettings settings, WebhookReceipts receipts, ProviderActivity activity,
			IntegrationManagement integrations, JsonMapper json, Clock clock) {
		this.zoom = zoom;
		this.settings = settings;
		this.receipts = receipts;
		this.activity = activity;
		this.integrations = integrations;
		this.json = json;
		this.clock = clock;
	}

	@PostMapping("/webhooks/zoom/{companyId}")
	ResponseEntity<?> receive(@PathVariable String companyId, @RequestBody(required = false) @Nullable String body,
			@RequestHeader(name = "x-zm-signature", required = false) @Nullable String signature,
			@RequestHeader(name = "x-zm-request-timestamp", required = false) @Nullable String timestamp) {
		UUID company;
		try {
			company = UUID.fromString(companyId);
		}
		catch (IllegalArgumentException ex) {
			return refuse(HttpStatus.NOT_FOUND, "No such company.");
		}
		Optional<String> secret = zoom.webhookSecret(company).filter(s -> !s.isBlank());
		if (secret.isEmpty()) {
			return refuse(HttpStatus.NOT_FOUND, "Zoom is not connected with a webhook secret token for this company.");
		}
		String raw = body == null ? "" : body;
		if (signature == null || timestamp == null) {
			return refuse(HttpStatus.UNAUTHORIZED, "Missing x-zm-signature or x-zm-request-timestamp.");
		}
		Instant sent;
		try {
			long ts = Long.parseLong(timestamp.strip());
			sent = ts > 100_000_000_000L ? Instant.ofEpochMilli(ts) : Instant.ofEpochSecond(ts);
		}
		catch (NumberFormatException ex) {
			return refuse(HttpStatus.UNAUTHORIZED, "x-zm-request-timestamp is not a number.");
		}
		if (Duration.between(sent, Instant.now(clock)).abs().compareTo(settings.webhookTolerance()) > 0) {
			return refuse(HttpStatus.UNAUTHORIZED, "x-zm-request-timestamp is too old or in the future (replay?).");
		}
		String expected = "v0=" + hmac(secret.get(), "v0:" + timestamp.strip() + ":" + raw);
		if (!MessageDigest.isEqual(expected.getBytes(StandardCharsets.UTF_8), signature.strip().getBytes(StandardCharsets.UTF_8))) {
			return refuse(HttpStatus.UNAUTHORIZED, "x-zm-signature does not match the body.");
		}
		JsonNode event;
		try {
			event = json.readTree(raw);
		}
		catch (JacksonException ex) {
			return refuse(HttpStatus.BAD_REQUEST, "The body is not JSON.");
		}
		String type = event.path("event").asString("");
		if (type.equals("endpoint.url_validation")) {
			String plain = event.path("payload").path("plainToken").asString("");
			return ResponseEntity.ok(Map.of("plainToken", plain, "encryptedToken", hmac(secret.get(), plain)));
		}
		if (!receipts.firstTime(Provider.ZOOM, signature.strip())) {
			return ResponseEntity.ok(Map.of("status", "duplicate ignored"));
		}
		JsonNode object = event.path("payload").path("object");
		String meetingId = object.path("id").asString("");
		Instant at = event.has("event_ts") ? Instant.ofEpochMilli(event.path("event_ts").asLong()) : Instant.now(clock);
		Optional<UUID> call = switch (type) {
			case "meeting.started" -> activity.started(company, Provider.ZOOM, meetingId, at);
			case "meeting.ended" -> activity.ended(company, Provider.ZOOM, meetingId, at);
			case "meeting.participant_joined" -> {
				JsonNode p = object.path("participant");
				String joined = p.path("join_time").asString("");
				Instant when = joined.isEmpty() ? at : Instant.parse(joined);
				yield activity.participantJoined(company, Provider.ZOOM, meetingId, blankToNull(p.path("user_name").asString("")),
						blankToNull(p.path("email").asString("")), when);
			}
			case "app_deauthorized" -> {
				integrations.markDisconnected(company, Provider.ZOOM,
						"The Zoom app was removed from the Zoom account (app_deauthorized).");
				yield Optional.empty();
			}
			default -> Optional.empty();
		};
		return ResponseEntity.ok(call.<Map<String, String>>map(id -> Map.of("status", "handled", "callId", id.toString()))
			.orElseGet(() -> Map.of("status", "no matching call")));
	}

	private static @Nullable String blankToNull(String s) {
		return s.isBlank() ? null : s;
	}

	private static ResponseEntity<ProblemDetail> refuse(HttpStatus status, String detail) {
		ProblemDetail pd = ProblemDetail.forStatusAndDetail(status, detail);
		pd.setTitle("Webhook refused");
		return ResponseEntity.status(status).body(pd);
	}

	static String hmac(String secret, String message) {
		try {
			Mac mac = Mac.getInstance("HmacSHA256");
			mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
			return HexFormat.of().formatHex(mac.doFinal(message.getBytes(StandardCharsets.UTF_8)));
		}
		catch (NoSuchAlgorithmException | InvalidKeyException ex) {
			throw new IllegalStateException(ex);
		}
	}

}
