package dev.assent.recording.recall;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.databind.JsonNode;

import org.springframework.core.io.ClassPathResource;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.web.client.RestClient;

import dev.assent.recording.spi.RecorderClient;
import dev.assent.recording.spi.RecorderHttp;

import static dev.assent.recording.spi.RecorderHttp.JSON;

/**
 * Recall.ai's bot API behind {@link RecorderClient}, following its public API reference at
 * docs.recall.ai: Create Bot is POST /api/v1/bot/ with meeting_url, join_at, bot_name, metadata and
 * automatic_audio_output.in_call_recording.data (kind mp3, b64_data); Leave Call is POST
 * /api/v1/bot/ID/leave_call/; authentication is the header Authorization: Token API-KEY; the
 * create response carries the bot's id.
 * <p>
 * Recall.ai has no keep-the-recording-until on leaving: a late opt-out (PRODUCT D5) leaves the
 * call, and Assent keeps the cut-off ({@code keptUntil} on the call) for whoever processes the
 * recording. Recall.ai plays audio prompts from an MP3 only; Assent ships WAV prompts, so the
 * prompt is sent when an MP3 rendering ({@code audio-prompts/<id>.mp3}) is on the class path and
 * left out (with a warning) otherwise. The call id travels in {@code metadata.assent_call_id}, so
 * webhooks can name the call.
 */
class RecallRecorderClient implements RecorderClient {

	private static final Logger log = LoggerFactory.getLogger(RecallRecorderClient.class);

	/** Bot states (Recall.ai's status codes) in which it is no longer in the call: nothing left to stop. */
	private static final Set<String> LEFT = Set.of("call_ended", "done", "fatal", "recording_done", "media_expired",
			"analysis_done", "analysis_failed");

	private final RestClient http;

	private final String base;

	private final @Nullable String apiKey;

	private final String botName;

	RecallRecorderClient(RestClient http, String base, @Nullable String apiKey, String botName) {
		this.http = http;
		this.base = base;
		this.apiKey = apiKey;
		this.botName = botName;
	}

	@Override
	public String createBot(String order, String idempotencyKey) {
		JsonNode o = JSON.readTree(order);
		Map<String, Object> body = new LinkedHashMap<>();
		body.put("meeting_url", o.get("joinUrl").asString());
		body.put("join_at", o.get("joinAt").asString());
		body.put("bot_name", botName);
		body.put("metadata", Map.of("assent_call_id", o.get("callId").asString()));
		JsonNode prompt = o.get("audioPrompt");
		if (prompt != null && prompt.isObject()) {
			String mp3 = mp3(prompt.get("id").asString());
			if (mp3 != null) {
				body.put("automatic_audio_output",
						Map.of("in_call_recording", Map.of("data", Map.of("kind", "mp3", "b64_data", mp3))));
			}
			else {
				log.warn("Audio prompt {} has no MP3 rendering; Recall.ai bot for call {} plays no prompt",
						prompt.get("id").asString(), o.get("callId").asString());
			}
		}
		String answer = post("/api/v1/bot/", JSON.writeValueAsString(body), idempotencyKey);
		JsonNode id = JSON.readTree(answer).get("id");
		if (id == null || id.asString().isBlank()) {
			throw new Failure(502, "Recall.ai answered without a bot id: " + RecorderHttp.abbreviate(answer));
		}
		return id.asString();
	}

	/**
	 * Leave Call. Recall.ai answers a repeated idempotency key with the response it cached, so a
	 * refused leave_call retried with the same key would be refused forever while the bot records:
	 * every retry ({@code attempt > 0}) carries a fresh key derived from the command's. A refusal
	 * (4xx other than 404, 410 and 429) is judged by the bot's own state (Retrieve Bot, the last of its
	 * {@code status_changes}): a bot that already left or ended has nothing to stop; one that has not
	 * started joining ({@code ready}, or no status yet) is deleted, which unschedules it; a bot still
	 * joining or in the call stays a failure, retried by the outbox with the next fresh key.
	 */
	@Override
	public void stopBot(String botId, String order, String idempotencyKey, int attempt) {
		String bot = "/api/v1/bot/" + java.net.URLEncoder.encode(botId, StandardCharsets.UTF_8) + "/";
		String key = retryKey(idempotencyKey, attempt);
		try {
			post(bot + "leave_call/", "{}", key);
		}
		catch (Failure refused) {
			if (refused.status() < 400 || refused.status() >= 500 || refused.botGone() || refused.status() == 429) {
				throw refused;
			}
			String state = lastStatus(send("GET", bot, null, null));
			if (state == null || state.equals("ready")) {
				send("DELETE", bot, null, null);
			}
			else if (!LEFT.contains(state)) {
				throw new Failure(refused.status(), "Recall.ai refused leave_call while the bot is " + state
						+ " (retried with a fresh idempotency key): " + refused.getMessage());
			}
		}
	}

