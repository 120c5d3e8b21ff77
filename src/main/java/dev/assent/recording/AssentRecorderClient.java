package dev.assent.recording;

import java.nio.charset.StandardCharsets;

import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.web.client.RestClient;

/**
 * The Recorder API of API.md: {@code POST /bots} → {@code 201 {botId}}, {@code POST
 * /bots/{botId}/stop}. Every command carries {@code Idempotency-Key} and is signed like the
 * webhooks ({@code X-Assent-Signature}), so the recorder can tell it comes from Assent.
 */
class AssentRecorderClient implements RecorderClient {

	private static final JsonMapper JSON = JsonMapper.builder().build();

	private final RestClient http;

	private final String base;

	private final String secret;

	private final @Nullable String apiKey;

	AssentRecorderClient(RestClient http, String base, String secret, @Nullable String apiKey) {
		this.http = http;
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
			throw new Failure(502, "the recorder answered without a botId: " + abbreviate(body));
		}
		return id.asString();
	}

	@Override
	public void stopBot(String botId, String order, String idempotencyKey) {
		post("/bots/" + java.net.URLEncoder.encode(botId, StandardCharsets.UTF_8) + "/stop", order, idempotencyKey);
	}

	@Override
	public void deleteParticipant(String botId, String order, String idempotencyKey) {
		post("/bots/" + java.net.URLEncoder.encode(botId, StandardCharsets.UTF_8) + "/deletions", order, idempotencyKey);
	}

	private String post(String path, String body, String idempotencyKey) {
		byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
		try {
			return http.post()
				.uri(base + path)
				.contentType(MediaType.APPLICATION_JSON)
				.accept(MediaType.APPLICATION_JSON)
				.header("Idempotency-Key", idempotencyKey)
				.header(Signatures.HEADER, Signatures.assent(secret, bytes))
				.headers(h -> {
					if (apiKey != null) {
						h.set(HttpHeaders.AUTHORIZATION, "Bearer " + apiKey);
					}
				})
				.body(bytes)
				.exchange((req, res) -> {
					String text = new String(res.getBody().readAllBytes(), StandardCharsets.UTF_8);
					if (!res.getStatusCode().is2xxSuccessful()) {
						throw new Failure(res.getStatusCode().value(),
								"recorder answered " + res.getStatusCode().value() + " " + abbreviate(text));
					}
					return text;
				});
		}
		catch (Failure ex) {
			throw ex;
		}
		catch (RuntimeException ex) {
			throw new Failure("recorder unreachable", rootOf(ex));
		}
	}

	static Throwable rootOf(Throwable t) {
		Throwable root = t;
		while (root.getCause() != null && root.getCause() != root) {
			root = root.getCause();
		}
		return root;
	}

	static String abbreviate(String text) {
		String t = text.replaceAll("\\s+", " ").strip();
		return t.length() > 200 ? t.substring(0, 200) + "…" : t;
	}

}
