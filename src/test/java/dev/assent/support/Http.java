package dev.assent.support;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * A small HTTP client for black-box tests: JSON with bearer tokens, and browser-like form posts
 * with a cookie jar. Redirects are not followed so tests can see them.
 */
public class Http {

	private static final JsonMapper JSON = JsonMapper.builder().build();

	private final String base;

	private final HttpClient client;

	private final Map<String, String> cookies = new java.util.concurrent.ConcurrentHashMap<>();

	public Http(int port) {
		this.base = "http://localhost:" + port;
		this.client = HttpClient.newBuilder()
			.followRedirects(HttpClient.Redirect.NEVER)
			.connectTimeout(Duration.ofSeconds(5))
			.build();
	}

	/** A new client signed in to the admin UI (form sign-in with its CSRF token), its session in the cookie jar. */
	public static Http signedIn(int port, String email, String password) {
		Http http = new Http(port);
		Map<String, String> form = new java.util.LinkedHashMap<>(hiddenFields(http.get("/login").body()));
		form.put("username", email);
		form.put("password", password);
		Response r = http.form("/login", form);
		if (r.status() != 302 || String.valueOf(r.header("Location")).contains("error")) {
			throw new IllegalStateException("could not sign in as " + email + ": " + r.status() + " " + r.header("Location"));
		}
		return http;
	}

	/** Forgets every cookie, like a new private window. */
	public void clearCookies() {
		cookies.clear();
	}

	public String base() {
		return base;
	}

	public record Response(int status, Map<String, List<String>> headers, String body) {

		public JsonNode json() {
			return JSON.readTree(body);
		}

		public String header(String name) {
			return headers.entrySet()
				.stream()
				.filter(e -> e.getKey().equalsIgnoreCase(name))
				.map(e -> e.getValue().get(0))
				.findFirst()
				.orElse(null);
		}

	}

	public Response get(String path) {
		return send(HttpRequest.newBuilder(uri(path)).GET());
	}

	public Response get(String path, String token) {
		return send(HttpRequest.newBuilder(uri(path)).header("Authorization", "Bearer " + token).GET());
	}

	public Response getWith(String path, String... headers) {
		return send(HttpRequest.newBuilder(uri(path)).headers(headers).GET());
	}

	public Response json(String method, String path, String token, Object body) {
		String text = body instanceof String s ? s : JSON.writeValueAsString(body);
		return send(HttpRequest.newBuilder(uri(path))
			.header("Authorization", "Bearer " + token)
			.header("Content-Type", "application/json")
			.header("Accept", "application/json")
			.method(method, HttpRequest.BodyPublishers.ofString(text)));
	}

	public Response bytes(String method, String path, String token, String contentType, byte[] body) {
		return send(HttpRequest.newBuilder(uri(path))
			.header("Authorization", "Bearer " + token)
			.header("Content-Type", contentType)
			.method(method, HttpRequest.BodyPublishers.ofByteArray(body)));
	}

	/** Sends a body of any content type, e.g. {@code text/calendar}. */
	public Response send(String method, String path, String token, String contentType, String body) {
		return send(HttpRequest.newBuilder(uri(path))
			.header("Authorization", "Bearer " + token)
			.header("Content-Type", contentType)
			.header("Accept", "application/json")
			.method(method, HttpRequest.BodyPublishers.ofString(body)));
	}

	/** A POST with a raw body and the given headers (name, value, name, value, …). */
	public Response post(String path, String contentType, String body, String... headers) {
		HttpRequest.Builder request = HttpRequest.newBuilder(uri(path))
			.header("Content-Type", contentType)
			.POST(HttpRequest.BodyPublishers.ofString(body));
		if (headers.length > 0) {
			request.headers(headers);
		}
		return send(request);
	}

	public Response delete(String path, String token) {
		return send(HttpRequest.newBuilder(uri(path)).header("Authorization", "Bearer " + token).DELETE());
	}

	public Response form(String path, Map<String, String> fields) {
		String body = fields.entrySet()
			.stream()
			.map(e -> enc(e.getKey()) + "=" + enc(e.getValue()))
			.collect(Collectors.joining("&"));
		return send(HttpRequest.newBuilder(uri(path))
			.header("Content-Type", "application/x-www-form-urlencoded")
			.POST(HttpRequest.BodyPublishers.ofString(body)));
	}

	/** A form POST with extra headers (name, value, name, value, …). */
	public Response formWith(String path, Map<String, String> fields, String... headers) {
		String body = fields.entrySet()
			.stream()
			.map(e -> enc(e.getKey()) + "=" + enc(e.getValue()))
			.collect(Collectors.joining("&"));
		HttpRequest.Builder request = HttpRequest.newBuilder(uri(path))
			.header("Content-Type", "application/x-www-form-urlencoded")
			.POST(HttpRequest.BodyPublishers.ofString(body));
		if (headers.length > 0) {
			request.headers(headers);
		}
		return send(request);
	}

	/** The hidden inputs of the first form on an HTML page. */
	public static Map<String, String> hiddenFields(String html) {
		Map<String, String> fields = new LinkedHashMap<>();
		Matcher m = Pattern.compile("<input type=\"hidden\" name=\"([^\"]+)\" value=\"([^\"]*)\"").matcher(html);
		while (m.find()) {
			fields.put(m.group(1), m.group(2));
		}
		return fields;
	}

	private static String enc(String s) {
		return java.net.URLEncoder.encode(s, java.nio.charset.StandardCharsets.UTF_8);
	}

	private URI uri(String path) {
		return URI.create(path.startsWith("http") ? path : base + path);
	}

	private Response send(HttpRequest.Builder request) {
		try {
			if (!cookies.isEmpty()) {
				request.header("Cookie", cookies.entrySet()
					.stream()
					.map(e -> e.getKey() + "=" + e.getValue())
					.collect(Collectors.joining("; ")));
			}
			HttpResponse<String> r = client.send(request.timeout(Duration.ofSeconds(20)).build(),
					HttpResponse.BodyHandlers.ofString());
			for (String setCookie : r.headers().allValues("Set-Cookie")) {
				String pair = setCookie.split(";", 2)[0];
				int eq = pair.indexOf('=');
				if (eq > 0) {
					cookies.put(pair.substring(0, eq).strip(), pair.substring(eq + 1).strip());
				}
			}
			return new Response(r.statusCode(), r.headers().map(), r.body());
		}
		catch (IOException ex) {
			throw new java.io.UncheckedIOException(ex);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException(ex);
		}
	}

}
