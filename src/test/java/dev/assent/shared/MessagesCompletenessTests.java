package dev.assent.shared;

import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.Properties;
import java.util.Set;
import java.util.TreeSet;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import org.springframework.core.io.ClassPathResource;

import static org.assertj.core.api.Assertions.assertThat;

/** Every language the consent page offers says everything the English page says (PRODUCT C8). */
class MessagesCompletenessTests {

	@ParameterizedTest
	@ValueSource(strings = { "es", "de", "fr" })
	void everyTranslationHasEveryKey(String language) throws IOException {
		Set<String> english = keys("messages.properties");
		Set<String> translated = keys("messages_" + language + ".properties");

		assertThat(translated).containsExactlyInAnyOrderElementsOf(english);
	}

	private static Set<String> keys(String file) throws IOException {
		Properties p = new Properties();
		try (var in = new InputStreamReader(new ClassPathResource(file).getInputStream(), StandardCharsets.UTF_8)) {
			p.load(in);
		}
		return new TreeSet<>(p.stringPropertyNames());
	}

}
