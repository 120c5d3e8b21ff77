package dev.assent.shared;

import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.Properties;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.FieldSource;

import org.springframework.core.io.ClassPathResource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every language participants can read says everything the English page says, with the same
 * placeholders (PRODUCT C8). The languages are the bundles themselves ({@link Languages}).
 */
class MessagesCompletenessTests {

	/** PRODUCT C8's reference set. */
	private static final Set<String> C8 = Set.of("en", "ar", "es", "pt", "de", "fr", "it", "ja", "zh", "id", "no", "sv",
			"da", "is");

	private static final Pattern ARGUMENT = Pattern.compile("\\{(\\d+)[^}]*}");

	static final java.util.List<String> ALL = Languages.SUPPORTED;

	static final java.util.List<String> TRANSLATIONS = Languages.SUPPORTED.stream().filter(l -> !l.equals("en")).toList();

	/**
	 * A key written twice in one bundle (two branches merged, both appending) silently keeps only
	 * the last text: another wording, or another register, than the one reviewed.
	 */
	@Test
	void noBundleHasAKeyTwice() throws IOException {
		var resolver = new org.springframework.core.io.support.PathMatchingResourcePatternResolver();
		java.util.List<String> duplicates = new java.util.ArrayList<>();
		int bundles = 0;
		for (var r : resolver.getResources("classpath*:**/*.properties")) {
			String path = r.getURL().getPath();
			if (!path.contains("/classes/") || path.contains("/test-classes/")) {
				continue; // the application's own bundles only, not those of libraries or tests
			}
			bundles++;
			Set<String> seen = new java.util.HashSet<>();
			Properties keys = new Properties() {
				@Override
				public synchronized Object put(Object key, Object value) {
					if (!seen.add((String) key)) {
						duplicates.add(path.substring(path.indexOf("/classes/") + 9) + ": " + key);
					}
					return super.put(key, value);
				}
			};
			try (var in = new InputStreamReader(r.getInputStream(), StandardCharsets.UTF_8)) {
				keys.load(in);
			}
		}
		assertThat(bundles).isGreaterThanOrEqualTo(30);
		assertThat(duplicates).isEmpty();
	}

	@Test
	void supportedLanguagesAreTheBundlesOfTheReferenceSet() {
		assertThat(Languages.SUPPORTED).first().isEqualTo("en");
		assertThat(Languages.SUPPORTED).containsExactlyInAnyOrderElementsOf(C8);
	}

	@ParameterizedTest
	@FieldSource("TRANSLATIONS")
	void everyTranslationHasEveryKeyAndNoOther(String language) throws IOException {
		Properties english = load("messages.properties");
		Properties translated = load("messages_" + language + ".properties");

		assertThat(translated.stringPropertyNames()).as("keys of messages_%s", language)
			.containsExactlyInAnyOrderElementsOf(english.stringPropertyNames());
	}

	@ParameterizedTest
	@FieldSource("TRANSLATIONS")
	void everyTranslationUsesTheSamePlaceholdersAndIsTranslated(String language) throws IOException {
		Properties english = load("messages.properties");
		Properties translated = load("messages_" + language + ".properties");

		for (String key : english.stringPropertyNames()) {
			String text = translated.getProperty(key, "");
			assertThat(text).as("%s in %s", key, language).isNotBlank();
			assertThat(arguments(text)).as("placeholders of %s in %s", key, language)
				.isEqualTo(arguments(english.getProperty(key)));
			if (english.getProperty(key).length() > 24) {
				assertThat(text).as("%s in %s is still English", key, language).isNotEqualTo(english.getProperty(key));
			}
		}
	}

	/**
	 * A text with arguments goes through MessageFormat, where an apostrophe is written {@code ''};
	 * a text without them is shown as written. A wrong apostrophe would show doubled, or eat text.
	 */
	@ParameterizedTest
	@FieldSource("ALL")
	void apostrophesAreWrittenForHowTheTextIsFormatted(String language) throws IOException {
		Properties bundle = load(language.equals("en") ? "messages.properties" : "messages_" + language + ".properties");
		for (String key : bundle.stringPropertyNames()) {
			String text = bundle.getProperty(key);
			if (arguments(text).isEmpty()) {
				assertThat(text).as("%s in %s has no arguments: write ' not ''", key, language).doesNotContain("''");
			}
			else {
				assertThat(text.replace("''", "")).as("%s in %s has arguments: write '' for an apostrophe", key, language)
					.doesNotContain("'");
			}
		}
	}

	private static Set<String> arguments(String text) {
		Set<String> found = new TreeSet<>();
		Matcher m = ARGUMENT.matcher(text);
		while (m.find()) {
			found.add(m.group(1));
		}
		return found;
	}

	static Properties load(String file) throws IOException {
		Properties p = new Properties();
		try (var in = new InputStreamReader(new ClassPathResource(file).getInputStream(), StandardCharsets.UTF_8)) {
			p.load(in);
		}
		return p;
	}

}
