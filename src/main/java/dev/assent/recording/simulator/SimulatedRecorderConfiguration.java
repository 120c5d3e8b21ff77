package dev.assent.recording.simulator;

import org.apache.hc.client5.http.impl.classic.CloseableHttpClient;

import org.springframework.boot.autoconfigure.condition.ConditionalOnExpression;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import dev.assent.recording.recorderapi.AssentRecorderClient;
import dev.assent.recording.spi.RecorderClient;
import dev.assent.recording.spi.RecorderContext;
import dev.assent.recording.spi.RecorderHttp;
import dev.assent.recording.spi.RecorderSettings;

/**
 * The simulated recorder and its adapter, chosen when no recorder URL is configured: commands go,
 * as the Recorder API's, over HTTP to {@code {base-url}/simulator/recorder}.
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnExpression(SimulatedRecorderConfiguration.ACTIVE)
class SimulatedRecorderConfiguration {

	/** No recorder URL: the simulated recorder runs and takes the commands. */
	static final String ACTIVE = "'${assent.recorder.url:}'.isBlank()";

	@Bean
	RecorderClient simulatedRecorderClient(RecorderSettings settings, RecorderContext context) {
		return new SimulatorClient(
				RecorderHttp.blockingClient(settings.connectTimeout(), settings.readTimeout()),
				settings, context);
	}

	/**
	 * The Recorder API client pointed at the simulator. Commands sent while the web server is still
	 * starting (the demo seed schedules calls) use a client made for that one command: the base URL
	 * may not yet name the port the server will listen on, so it is not remembered.
	 */
	static final class SimulatorClient implements RecorderClient, AutoCloseable {

		private final CloseableHttpClient http;

		private final RecorderSettings settings;

		private final RecorderContext context;

		private volatile AssentRecorderClient started;

		SimulatorClient(CloseableHttpClient http, RecorderSettings settings, RecorderContext context) {
			this.http = http;
			this.settings = settings;
			this.context = context;
		}

		/** Closes the connections (at shutdown). */
		@Override
		public void close() throws java.io.IOException {
			http.close();
		}

		private RecorderClient client() {
			AssentRecorderClient c = started;
			if (c != null) {
				return c;
			}
			// Shares this client's connections (closed with it, not with the command's client).
			c = new AssentRecorderClient(http, context.baseUrl() + "/simulator/recorder",
					context.secret(), settings.apiKey());
			if (context.serverStarted()) {
				started = c;
			}
			return c;
		}

		@Override
		public String createBot(String order, String idempotencyKey) {
			return client().createBot(order, idempotencyKey);
		}

		@Override
		public void stopBot(String botId, String order, String idempotencyKey, int attempt) {
			client().stopBot(botId, order, idempotencyKey, attempt);
		}

		@Override
		public void deleteParticipant(String botId, String order, String idempotencyKey, int attempt) {
			client().deleteParticipant(botId, order, idempotencyKey, attempt);
		}

		@Override
		public void refusePurposes(String botId, String order, String idempotencyKey, int attempt) {
			client().refusePurposes(botId, order, idempotencyKey, attempt);
		}

	}

}