	/**
	 * Recall.ai deletes a bot's media as a whole ({@code POST /api/v1/bot/{id}/delete_media/},
	 * irreversible; it has no per-participant deletion): a withdrawal after the call removes the
	 * recording of the whole call, the strictest way to remove that participant's part (PRODUCT X2).
	 * Every retry carries a fresh key derived from the request's, as the STOP's do: Recall.ai would
	 * answer a reused key with the cached 429 or 5xx of the attempt before.
	 */
	@Override
	public void deleteParticipant(String botId, String order, String idempotencyKey, int attempt) {
		post("/api/v1/bot/" + java.net.URLEncoder.encode(botId, StandardCharsets.UTF_8) + "/delete_media/", "{}",
				retryKey(idempotencyKey, attempt));
	}

	/** The key of attempt {@code attempt} (0 the first): the command's own, then a fresh one per retry. */
	static String retryKey(String idempotencyKey, int attempt) {
		return attempt == 0 ? idempotencyKey : idempotencyKey + "-retry-" + attempt;
	}

	/** The code of the last entry of a Retrieve Bot answer's {@code status_changes}, null when it has none. */
	static @Nullable String lastStatus(String bot) {
		JsonNode changes = JSON.readTree(bot).get("status_changes");
		if (changes == null || !changes.isArray() || changes.isEmpty()) {
			return null;
		}
		JsonNode code = changes.get(changes.size() - 1).get("code");
		return code == null || code.isNull() ? null : code.asString();
	}

	private static @Nullable String mp3(String promptId) {
		ClassPathResource mp3 = new ClassPathResource("audio-prompts/" + promptId + ".mp3");
		if (!mp3.exists()) {
			return null;
		}
		try (InputStream in = mp3.getInputStream()) {
			return Base64.getEncoder().encodeToString(in.readAllBytes());
		}
		catch (IOException ex) {
			return null;
		}
	}

	private String post(String path, String body, String idempotencyKey) {
		return send("POST", path, body, idempotencyKey);
	}

	/** One request; {@code idempotencyKey} null for the methods Recall.ai keeps no idempotency for (GET, DELETE). */
	private String send(String method, String path, @Nullable String body, @Nullable String idempotencyKey) {
		try {
			return http.method(org.springframework.http.HttpMethod.valueOf(method))
				.uri(base + path)
				.contentType(MediaType.APPLICATION_JSON)
				.accept(MediaType.APPLICATION_JSON)
				.headers(h -> {
					if (idempotencyKey != null) {
						h.set("Idempotency-Key", idempotencyKey);
					}
					if (apiKey != null && !apiKey.isBlank()) {
						h.set(HttpHeaders.AUTHORIZATION, "Token " + apiKey);
					}
				})
				.body(body == null ? new byte[0] : body.getBytes(StandardCharsets.UTF_8))
				.exchange((req, res) -> {
					String text = new String(res.getBody().readAllBytes(), StandardCharsets.UTF_8);
					if (!res.getStatusCode().is2xxSuccessful()) {
						throw new Failure(res.getStatusCode().value(),
								"Recall.ai answered " + res.getStatusCode().value() + " " + RecorderHttp.abbreviate(text),
								res.getHeaders().getFirst(HttpHeaders.RETRY_AFTER));
					}
					return text;
				});
		}
		catch (Failure ex) {
			throw ex;
		}
		catch (RuntimeException ex) {
			throw new Failure("Recall.ai unreachable", RecorderHttp.rootOf(ex));
		}
	}

}
