package dev.assent.integrations.zoom;

import java.nio.charset.StandardCharsets;
import java.security.InvalidKeyException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.List;
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
 * {@code app_deauthorized} disconnects the integration. A company connected by a grant is checked
 * with this deployment's OAuth app's secret token ({@code assent.providers.zoom.webhook-secret-token}),
 * whose events may also all go to {@code POST /webhooks/zoom} (one address for the app, the company
 * found by the event's {@code account_id}).
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
		Optional<String> secret = zoom.webhookSecret(company);
		if (secret.isEmpty()) {
			return refuse(HttpStatus.NOT_FOUND, "Zoom is not connected with a webhook secret token for this company "
					+ "(connected by a grant: this deployment sets no ASSENT_PROVIDERS_ZOOM_WEBHOOK_SECRET_TOKEN).");
		}
		return verified(secret.get(), body, signature, timestamp, (event, type, receipt) -> {
			// the app's secret token signs every granted account's events: they count only for the company's own account
			String account = event.path("payload").path("account_id").asString("");
			if (!account.isBlank() && zoom.grantedAccount(company).filter(a -> !a.equals(account)).isPresent()) {
				return refuse(HttpStatus.FORBIDDEN, "The event is of another Zoom account than this company's.");
			}
			if (!receipts.firstTime(Provider.ZOOM, receipt)) {
				return ResponseEntity.ok(Map.of("status", "duplicate ignored"));
			}
			Optional<UUID> call = handle(company, type, event);
			return ResponseEntity.ok(call.<Map<String, String>>map(id -> Map.of("status", "handled", "callId", id.toString()))
				.orElseGet(() -> Map.of("status", "no matching call")));
		});
	}

	/**
	 * The event notification endpoint of this deployment's Zoom OAuth app, {@code POST /webhooks/zoom}:
	 * one address for every account that granted access, signed with the app's secret token
	 * ({@code assent.providers.zoom.webhook-secret-token}); each event goes to the companies that
	 * connected that Zoom account ({@code payload.account_id}) by a grant.
	 */
	@PostMapping("/webhooks/zoom")
	ResponseEntity<?> receiveForApp(@RequestBody(required = false) @Nullable String body,
			@RequestHeader(name = "x-zm-signature", required = false) @Nullable String signature,
			@RequestHeader(name = "x-zm-request-timestamp", required = false) @Nullable String timestamp) {
		Optional<String> secret = zoom.appWebhookSecret();
		if (secret.isEmpty()) {
			return refuse(HttpStatus.NOT_FOUND, "This deployment has no Zoom app webhook secret token "
					+ "(ASSENT_PROVIDERS_ZOOM_WEBHOOK_SECRET_TOKEN).");
		}
		return verified(secret.get(), body, signature, timestamp, (event, type, receipt) -> {
			if (!receipts.firstTime(Provider.ZOOM, receipt)) {
				return ResponseEntity.ok(Map.of("status", "duplicate ignored"));
			}
			String account = event.path("payload").path("account_id").asString("");
			List<UUID> companies = account.isBlank() ? List.of() : zoom.grantedCompanies(account);
			int handled = 0;
			for (UUID company : companies) {
				if (handle(company, type, event).isPresent()) {
					handled++;
				}
			}
			return ResponseEntity.ok(Map.of("status", companies.isEmpty() ? "no company connected to this Zoom account"
					: handled > 0 ? "handled" : "no matching call", "companies", companies.size()));
		});
	}

	/** What to do with an event whose signature and timestamp were checked. */
	@FunctionalInterface
	private interface Verified {

		ResponseEntity<?> handle(JsonNode event, String type, String receipt);

	}

	/**
	 * Checks {@code x-zm-signature} ({@code v0=} HMAC-SHA256 of {@code v0:{timestamp}:{raw body}})
	 * and the timestamp's age, answers {@code endpoint.url_validation}, and hands any other event on.
	 */
	private ResponseEntity<?> verified(String secret, @Nullable String body, @Nullable String signature,
			@Nullable String timestamp, Verified then) {
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
		String expected = "v0=" + hmac(secret, "v0:" + timestamp.strip() + ":" + raw);
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
			return ResponseEntity.ok(Map.of("plainToken", plain, "encryptedToken", hmac(secret, plain)));
		}
		return then.handle(event, type, signature.strip());
	}

	/** Maps an event onto the company's calls: the call it concerns, if any. */
	private Optional<UUID> handle(UUID company, String type, JsonNode event) {
		JsonNode object = event.path("payload").path("object");
		String meetingId = object.path("id").asString("");
		Instant at = event.has("event_ts") ? Instant.ofEpochMilli(event.path("event_ts").asLong()) : Instant.now(clock);
		return switch (type) {
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
