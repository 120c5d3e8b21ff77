package dev.assent.recording.recorderapi;

import org.springframework.boot.autoconfigure.condition.ConditionalOnExpression;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import dev.assent.recording.spi.RecorderClient;
import dev.assent.recording.spi.RecorderContext;
import dev.assent.recording.spi.RecorderHttp;
import dev.assent.recording.spi.RecorderSettings;

/** The Recorder API adapter, chosen when a recorder URL is configured and its kind is not Recall.ai. */
@Configuration(proxyBeanMethods = false)
@ConditionalOnExpression("!'${assent.recorder.url:}'.isBlank() and !'${assent.recorder.kind:ASSENT}'.trim().equalsIgnoreCase('RECALL')")
class RecorderApiConfiguration {

	@Bean
	RecorderClient recorderApiClient(RecorderSettings settings, RecorderContext context) {
		return new AssentRecorderClient(
				RecorderHttp.blockingClient(settings.connectTimeout(), settings.readTimeout()),
				settings.recorderUrl(), context.secret(), settings.apiKey());
	}

}
