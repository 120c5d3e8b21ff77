package dev.assent.recording.recorderapi;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;

import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import dev.assent.recording.spi.RecorderClient;
import dev.assent.recording.spi.RecorderHttp;
import dev.assent.recording.spi.RecorderSignatures;

/**
 * The Recorder API of API.md: {@code POST /bots} → {@code 201 {botId}}, {@code POST
 * /bots/{botId}/stop}. Every command carries {@code Idempotency-Key} and is signed like the
 * webhooks ({@code X-Assent-Signature}), so the recorder can tell it comes from Assent.
 * <p>
 * A command is sent with the JDK {@code HttpClient}'s blocking {@code send} on the calling thread
 * (a sender thread of the outbox). Not through Spring's request factory for that client: it always
 * sends asynchronously, which on a 2-core machine (a common pool of one thread) started two new
 * threads per command — one for the body, one for the JDK's completion stage — about a quarter of
 * Assent's CPU per opt-out in the opt-out benchmark (issue 7).
 * <p>
 * The adapter of an external recorder ({@code ASSENT_RECORDER_URL}, kind {@code ASSENT}); the
 * simulated recorder's adapter uses it too, pointed at {@code /simulator/recorder}.
 */
public class AssentRecorderClient implements RecorderClient {

	private static final JsonMapper JSON = JsonMapper.builder().build();

	private final HttpClient http;

	private final Duration readTimeout;

	private final String base;

	private final String secret;

	private final @Nullable String apiKey;

	public AssentRecorderClient(HttpClient http, Duration readTimeout, String base, String secret, @Nullable String apiKey) {
		this.http = http;
		this.readTimeout = readTimeout;
		this.base = base;
		this.secret = secret;
		this.apiKey = apiKey == null || apiKey.isBlank() ? null : apiKey;
	}

	@Override
	public String createBot(String order, String idempotencyKey) {
		String body = post("/bots", order, idempotencyKey);
		JsonNode bot = JSON.readTree(body);
		JsonNode id = bot.get("botId");
		if (id == null || !id.isString() || id.asString().isBlank()) {
			throw new Failure(502, "the recorder answered without a botId: " + RecorderHttp.abbreviate(body));
		}
		return id.asString();
	}

	@Override
	public void stopBot(String botId, String order, String idempotencyKey, int attempt) {
		post("/bots/" + java.net.URLEncoder.encode(botId, StandardCharsets.UTF_8) + "/stop", order, idempotencyKey);
	}

	@Override
	public void deleteParticipant(String botId, String order, String idempotencyKey, int attempt) {
		post("/bots/" + java.net.URLEncoder.encode(botId, StandardCharsets.UTF_8) + "/deletions", order, idempotencyKey);
	}

	@Override
	public void refusePurposes(String botId, String order, String idempotencyKey, int attempt) {
		post("/bots/" + java.net.URLEncoder.encode(botId, StandardCharsets.UTF_8) + "/purposes", order, idempotencyKey);
	}

	private String post(String path, String body, String idempotencyKey) {
		byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
		HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(base + path))
			.timeout(readTimeout)
			.header("Content-Type", "application/json")
			.header("Accept", "application/json")
			.header("Idempotency-Key", idempotencyKey)
			.header(RecorderSignatures.HEADER, RecorderSignatures.assent(secret, bytes))
			.POST(HttpRequest.BodyPublishers.ofByteArray(bytes));
		if (apiKey != null) {
			request.header("Authorization", "Bearer " + apiKey);
		}
		HttpResponse<String> res;
		try {
			res = http.send(request.build(), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new Failure("interrupted while sending to the recorder", ex);
		}
		catch (IOException | RuntimeException ex) {
			throw new Failure("recorder unreachable", RecorderHttp.rootOf(ex));
		}
		if (res.statusCode() < 200 || res.statusCode() > 299) {
			throw new Failure(res.statusCode(), "recorder answered " + res.statusCode() + " " + RecorderHttp.abbreviate(res.body()));
		}
		return res.body();
	}

}
