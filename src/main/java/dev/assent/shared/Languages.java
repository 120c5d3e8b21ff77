package dev.assent.shared;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.jspecify.annotations.Nullable;

import org.springframework.core.io.Resource;
import org.springframework.core.io.support.PathMatchingResourcePatternResolver;

/**
 * The languages participants can read Assent in (PRODUCT C8). The one source of truth is the set of
 * message bundles: {@code messages.properties} is English, and every {@code messages_xx.properties}
 * on the class path adds language {@code xx}. Adding a language is adding its bundle.
 */
public final class Languages {

	/** The request attribute with which a controller fixes the language a page is rendered in. */
	public static final String REQUEST_ATTRIBUTE = Languages.class.getName() + ".language";

	/** The default and fallback language. */
	public static final String DEFAULT = "en";

	private static final Set<String> RIGHT_TO_LEFT = Set.of("ar", "fa", "he", "ur");

	/**
	 * What browsers send for a language whose bundle has another code (STACK gotcha 13): Norwegian
	 * Bokmål and Nynorsk read the Norwegian bundle; the retired ISO code of Indonesian.
	 */
	private static final Map<String, String> ALIASES = Map.of("nb", "no", "nn", "no", "in", "id");

	private static final Pattern BUNDLE = Pattern.compile("messages_([a-z]{2,3})\\.properties");

	/** English first, then the translated bundles in alphabetical order of their codes. */
	public static final List<String> SUPPORTED = fromBundles();

	private Languages() {
	}

	/** Whether a language code names a language with a bundle. */
	public static boolean isSupported(@Nullable String code) {
		return code != null && SUPPORTED.contains(code);
	}

	/** {@code code} when it names a supported language, else an {@link InvalidInput} on {@code field}. */
	public static String require(String field, String code) {
		if (!isSupported(code)) {
			throw InvalidInput.of(field, "invalid.language", String.join(", ", SUPPORTED));
		}
		return code;
	}

	/** Whether text in this language runs right to left (Arabic). */
	public static boolean isRightToLeft(String code) {
		return RIGHT_TO_LEFT.contains(code);
	}

	/** The name of a language in English ("Norwegian"), for admins choosing a profile's languages. */
	public static String englishName(String code) {
		return Locale.forLanguageTag(code).getDisplayLanguage(Locale.ENGLISH);
	}

	/** The name of a language in itself ("norsk"), for a participant choosing a language. */
	public static String nativeName(String code) {
		Locale locale = Locale.forLanguageTag(code);
		String name = locale.getDisplayLanguage(locale);
		return name.isEmpty() ? code : name.substring(0, 1).toUpperCase(locale) + name.substring(1);
	}

	/** Every supported language with its English name, English first. */
	public static Map<String, String> englishNames() {
		Map<String, String> names = new LinkedHashMap<>();
		SUPPORTED.forEach(code -> names.put(code, englishName(code)));
		return names;
	}

	/**
	 * The best language for an {@code Accept-Language} header among those offered (a profile's
	 * languages, narrowed to the supported ones), or the first offered when none matches (PRODUCT C8).
	 * {@code nb-NO} and {@code nn} find Norwegian, {@code zh-Hans-CN} Chinese, {@code pt-BR} Portuguese.
	 */
	public static String bestMatch(List<String> offered, @Nullable String acceptLanguage) {
		List<String> candidates = offered.stream().filter(Languages::isSupported).toList();
		if (candidates.isEmpty()) {
			return DEFAULT;
		}
		if (acceptLanguage != null && !acceptLanguage.isBlank() && acceptLanguage.length() <= 512) {
			try {
				List<Locale.LanguageRange> ranges = new ArrayList<>();
				for (Locale.LanguageRange range : Locale.LanguageRange.parse(acceptLanguage)) {
					ranges.add(new Locale.LanguageRange(primary(range.getRange()), range.getWeight()));
				}
				ranges.sort((a, b) -> Double.compare(b.getWeight(), a.getWeight()));
				for (Locale.LanguageRange range : ranges) {
					if (range.getWeight() > 0 && candidates.contains(range.getRange())) {
						return range.getRange();
					}
				}
			}
			catch (IllegalArgumentException ex) {
				// a malformed header gets the first offered language
			}
		}
		return candidates.get(0);
	}

	/** The bundle language of a language range: {@code zh-Hans-CN} → {@code zh}, {@code nb-NO} → {@code no}. */
	private static String primary(String range) {
		int dash = range.indexOf('-');
		String language = (dash < 0 ? range : range.substring(0, dash)).toLowerCase(Locale.ROOT);
		return ALIASES.getOrDefault(language, language);
	}

	private static List<String> fromBundles() {
		Set<String> codes = new TreeSet<>();
		try {
			for (Resource r : new PathMatchingResourcePatternResolver(Languages.class.getClassLoader())
				.getResources("classpath*:messages_*.properties")) {
				Matcher m = BUNDLE.matcher(r.getFilename() == null ? "" : r.getFilename());
				if (m.matches()) {
					codes.add(m.group(1));
				}
			}
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		codes.remove(DEFAULT);
		List<String> all = new ArrayList<>();
		all.add(DEFAULT);
		all.addAll(codes);
		return List.copyOf(all);
	}

}
