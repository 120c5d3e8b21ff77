package dev.assent.integrations.teams;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Clock;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import org.jspecify.annotations.Nullable;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import dev.assent.calls.Provider;
import dev.assent.calls.ProviderActivity;
import dev.assent.integrations.WebhookReceipts;

/**
 * Microsoft Graph change notifications about Teams meeting calls for one company,
 * {@code POST /webhooks/teams/{companyId}} (PRODUCT L7). Creating a subscription, Graph first posts
 * {@code ?validationToken=…}, which is echoed as {@code text/plain}. A notification counts only when
 * its {@code clientState} equals the company's webhook client state (compared in constant time) and
 * its {@code subscriptionId} is one Assent created for that company; each is handled once (its
 * content, not its bytes, is the key, so a re-serialised replay is still a replay).
 * {@code callStarted}, {@code callEnded} and new participants of {@code rosterUpdated} (and the
 * older {@code Microsoft.Communication.Call*} event types) become calls' started, ended and
 * participant joined. Graph wants {@code 202 Accepted}; a batch without one authentic notification
 * gets {@code 401}.
 */
@RestController
class TeamsWebhookController {

	private final TeamsIntegration teams;

	private final WebhookReceipts receipts;

	private final ProviderActivity activity;

	private final JsonMapper json;

	private final Clock clock;

	TeamsWebhookController(TeamsIntegration teams, WebhookReceipts receipts, ProviderActivity activity, JsonMapper json,
			Clock clock) {
		this.teams = teams;
		this.receipts = receipts;
		this.activity = activity;
		this.json = json;
		this.clock = clock;
	}

	@PostMapping("/webhooks/teams/{companyId}")
	ResponseEntity<?> receive(@PathVariable String companyId, @RequestParam(required = false) @Nullable String validationToken,
			@RequestBody(required = false) @Nullable String body) {
		UUID company;
		try {
			company = UUID.fromString(companyId);
		}
		catch (IllegalArgumentException ex) {
			return refuse(HttpStatus.NOT_FOUND, "No such company.");
		}
		Optional<String> state = teams.clientState(company);
		if (state.isEmpty()) {
			return refuse(HttpStatus.NOT_FOUND, "Microsoft Teams is not connected with a webhook client state for this company.");
		}
		if (validationToken != null) {
			// the subscription handshake: echo the token, as plain text, within the request
			return ResponseEntity.ok()
				.contentType(MediaType.TEXT_PLAIN)
				.header("X-Content-Type-Options", "nosniff")
				.body(validationToken);
		}
		JsonNode batch;
		try {
			batch = json.readTree(body == null ? "" : body);
		}
		catch (JacksonException ex) {
			return refuse(HttpStatus.BAD_REQUEST, "The body is not JSON.");
		}
		if (batch == null || !batch.path("value").isArray()) {
			return refuse(HttpStatus.BAD_REQUEST, "Expected a change-notification collection {\"value\": [...]}.");
		}
		byte[] expected = state.get().getBytes(StandardCharsets.UTF_8);
		int authentic = 0;
		int handled = 0;
		int duplicates = 0;
		for (JsonNode n : batch.path("value")) {
			String given = n.path("clientState").asString("");
			if (!MessageDigest.isEqual(expected, given.getBytes(StandardCharsets.UTF_8))) {
				continue;
			}
			String subscription = n.path("subscriptionId").asString("");
			Optional<String> meeting = subscription.isEmpty() ? Optional.empty()
					: teams.meetingOfSubscription(company, subscription);
			if (meeting.isEmpty()) {
				continue;
			}
			authentic++;
			JsonNode data = n.path("resourceData");
			if (!receipts.firstTime(Provider.MICROSOFT_TEAMS, key(company, n))) {
				duplicates++;
				continue;
			}
			handled += handle(company, subscription, meeting.get(), data);
		}
		if (authentic == 0) {
			return refuse(HttpStatus.UNAUTHORIZED,
					"No notification carried this company's clientState and one of its subscriptions.");
		}
		Map<String, Object> answer = new LinkedHashMap<>();
		answer.put("status", "accepted");
		answer.put("handled", handled);
		answer.put("duplicates", duplicates);
		return ResponseEntity.status(HttpStatus.ACCEPTED).body(answer);
	}

	private int handle(UUID company, String subscription, String meetingId, JsonNode data) {
		String type = data.path("callEventType").asString(data.path("eventType").asString(""));
		Instant at = instant(data.path("eventDateTime").asString(""));
		return switch (type) {
			case "callStarted", "Microsoft.Communication.CallStarted" ->
				activity.started(company, Provider.MICROSOFT_TEAMS, meetingId, at).isPresent() ? 1 : 0;
			case "callEnded", "Microsoft.Communication.CallEnded" ->
				activity.ended(company, Provider.MICROSOFT_TEAMS, meetingId, at).isPresent() ? 1 : 0;
			case "rosterUpdated", "Microsoft.Communication.CallRosterUpdate" -> {
				int joined = 0;
				JsonNode roster = data.has("participants") ? data.path("participants") : data.path("activeParticipants@delta");
				for (JsonNode p : roster) {
					String id = p.path("id").asString(p.path("Id").asString(""));
					// a roster lists everyone present: a participant joins the first time they appear
					if (id.isEmpty() || !receipts.firstTime(Provider.MICROSOFT_TEAMS, "roster:" + company + ":" + subscription + ":" + id)) {
						continue;
					}
					if (activity.participantJoined(company, Provider.MICROSOFT_TEAMS, meetingId, displayName(p), null, at)
						.isPresent()) {
						joined++;
					}
				}
				yield joined;
			}
			default -> 0;
		};
	}

	/** The participant's display name: a user, a guest or a phone caller, as Graph's identity set has it. */
	private static @Nullable String displayName(JsonNode participant) {
		JsonNode identity = participant.path("info").path("identity");
		if (identity.isMissingNode()) {
			identity = participant.path("Identity");
		}
		for (String kind : new String[] { "user", "guest", "phone", "acsUser", "User", "Guest", "Phone" }) {
			JsonNode k = identity.path(kind);
			String name = k.path("displayName").asString(k.path("DisplayName").asString(""));
			if (!name.isBlank()) {
				return name;
			}
		}
		return null;
	}

	private Instant instant(String value) {
		try {
			return value.isBlank() ? Instant.now(clock) : Instant.parse(value);
		}
		catch (DateTimeParseException ex) {
			return Instant.now(clock);
		}
	}

	/** What makes a notification the same notification, whatever its serialisation. */
	private static String key(UUID company, JsonNode n) {
		JsonNode data = n.path("resourceData");
		String content = company + "|" + n.path("subscriptionId").asString("") + "|" + n.path("changeType").asString("")
				+ "|" + data.path("id").asString("") + "|" + data.path("callEventType").asString(data.path("eventType").asString(""))
				+ "|" + data.path("eventDateTime").asString("") + "|" + data.path("participants").toString()
				+ data.path("activeParticipants@delta").toString();
		try {
			return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(content.getBytes(StandardCharsets.UTF_8)));
		}
		catch (java.security.NoSuchAlgorithmException ex) {
			throw new IllegalStateException(ex);
		}
	}

	private static ResponseEntity<ProblemDetail> refuse(HttpStatus status, String detail) {
		ProblemDetail pd = ProblemDetail.forStatusAndDetail(status, detail);
		pd.setTitle("Webhook refused");
		return ResponseEntity.status(status).body(pd);
	}

}
