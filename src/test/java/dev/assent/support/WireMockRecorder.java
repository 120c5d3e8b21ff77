package dev.assent.support;

import java.nio.charset.StandardCharsets;
import java.security.InvalidKeyException;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.core.WireMockConfiguration;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;

import org.springframework.context.ApplicationContextInitializer;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.core.env.MapPropertySource;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.anyRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathMatching;

/**
 * A recorder speaking the Recorder API of API.md, served by WireMock for the whole test run:
 * {@code POST /bots} answers {@code 201 {"botId": "bot-<callId>"}}, {@code POST /bots/{id}/stop}
 * answers 200. Tests add stubs of their own for their bots' URLs.
 */
public final class WireMockRecorder {

	public static final String SECRET = "test-recorder-secret-0123456789abcdef";

	private static WireMockServer server;

	private WireMockRecorder() {
	}

	public static synchronized WireMockServer server() {
		if (server == null) {
			server = new WireMockServer(WireMockConfiguration.options().dynamicPort().globalTemplating(true));
			server.start();
			server.stubFor(post(urlEqualTo("/bots")).atPriority(10)
				.willReturn(aResponse().withStatus(201)
					.withHeader("Content-Type", "application/json")
					.withBody("{\"botId\":\"bot-{{jsonPath request.body '$.callId'}}\"}")));
			server.stubFor(post(urlPathMatching("/bots/[^/]+/stop")).atPriority(10)
				.willReturn(aResponse().withStatus(200).withHeader("Content-Type", "application/json").withBody("{}")));
			Runtime.getRuntime().addShutdownHook(new Thread(server::stop));
		}
		return server;
	}

	public static String url() {
		return "http://localhost:" + server().port();
	}

	/** The bot id the default stub gives the call. */
	public static String botOf(String callId) {
		return "bot-" + callId;
	}

	/** Requests the recorder received to stop the bot. */
	public static List<LoggedRequest> stopsOf(String botId) {
		return server().findAll(anyRequestedFor(urlEqualTo("/bots/" + botId + "/stop")));
	}

	/** Requests the recorder received to create a bot for the call. */
	public static List<LoggedRequest> createsFor(String callId) {
		return server().findAll(anyRequestedFor(urlEqualTo("/bots")))
			.stream()
			.filter(r -> r.getBodyAsString().contains(callId))
			.toList();
	}

	/** {@code sha256=<hex HMAC-SHA256>} of the body with the test secret. */
	public static String sign(String body) {
		try {
			Mac mac = Mac.getInstance("HmacSHA256");
			mac.init(new SecretKeySpec(SECRET.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
			return "sha256=" + HexFormat.of().formatHex(mac.doFinal(body.getBytes(StandardCharsets.UTF_8)));
		}
		catch (NoSuchAlgorithmException | InvalidKeyException ex) {
			throw new IllegalStateException(ex);
		}
	}

	/** Points the application at this recorder. */
	public static class Initializer implements ApplicationContextInitializer<ConfigurableApplicationContext> {

		@Override
		public void initialize(ConfigurableApplicationContext context) {
			context.getEnvironment()
				.getPropertySources()
				.addFirst(new MapPropertySource("wiremockRecorder",
						Map.of("assent.recorder.url", url(), "assent.recorder.secret", SECRET,
								"assent.recorder.redeliver-every", "2s")));
		}

	}

}
