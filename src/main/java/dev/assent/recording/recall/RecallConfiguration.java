package dev.assent.recording.recall;

import org.springframework.boot.autoconfigure.condition.ConditionalOnExpression;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import dev.assent.recording.spi.RecorderClient;
import dev.assent.recording.spi.RecorderHttp;
import dev.assent.recording.spi.RecorderSettings;

/** The Recall.ai adapter (and, with the same condition, {@link RecallWebhookController}), chosen by {@code assent.recorder.kind=RECALL} with a recorder URL. */
@Configuration(proxyBeanMethods = false)
@ConditionalOnExpression(RecallConfiguration.ACTIVE)
class RecallConfiguration {

	/** Recall.ai is the recorder: {@code assent.recorder.kind=RECALL} and a recorder URL. */
	static final String ACTIVE = "!'${assent.recorder.url:}'.isBlank() and '${assent.recorder.kind:ASSENT}'.trim().equalsIgnoreCase('RECALL')";

	@Bean
	RecorderClient recallRecorderClient(RecorderSettings settings) {
		return new RecallRecorderClient(RecorderHttp.restClient(settings.connectTimeout(), settings.readTimeout()),
				settings.recorderUrl(), settings.apiKey(), settings.botName());
	}

}
