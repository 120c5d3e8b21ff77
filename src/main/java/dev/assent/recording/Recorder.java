package dev.assent.recording;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.core.env.Environment;
import org.springframework.stereotype.Component;

import dev.assent.recording.spi.RecorderClient;
import dev.assent.recording.spi.RecorderContext;
import dev.assent.recording.spi.RecorderSettings;
import dev.assent.shared.BaseUrl;
import dev.assent.shared.PlatformSettings;
import dev.assent.shared.Tokens;

/**
 * The recorder as the recording module sees it: the one {@link RecorderClient} adapter the
 * configuration chose (Assent's Recorder API, Recall.ai or the simulated recorder, each in its
 * own nested module), the shared secret (configured, or generated once and kept in the database so
 * every node shares it) and Assent's own base URL for links the recorder follows.
 */
@Component
class Recorder implements RecorderContext {

	private static final Logger log = LoggerFactory.getLogger(Recorder.class);

	private final RecorderSettings settings;

	private final Environment environment;

	private final BaseUrl baseUrl;

	private final String secret;

	private final ObjectProvider<RecorderClient> adapters;

	private volatile RecorderClient client;

	Recorder(RecorderSettings settings, PlatformSettings platform, Environment environment, BaseUrl baseUrl,
			ObjectProvider<RecorderClient> adapters) {
		this.settings = settings;
		this.environment = environment;
		this.baseUrl = baseUrl;
		this.adapters = adapters;
		this.secret = settings.secret() != null && !settings.secret().isBlank() ? settings.secret()
				: platform.getOrCreate("recorder-secret", () -> Tokens.random(32));
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

	@Override
	public String secret() {
		return secret;
	}

	boolean simulated() {
		return settings.simulated();
	}

	/** Where commands go: the configured recorder, or the simulated one under Assent's own base URL. */
	String url() {
		return simulated() ? baseUrl() + "/simulator/recorder" : settings.recorderUrl();
	}

	/** Assent's base URL ({@link BaseUrl}). */
	@Override
	public String baseUrl() {
		return baseUrl.get();
	}

	@Override
	public boolean serverStarted() {
		return environment.getProperty("local.server.port") != null;
	}

	/** The configured recorder adapter (exactly one is a bean, see {@link RecorderSettings}). */
	RecorderClient client() {
		RecorderClient c = client;
		if (c == null) {
			c = adapters.getObject();
			client = c;
		}
		return c;
	}

}
