package dev.assent.shared;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Invalid input carries a message code and its arguments, not English prose (issue 10): every code
 * the sources name has its text in {@code admin-messages.properties}, and no source builds an
 * {@link InvalidInput} from a sentence.
 */
class InvalidInputCodesTests {

	private static final Path SOURCES = Path.of("src/main/java");

	private static final Pattern CODE = Pattern.compile("\"(invalid\\.[A-Za-z0-9.\\-]+)\"");

	/** The deprecated prose constructor: a field and a string literal or concatenation. */
	private static final Pattern PROSE = Pattern.compile("new InvalidInput\\(\\s*[^,()]+(\\(\\))?,\\s*\"");

	@Test
	void everyCodeInTheSourcesHasItsEnglishText() throws IOException {
		Properties bundle = MessagesCompletenessTests.load("admin-messages.properties");
		List<String> missing = new ArrayList<>();
		int codes = 0;
		for (Path file : javaFiles()) {
			Matcher m = CODE.matcher(Files.readString(file));
			while (m.find()) {
				codes++;
				if (!bundle.containsKey(m.group(1))) {
					missing.add(m.group(1) + " (" + file.getFileName() + ")");
				}
			}
		}
		assertThat(codes).as("codes found in the sources").isGreaterThan(100);
		assertThat(missing).as("codes without an entry in admin-messages.properties").isEmpty();
	}

	@Test
	void noSourceThrowsInvalidInputWithProse() throws IOException {
		List<String> prose = new ArrayList<>();
		for (Path file : javaFiles()) {
			String text = Files.readString(file);
			Matcher m = PROSE.matcher(text);
			while (m.find()) {
				prose.add(file.getFileName() + ": " + text.substring(m.start(), Math.min(text.length(), m.end() + 40)));
			}
		}
		assertThat(prose).as("use InvalidInput.of(field, code, args…) with the text in admin-messages.properties").isEmpty();
	}

	@Test
	void aCodeGivesTheBundlesEnglishAndKeepsItsArguments() {
		InvalidInput ex = InvalidInput.of("to", "invalid.report.span", 1098);

		assertThat(ex.code()).isEqualTo("invalid.report.span");
		assertThat(ex.fields()).containsEntry("to", "a report spans at most 1098 days");
		assertThat(ex.getMessage()).isEqualTo("to: a report spans at most 1098 days");
		assertThat(InvalidInput.of("slug", "invalid.slug.reserved", "admin").fields())
			.containsEntry("slug", "'admin' is reserved");
	}

	@Test
	void anUnknownCodeShowsItselfInsteadOfAText() { // and everyCodeInTheSourcesHasItsEnglishText catches it
		assertThat(InvalidInput.of("x", "invalid.no-such-code").fields()).containsEntry("x", "invalid.no-such-code");
	}

	private static List<Path> javaFiles() throws IOException {
		try (Stream<Path> files = Files.walk(SOURCES)) {
			return files.filter(p -> p.toString().endsWith(".java")).toList();
		}
	}

}
