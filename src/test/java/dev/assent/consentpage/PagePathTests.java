package dev.assent.consentpage;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The consent page's paths and keys are read by hand (issue 7: the regular expressions were a tenth of a decision
 * request's CPU); they accept exactly what the regular expressions they replace accepted — checked against them on
 * the paths that matter and on many random ones.
 */
class PagePathTests {

	/** What {@link ConsentPageFilter#pagePath} replaces. */
	static final Pattern PATH = Pattern.compile("^/([a-z0-9-]{1,48})/([a-z0-9-]{1,48})(?:/([a-z0-9]{6,16}))?/?$");

	/** What {@link ParticipantTokens#isKey} replaces. */
	static final Pattern KEY = Pattern.compile("[A-Za-z0-9_-]{22}");

	private static String[] byPattern(String uri) {
		Matcher m = PATH.matcher(uri);
		return m.matches() ? new String[] { m.group(1), m.group(2), m.group(3) } : null;
	}

	@Test
	void pagePathsAreReadAsBefore() {
		String slug48 = "a".repeat(48);
		List<String> paths = new ArrayList<>(List.of("/acme/michael", "/acme/michael/", "/acme/michael/k3x9q2m7p1",
				"/acme/michael/k3x9q2m7p1/", "/acme-co/mi-chael", "/" + slug48 + "/" + slug48, "/" + slug48 + "a/b",
				"/a/" + slug48 + "a", "/a/b/abcdef", "/a/b/abcde", "/a/b/" + "x".repeat(16), "/a/b/" + "x".repeat(17),
				"/a/b/abc-def", "/a/b//", "//a/b", "/a//b", "/a", "/a/", "/", "", "acme/michael", "/Acme/michael",
				"/acme/michael/K3X9Q2M7P1", "/acme/michael/k3x9q2m7p1/x", "/acme/michael.css", "/a/b/c/d", "/-/-",
				"/a/b/123456", "/api/v1", "/admin/recorder", "/acme/michael?x=1"));
		for (String p : paths) {
			assertThat(ConsentPageFilter.pagePath(p)).as(p).isEqualTo(byPattern(p));
		}
		assertThat(ConsentPageFilter.pagePath("/acme/michael/k3x9q2m7p1/")).containsExactly("acme", "michael", "k3x9q2m7p1");
		assertThat(ConsentPageFilter.pagePath("/acme/michael")).containsExactly("acme", "michael", null);
	}

	@Test
	void randomPathsAreReadAsByTheRegularExpression() {
		Random random = new Random(7);
		char[] alphabet = "/ab09-Z_.%".toCharArray();
		for (int n = 0; n < 200_000; n++) {
			char[] path = new char[random.nextInt(70)];
			for (int i = 0; i < path.length; i++) {
				// Mostly slug characters and slashes, so that many of them come close to a page's path.
				path[i] = random.nextInt(4) == 0 ? '/' : alphabet[random.nextInt(random.nextBoolean() ? 5 : alphabet.length)];
			}
			String p = (random.nextInt(5) == 0 ? "" : "/") + new String(path);
			assertThat(ConsentPageFilter.pagePath(p)).as(p).isEqualTo(byPattern(p));
		}
	}

	@Test
	void keysAreReadAsBefore() {
		Random random = new Random(11);
		char[] alphabet = "aZ09_-+/=.".toCharArray();
		List<String> keys = new ArrayList<>(Arrays.asList(null, "", "a".repeat(21), "a".repeat(22), "a".repeat(23),
				"AZaz09_-AZaz09_-AZaz09", "AZaz09_-AZaz09_-AZaz0+", "AZaz09_-AZaz09_-AZaz0="));
		for (int n = 0; n < 50_000; n++) {
			char[] key = new char[20 + random.nextInt(5)];
			for (int i = 0; i < key.length; i++) {
				key[i] = alphabet[random.nextInt(random.nextInt(10) == 0 ? alphabet.length : 6)];
			}
			keys.add(new String(key));
		}
		for (String k : keys) {
			assertThat(ParticipantTokens.isKey(k)).as(k).isEqualTo(k != null && KEY.matcher(k).matches());
		}
	}

}
