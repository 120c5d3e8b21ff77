package dev.assent.recording;

import java.net.http.HttpClient;
import java.time.Duration;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.core.env.Environment;
import org.springframework.http.client.JdkClientHttpRequestFactory;
import org.springframework.stereotype.Component;
import org.springframework.web.client.RestClient;

import dev.assent.shared.PlatformSettings;
import dev.assent.shared.Tokens;

/**
 * Where the recorder is and how it is reached: the configured recorder, or the simulated one at
 * {@code {base-url}/simulator/recorder}; the shared secret (configured, or generated once and kept
 * in the database so every node shares it); Assent's own base URL for links the recorder follows.
 */
@Component
class Recorder {

	private static final Logger log = LoggerFactory.getLogger(Recorder.class);

	private final RecorderSettings settings;

	private final Environment environment;

	private final String configuredBaseUrl;

	private final String secret;

	private final RestClient http;

	/** Commands of the Recorder API (the simulated recorder's too): sent blocking, see {@link AssentRecorderClient}. */
	private final HttpClient commands;

	private volatile RecorderClient client;

	Recorder(RecorderSettings settings, PlatformSettings platform, Environment environment,
			@Value("${assent.base-url:}") String configuredBaseUrl) {
		this.settings = settings;
		this.environment = environment;
		this.configuredBaseUrl = configuredBaseUrl;
		this.secret = settings.secret() != null && !settings.secret().isBlank() ? settings.secret()
				: platform.getOrCreate("recorder-secret", () -> Tokens.random(32));
		this.http = restClient(settings.connectTimeout(), settings.readTimeout());
		this.commands = httpClient(settings.connectTimeout());
		if (settings.simulated()) {
			log.info("No ASSENT_RECORDER_URL: commands go to the simulated recorder at /simulator/recorder");
		}
		else {
			log.info("Recorder ({}) at {}", settings.kind(), settings.url());
			if (settings.secret() == null || settings.secret().isBlank()) {
				log.warn("ASSENT_RECORDER_URL is set without ASSENT_RECORDER_SECRET: the recorder cannot sign webhooks "
						+ "with the secret Assent generated; /webhooks/recorder will refuse them");
			}
			if (settings.kind() == RecorderSettings.Kind.RECALL
					&& (settings.webhookSecret() == null || settings.webhookSecret().isBlank())) {
				log.warn("Recall.ai without ASSENT_RECORDER_WEBHOOK_SECRET (whsec_…): /webhooks/recall refuses every event");
			}
		}
	}

	/** A RestClient over the JDK HttpClient (HTTP/1.1) with short timeouts. */
	static RestClient restClient(Duration connect, Duration read) {
		JdkClientHttpRequestFactory factory = new JdkClientHttpRequestFactory(httpClient(connect));
		factory.setReadTimeout(read);
		return RestClient.builder().requestFactory(factory).build();
	}

	/** The JDK HttpClient (HTTP/1.1, no redirects) with a short connect timeout. */
	static HttpClient httpClient(Duration connect) {
		return HttpClient.newBuilder()
			.version(HttpClient.Version.HTTP_1_1)
			.connectTimeout(connect)
			.followRedirects(HttpClient.Redirect.NEVER)
			.build();
	}

	String secret() {
		return secret;
	}

	boolean simulated() {
		return settings.simulated();
	}

	/**
	 * Assent's base URL: {@code assent.base-url} ({@code ASSENT_BASE_URL}); without it, or while it
	 * names port 0 (a random test port), {@code http://localhost:<the port the server listens on>}.
	 */
	String baseUrl() {
		String base = configuredBaseUrl.strip();
		if (base.isEmpty() || base.endsWith(":0")) {
			base = "http://localhost:" + environment.getProperty("local.server.port",
					environment.getProperty("server.port", "8080"));
		}
		return base.endsWith("/") ? base.substring(0, base.length() - 1) : base;
	}

	RecorderClient client() {
		RecorderClient c = client;
		if (c == null && settings.simulated() && environment.getProperty("local.server.port") == null) {
			// Commands sent while the web server is still starting (the demo seed schedules calls):
			// don't remember a base URL that may not name the port the server will listen on.
			return new AssentRecorderClient(commands, settings.readTimeout(), baseUrl() + "/simulator/recorder", secret,
					settings.apiKey());
		}
		if (c == null) {
			synchronized (this) {
				if (client == null) {
					client = settings.kind() == RecorderSettings.Kind.RECALL
							? new RecallRecorderClient(http, required(settings.url()), settings.apiKey(), settings.botName())
							: new AssentRecorderClient(commands, settings.readTimeout(),
									settings.simulated() ? baseUrl() + "/simulator/recorder" : required(settings.url()),
									secret, settings.apiKey());
				}
				c = client;
			}
		}
		return c;
	}

	private static String required(@org.jspecify.annotations.Nullable String url) {
		String u = url == null ? "" : url.strip();
		return u.endsWith("/") ? u.substring(0, u.length() - 1) : u;
	}

}
