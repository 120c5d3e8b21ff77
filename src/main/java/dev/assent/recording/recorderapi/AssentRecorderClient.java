package dev.assent.recording.recorderapi;

import java.io.IOException;
import java.nio.charset.StandardCharsets;

import org.apache.hc.client5.http.classic.methods.HttpPost;
import org.apache.hc.client5.http.impl.classic.CloseableHttpClient;
import org.apache.hc.core5.http.ContentType;
import org.apache.hc.core5.http.Header;
import org.apache.hc.core5.http.io.entity.ByteArrayEntity;
import org.apache.hc.core5.http.io.entity.EntityUtils;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;

import dev.assent.recording.spi.RecorderClient;
import dev.assent.recording.spi.RecorderHttp;
import dev.assent.recording.spi.RecorderSignatures;

import static dev.assent.recording.spi.RecorderHttp.JSON;

/**
 * The Recorder API of API.md: {@code POST /bots} → {@code 201 {botId}}, {@code POST
 * /bots/{botId}/stop}. Every command carries {@code Idempotency-Key} and is signed like the
 * webhooks ({@code X-Assent-Signature}), so the recorder can tell it comes from Assent.
 * <p>
 * A command is sent on the calling thread (a sender thread of the outbox) with a blocking client over
 * pooled keep-alive connections ({@link RecorderHttp#blockingClient}). The JDK {@code HttpClient} it
 * replaced handed every exchange to its selector thread and back, and Spring's request factory for that
 * client even started two threads per command (issue 7).
 * <p>
 * The adapter of an external recorder ({@code ASSENT_RECORDER_URL}, kind {@code ASSENT}); the
 * simulated recorder's adapter uses it too, pointed at {@code /simulator/recorder}.
 */
public class AssentRecorderClient implements RecorderClient, AutoCloseable {

	private final CloseableHttpClient http;

	private final String base;

	private final String secret;

	private final @Nullable String apiKey;

	/** {@code http}: see {@link RecorderHttp#blockingClient}; closed with this client. */
	public AssentRecorderClient(CloseableHttpClient http, String base, String secret, @Nullable String apiKey) {
		this.http = http;
		this.base = base;
		this.secret = secret;
		this.apiKey = apiKey == null || apiKey.isBlank() ? null : apiKey;
	}

	/** Closes the connections (at shutdown). */
	@Override
	public void close() throws IOException {
		http.close();
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

	private record Answer(int status, String body, @Nullable String retryAfter) {
	}

	private String post(String path, String body, String idempotencyKey) {
		byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
		HttpPost request = new HttpPost(base + path);
		request.setEntity(new ByteArrayEntity(bytes, ContentType.APPLICATION_JSON));
		request.setHeader("Accept", "application/json");
		request.setHeader("Idempotency-Key", idempotencyKey);
		request.setHeader(RecorderSignatures.HEADER, RecorderSignatures.assent(secret, bytes));
		if (apiKey != null) {
			request.setHeader("Authorization", "Bearer " + apiKey);
		}
		Answer res;
		try {
			// The handler reads the whole answer, so the connection goes back to the pool.
			res = http.execute(request, response -> {
				Header retryAfter = response.getFirstHeader("Retry-After");
				return new Answer(response.getCode(),
						response.getEntity() == null ? "" : EntityUtils.toString(response.getEntity(), StandardCharsets.UTF_8),
						retryAfter == null ? null : retryAfter.getValue());
			});
		}
		catch (IOException | RuntimeException ex) {
			throw new Failure("recorder unreachable", RecorderHttp.rootOf(ex));
		}
		if (res.status() < 200 || res.status() > 299) {
			throw new Failure(res.status(), "recorder answered " + res.status() + " " + RecorderHttp.abbreviate(res.body()),
					res.retryAfter());
		}
		return res.body();
	}

}
