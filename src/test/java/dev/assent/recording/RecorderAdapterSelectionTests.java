package dev.assent.recording;

import java.time.Clock;

import org.junit.jupiter.api.Test;

import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.test.context.assertj.AssertableApplicationContext;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import dev.assent.recording.spi.RecorderClient;
import dev.assent.recording.spi.RecorderContext;
import dev.assent.recording.spi.RecorderEvents;
import dev.assent.recording.spi.RecorderSettings;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The recorder adapter is chosen by configuration alone (PRODUCT D3; docs/adr/0008): the adapters'
 * configurations are all registered, and {@code assent.recorder.url} / {@code kind} leave exactly
 * one {@link RecorderClient} — the core never picks one with if/else.
 */
class RecorderAdapterSelectionTests {

	private final ApplicationContextRunner runner = new ApplicationContextRunner().withUserConfiguration(Core.class,
			type("recorderapi.RecorderApiConfiguration"), type("recall.RecallConfiguration"),
			type("recall.RecallWebhookController"), type("simulator.SimulatedRecorderConfiguration"));

	@Test
	void withoutARecorderUrlCommandsGoToTheSimulatedRecorder() {
		runner.run(ctx -> {
			assertThat(adapter(ctx)).isEqualTo("SimulatorClient");
			assertThat(recallWebhooks(ctx)).isZero();
		});
	}

	@Test
	void aRecorderUrlChoosesAssentsRecorderApi() {
		runner.withPropertyValues("assent.recorder.url=https://recorder.example/").run(ctx -> {
			assertThat(adapter(ctx)).isEqualTo("AssentRecorderClient");
			assertThat(recallWebhooks(ctx)).isZero();
		});
		runner.withPropertyValues("assent.recorder.url=https://recorder.example", "assent.recorder.kind=ASSENT")
			.run(ctx -> assertThat(adapter(ctx)).isEqualTo("AssentRecorderClient"));
	}

	@Test
	void kindRecallWithAUrlChoosesRecallAndItsWebhookEndpoint() {
		for (String kind : new String[] { "RECALL", "recall" }) {
			runner.withPropertyValues("assent.recorder.url=https://us-east-1.recall.ai", "assent.recorder.kind=" + kind)
				.run(ctx -> {
					assertThat(adapter(ctx)).isEqualTo("RecallRecorderClient");
					assertThat(recallWebhooks(ctx)).isEqualTo(1);
				});
		}
	}

	private static String adapter(AssertableApplicationContext ctx) {
		assertThat(ctx).hasNotFailed().hasSingleBean(RecorderClient.class);
		return ctx.getBean(RecorderClient.class).getClass().getSimpleName();
	}

	private static int recallWebhooks(AssertableApplicationContext ctx) {
		return ctx.getBeanNamesForType(type("recall.RecallWebhookController")).length;
	}

	/** Adapters are package-private in their nested modules: named, not imported. */
	private static Class<?> type(String name) {
		try {
			return Class.forName("dev.assent.recording." + name);
		}
		catch (ClassNotFoundException ex) {
			throw new IllegalStateException(ex);
		}
	}

	@Configuration(proxyBeanMethods = false)
	@EnableConfigurationProperties(RecorderSettings.class)
	static class Core {

		@Bean
		RecorderContext recorderContext() {
			return new RecorderContext() {

				@Override
				public String secret() {
					return "secret";
				}

				@Override
				public String baseUrl() {
					return "http://localhost:8080";
				}

				@Override
				public boolean serverStarted() {
					return true;
				}

			};
		}

		@Bean
		RecorderEvents recorderEvents() {
			return (source, event) -> RecorderEvents.Outcome.PROCESSED;
		}

		@Bean
		Clock clock() {
			return Clock.systemUTC();
		}

	}

}
