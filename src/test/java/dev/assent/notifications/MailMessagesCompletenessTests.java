package dev.assent.notifications;

import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Properties;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.FieldSource;

import org.springframework.core.io.ClassPathResource;
import org.springframework.core.io.Resource;
import org.springframework.core.io.support.PathMatchingResourcePatternResolver;

import dev.assent.shared.Languages;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Emails speak every language the participant page speaks (PRODUCT C8, issue 10): for each
 * {@code messages_xx} bundle there is a {@code mail/messages_xx} bundle with every key of the
 * English one, the same placeholders, translated, apostrophes written for how the text is
 * formatted; and every key the mail templates use exists.
 */
class MailMessagesCompletenessTests {

	private static final Pattern ARGUMENT = Pattern.compile("\\{(\\d+)[^}]*}");

	private static final Pattern TEMPLATE_KEY = Pattern.compile("#\\{(mail\\.[A-Za-z0-9.\\-]+)");

	static final List<String> ALL = Languages.SUPPORTED;

	static final List<String> TRANSLATIONS = Languages.SUPPORTED.stream().filter(l -> !l.equals("en")).toList();

	@Test
	void everyLanguageOfTheParticipantPageHasAMailBundle() {
		// C8's fourteen languages (MessagesCompletenessTests checks that the page has exactly those)
		assertThat(Languages.SUPPORTED).hasSize(14);
		for (String language : TRANSLATIONS) {
			assertThat(new ClassPathResource("mail/messages_" + language + ".properties").exists())
				.as("mail/messages_%s.properties", language)
				.isTrue();
			assertThat(MailTemplates.language(List.of(language))).isEqualTo(language);
		}
		assertThat(MailTemplates.language(List.of("nb-NO"))).isEqualTo("no");
		assertThat(MailTemplates.language(List.of("xx", "pt-BR"))).isEqualTo("pt");
		assertThat(MailTemplates.language(List.of("xx"))).isEqualTo("en");
	}

	@ParameterizedTest
	@FieldSource("TRANSLATIONS")
	void everyMailTranslationHasEveryKeyAndNoOther(String language) throws IOException {
		Properties english = load("mail/messages.properties");
		Properties translated = load("mail/messages_" + language + ".properties");

		assertThat(translated.stringPropertyNames()).as("keys of mail/messages_%s", language)
			.containsExactlyInAnyOrderElementsOf(english.stringPropertyNames());
	}

	@ParameterizedTest
	@FieldSource("TRANSLATIONS")
	void everyMailTranslationUsesTheSamePlaceholdersAndIsTranslated(String language) throws IOException {
		Properties english = load("mail/messages.properties");
		Properties translated = load("mail/messages_" + language + ".properties");

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

	@ParameterizedTest
	@FieldSource("ALL")
	void apostrophesAreWrittenForHowTheMailTextIsFormatted(String language) throws IOException {
		Properties bundle = load(
				language.equals("en") ? "mail/messages.properties" : "mail/messages_" + language + ".properties");
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

	@Test
	void everyKeyTheMailTemplatesUseExists() throws IOException {
		Properties english = load("mail/messages.properties");
		Set<String> used = new TreeSet<>();
		for (Resource r : new PathMatchingResourcePatternResolver().getResources("classpath*:templates/mail/*")) {
			try (InputStream in = r.getInputStream()) {
				Matcher m = TEMPLATE_KEY.matcher(new String(in.readAllBytes(), StandardCharsets.UTF_8));
				while (m.find()) {
					used.add(m.group(1));
				}
			}
		}
		assertThat(used).isNotEmpty();
		assertThat(english.stringPropertyNames()).containsAll(used);
	}

	private static Set<String> arguments(String text) {
		Set<String> found = new TreeSet<>();
		Matcher m = ARGUMENT.matcher(text);
		while (m.find()) {
			found.add(m.group(1));
		}
		return found;
	}

	private static Properties load(String file) throws IOException {
		Properties p = new Properties();
		try (var in = new InputStreamReader(new ClassPathResource(file).getInputStream(), StandardCharsets.UTF_8)) {
			p.load(in);
		}
		return p;
	}

}
