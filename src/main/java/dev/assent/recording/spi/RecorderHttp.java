package dev.assent.recording.spi;

import java.net.URI;
import java.time.Duration;

import org.apache.hc.client5.http.config.ConnectionConfig;
import org.apache.hc.client5.http.config.RequestConfig;
import org.apache.hc.client5.http.impl.classic.CloseableHttpClient;
import org.apache.hc.client5.http.impl.classic.HttpClients;
import org.apache.hc.client5.http.impl.io.PoolingHttpClientConnectionManagerBuilder;
import org.apache.hc.core5.util.TimeValue;
import org.apache.hc.core5.util.Timeout;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.http.client.HttpComponentsClientHttpRequestFactory;
import org.springframework.web.client.RestClient;

/** HTTP helpers shared by the recorder adapters and the recording module's webhook endpoints. */
public final class RecorderHttp {

	/** Problem type of a webhook refused as a possible replay (its time too far from now). */
	public static final URI STALE = URI.create("https://assent.dev/problems/stale-event");

	/**
	 * The recorder's wire format (commands, webhooks, the simulated recorder's bots), read and written
	 * with Jackson's defaults: the same JSON whatever the application's own JSON settings are.
	 */
	public static final JsonMapper JSON = JsonMapper.builder().build();

	/** Connections kept to the recorder: more than the outbox's sender threads (16). */
	private static final int CONNECTIONS = 32;

	private RecorderHttp() {
	}

	/** A RestClient over {@link #blockingClient} (the Recall.ai adapter, the simulated recorder's webhooks). */
	public static RestClient restClient(Duration connect, Duration read) {
		return RestClient.builder()
			.requestFactory(new HttpComponentsClientHttpRequestFactory(blockingClient(connect, read)))
			.build();
	}

	/**
	 * A blocking HTTP/1.1 client for recorder commands: each request is written and read on the calling
	 * thread (an outbox sender) over a pooled keep-alive connection — no selector thread, no hand-over
	 * to another thread and back, which with the JDK {@code HttpClient} cost about 0.3 ms of CPU per
	 * command in the opt-out benchmark (issue 7). No redirects, no cookies, no retries of its own (the
	 * outbox retries, with the command's idempotency key); a connection idle for more than a second is
	 * checked before it is used again. {@code read} bounds each wait for the recorder's bytes.
	 * Close it with the adapter that owns it.
	 */
	public static CloseableHttpClient blockingClient(Duration connect, Duration read) {
		var pool = PoolingHttpClientConnectionManagerBuilder.create()
			.setMaxConnTotal(CONNECTIONS)
			.setMaxConnPerRoute(CONNECTIONS)
			.setDefaultConnectionConfig(ConnectionConfig.custom()
				.setConnectTimeout(Timeout.of(connect))
				.setValidateAfterInactivity(TimeValue.ofSeconds(1))
				.build())
			.build();
		return HttpClients.custom()
			.setConnectionManager(pool)
			.setDefaultRequestConfig(RequestConfig.custom()
				.setConnectionRequestTimeout(Timeout.of(connect))
				.setResponseTimeout(Timeout.of(read))
				.build())
			.disableAutomaticRetries()
			.disableRedirectHandling()
			.disableCookieManagement()
			.disableAuthCaching()
			.disableContentCompression()
			.build();
	}

	public static Throwable rootOf(Throwable t) {
		Throwable root = t;
		while (root.getCause() != null && root.getCause() != root) {
			root = root.getCause();
		}
		return root;
	}

	public static String abbreviate(String text) {
		String t = text.replaceAll("\\s+", " ").strip();
		return t.length() > 200 ? t.substring(0, 200) + "…" : t;
	}

	/** An RFC 9457 problem answer of a webhook or simulator endpoint. */
	public static ResponseEntity<ProblemDetail> problem(HttpStatus status, URI type, String title, String detail) {
		ProblemDetail pd = ProblemDetail.forStatusAndDetail(status, detail);
		pd.setType(type);
		pd.setTitle(title);
		return ResponseEntity.status(status).contentType(MediaType.APPLICATION_PROBLEM_JSON).body(pd);
	}

}
