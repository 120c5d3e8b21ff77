package dev.assent.shared;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Properties;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;

import org.springframework.context.support.ResourceBundleMessageSource;
import org.springframework.core.io.ClassPathResource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Domain exceptions carry a message code and its arguments, not English prose (issue 10): the code
 * resolves through the MessageSource to the same sentence the exception's message gives, and every
 * code the sources throw exists in admin-messages.properties.
 */
class CodedExceptionTests {

	@Test
	void aCodedConflictSaysItsSentenceFromTheBundleWithItsArguments() {
		Conflict taken = Conflict.coded("conflict.member.slug", "michael");
		assertThat(taken.code()).isEqualTo("conflict.member.slug");
		assertThat(taken.args()).containsExactly("michael");
		assertThat(taken.getMessage()).startsWith("The personal link name 'michael' is taken");

		ResourceBundleMessageSource messages = new ResourceBundleMessageSource();
		messages.setBasenames("messages", "admin-messages");
		messages.setDefaultEncoding("UTF-8");
		messages.setFallbackToSystemLocale(false);
		assertThat(taken.message(messages, Locale.ENGLISH)).isEqualTo(taken.getMessage());
		assertThat(Conflict.coded("conflict.profile.inUse", 1234L).message(messages, Locale.ENGLISH))
			.startsWith("The profile is assigned to 1234 members or teams");
		assertThat(NotFound.coded("notFound.member").message(messages, Locale.ENGLISH)).isEqualTo("Team member not found");
	}

	@Test
	void aPlainMessageStaysAsItWas() {
		Conflict plain = new Conflict("Something else clashed");
		assertThat(plain.code()).isNull();
		assertThat(plain.getMessage()).isEqualTo("Something else clashed");
		assertThat(new NotFound("Email").getMessage()).isEqualTo("Email not found");
	}

	@Test
	void everyCodeTheSourcesThrowIsInTheBundle() throws IOException {
		Properties bundle = new Properties();
		try (var in = new ClassPathResource("admin-messages.properties").getInputStream()) {
			bundle.load(new java.io.InputStreamReader(in, java.nio.charset.StandardCharsets.UTF_8));
		}
		Pattern coded = Pattern.compile("(?:Conflict|NotFound)\\.coded\\(\"([^\"]+)\"");
		List<String> codes = new ArrayList<>();
		try (Stream<Path> files = Files.walk(Path.of("src/main/java"))) {
			for (Path f : files.filter(p -> p.toString().endsWith(".java")).toList()) {
				Matcher m = coded.matcher(Files.readString(f));
				while (m.find()) {
					codes.add(m.group(1));
				}
			}
		}
		assertThat(codes).isNotEmpty();
		assertThat(codes).allSatisfy(code -> assertThat(bundle).containsKey(code));
	}

}
