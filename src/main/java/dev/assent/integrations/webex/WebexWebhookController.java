package dev.assent.integrations.webex;

import java.nio.charset.StandardCharsets;
import java.security.InvalidKeyException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.HexFormat;
import java.util.Locale;
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
import dev.assent.integrations.WebhookReceipts;

/**
 * Webex webhook deliveries for one company, {@code POST /webhooks/webex/{companyId}} (PRODUCT L7):
 * {@code X-Spark-Signature} is the hex HMAC-SHA1 of the raw body with the webhook's secret (compared
 * in constant time); each delivery is handled once (its signature is the key, Webex sends no
 * timestamp to bound it). {@code meetings/started}, {@code meetings/ended} and
 * {@code meetingParticipants/joined} become calls' started, ended and participant joined; the
 * meeting is found by its series id, the meeting Assent created.
 */
@RestController
class WebexWebhookController {

	private final WebexIntegration webex;

	private final WebhookReceipts receipts;

	private final ProviderActivity activity;

	private final JsonMapper json;

	private final Clock clock;

	WebexWebhookController(WebexIntegration webex, WebhookReceipts receipts, ProviderActivity activity, JsonMapper json,
			Clock clock) {
		this.webex = webex;
		this.receipts = receipts;
		this.activity = activity;
		this.json = json;
		this.clock = clock;
	}

	@PostMapping("/webhooks/webex/{companyId}")
	ResponseEntity<?> receive(@PathVariable String companyId, @RequestBody(required = false) @Nullable String body,
			@RequestHeader(name = "X-Spark-Signature", required = false) @Nullable String signature) {
		UUID company;
		try {
			company = UUID.fromString(companyId);
		}
		catch (IllegalArgumentException ex) {
			return refuse(HttpStatus.NOT_FOUND, "No such company.");
		}
		Optional<String> secret = webex.webhookSecret(company);
		if (secret.isEmpty()) {
			return refuse(HttpStatus.NOT_FOUND, "Webex is not connected with a webhook secret for this company.");
		}
		if (signature == null || signature.isBlank()) {
			return refuse(HttpStatus.UNAUTHORIZED, "Missing X-Spark-Signature.");
		}
		String raw = body == null ? "" : body;
		String given = signature.strip().toLowerCase(Locale.ROOT);
		if (!MessageDigest.isEqual(hmacSha1(secret.get(), raw).getBytes(StandardCharsets.UTF_8),
				given.getBytes(StandardCharsets.UTF_8))) {
			return refuse(HttpStatus.UNAUTHORIZED, "X-Spark-Signature does not match the body.");
		}
		JsonNode event;
		try {
			event = json.readTree(raw);
		}
		catch (JacksonException ex) {
			return refuse(HttpStatus.BAD_REQUEST, "The body is not JSON.");
		}
		if (!receipts.firstTime(Provider.WEBEX, given)) {
			return ResponseEntity.ok(Map.of("status", "duplicate ignored"));
		}
		String kind = event.path("resource").asString("") + "/" + event.path("event").asString("");
		JsonNode data = event.path("data");
		Optional<UUID> call = switch (kind) {
			case "meetings/started" -> activity.started(company, Provider.WEBEX, series(data), instant(data.path("start")));
			case "meetings/ended" -> activity.ended(company, Provider.WEBEX, series(data), instant(data.path("end")));
			case "meetingParticipants/joined" -> activity.participantJoined(company, Provider.WEBEX,
					seriesOf(data.path("meetingId").asString("")), blankToNull(data.path("displayName").asString("")),
					blankToNull(data.path("email").asString("")), instant(data.path("joinedTime")));
			default -> Optional.empty();
		};
		return ResponseEntity.ok(call.<Map<String, String>>map(id -> Map.of("status", "handled", "callId", id.toString()))
			.orElseGet(() -> Map.of("status", "no matching call")));
	}

	/** The meeting series an instance belongs to: {@code meetingSeriesId}, else the id before {@code _I_}. */
	private static String series(JsonNode data) {
		String series = data.path("meetingSeriesId").asString("");
		return series.isBlank() ? seriesOf(data.path("id").asString("")) : series;
	}

	private static String seriesOf(String instanceId) {
		int i = instanceId.indexOf('_');
		return i > 0 ? instanceId.substring(0, i) : instanceId;
	}

	private Instant instant(JsonNode value) {
		try {
			String v = value.asString("");
			return v.isBlank() ? Instant.now(clock) : Instant.parse(v);
		}
		catch (DateTimeParseException ex) {
			return Instant.now(clock);
		}
	}

	private static @Nullable String blankToNull(String s) {
		return s.isBlank() ? null : s;
	}

	private static ResponseEntity<ProblemDetail> refuse(HttpStatus status, String detail) {
		ProblemDetail pd = ProblemDetail.forStatusAndDetail(status, detail);
		pd.setTitle("Webhook refused");
		return ResponseEntity.status(status).body(pd);
	}

	static String hmacSha1(String secret, String message) {
		try {
			Mac mac = Mac.getInstance("HmacSHA1");
			mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA1"));
			return HexFormat.of().formatHex(mac.doFinal(message.getBytes(StandardCharsets.UTF_8)));
		}
		catch (NoSuchAlgorithmException | InvalidKeyException ex) {
			throw new IllegalStateException(ex);
		}
	}

}
