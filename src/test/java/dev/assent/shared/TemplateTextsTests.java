package dev.assent.shared;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import org.jsoup.Jsoup;
import org.jsoup.nodes.Attribute;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;
import org.jsoup.nodes.Node;
import org.jsoup.nodes.TextNode;
import org.jsoup.parser.Parser;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import org.springframework.core.io.Resource;
import org.springframework.core.io.support.PathMatchingResourcePatternResolver;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Templates take every text people read from the message bundles (STYLE Part 3, ⟵ petclinic's
 * I18nPropertiesSyncTest): a text node or a human-readable attribute written into the markup, or a
 * prose literal in a Thymeleaf expression, fails here. Text inside an element whose content
 * Thymeleaf replaces ({@code th:text}, {@code th:utext}, {@code th:replace}) is the designer's
 * prototype and is allowed.
 */
class TemplateTextsTests {

	/** Admin templates still written in English in the markup; this list only ever shrinks. */
	static final Set<String> NOT_YET_FROM_BUNDLES = Set.of(
			// the auditor's PDF export is written in English, like the JSON export's field names (issue 12)
			"evidence/export.html");

	private static final Set<String> REPLACING = Set.of("th:text", "th:utext", "th:replace", "th:insert", "th:remove",
			"th:errors", "th:field");

	private static final Set<String> READABLE_ATTRIBUTES = Set.of("alt", "title", "aria-label", "placeholder");

	private static final Pattern LETTERS = Pattern.compile(".*\\p{L}{2,}.*", Pattern.DOTALL);

	/** A quoted literal with at least two words, or a literal substitution {@code |…|} with words outside its expressions. */
	private static final Pattern PROSE_LITERAL = Pattern.compile("'[^'$]*\\p{L}{2,}\\s+\\p{L}[^']*'");

	static Stream<String> templates() throws IOException {
		List<String> names = new ArrayList<>();
		for (Resource r : new PathMatchingResourcePatternResolver().getResources("classpath*:templates/**/*.html")) {
			String path = r.getURL().getPath();
			names.add(path.substring(path.lastIndexOf("/templates/") + "/templates/".length()));
		}
		assertThat(names).isNotEmpty();
		return names.stream().sorted().filter(n -> !NOT_YET_FROM_BUNDLES.contains(n));
	}

	@ParameterizedTest
	@MethodSource("templates")
	void templateHasNoHardCodedText(String template) throws IOException {
		Resource r = new PathMatchingResourcePatternResolver().getResource("classpath:templates/" + template);
		String html = r.getContentAsString(StandardCharsets.UTF_8).replaceAll("(?s)<!--.*?-->", "");
		Document doc = Jsoup.parse(html, "", Parser.htmlParser());
		List<String> found = new ArrayList<>();
		for (Element e : doc.getAllElements()) {
			if (replaced(e) || e.nameIs("script") || e.nameIs("style")) {
				continue;
			}
			for (Node child : e.childNodes()) {
				if (child instanceof TextNode t && LETTERS.matcher(t.text()).matches()) {
					found.add("text '" + t.text().strip() + "' in <" + e.tagName() + ">");
				}
			}
			for (Attribute a : e.attributes()) {
				if (READABLE_ATTRIBUTES.contains(a.getKey()) && LETTERS.matcher(a.getValue()).matches()
						&& !e.hasAttr("th:" + a.getKey())) {
					found.add("attribute " + a.getKey() + "=\"" + a.getValue() + "\" on <" + e.tagName() + ">");
				}
				if (a.getKey().startsWith("th:") && PROSE_LITERAL.matcher(a.getValue()).find()) {
					found.add("literal in " + a.getKey() + "=\"" + a.getValue() + "\"");
				}
				if (a.getKey().startsWith("th:") && a.getValue().contains("|")
						&& LETTERS.matcher(a.getValue().replaceAll("\\$\\{[^}]*}|#\\{[^}]*}|[|]", "")).matches()
						&& a.getValue().matches("(?s).*\\|[^|]*\\p{L}{2,}\\s[^|]*\\|.*")) {
					found.add("literal substitution in " + a.getKey() + "=\"" + a.getValue() + "\"");
				}
			}
		}
		assertThat(found).as("hard-coded text in %s (put it in the message bundles)", template).isEmpty();
	}

	private static boolean replaced(Element e) {
		for (Element at = e; at != null; at = at.parent()) {
			if (at.nameIs("html")) {
				break; // a page's <html th:replace="~{layout :: page(…, ~{::main})}"> keeps its <main>
			}
			for (String attribute : REPLACING) {
				if (at.hasAttr(attribute)) {
					return true;
				}
			}
		}
		return false;
	}

}
