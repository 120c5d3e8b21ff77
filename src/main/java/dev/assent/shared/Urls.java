package dev.assent.shared;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.Locale;

/** Validation of URLs that admins and members type in. */
public final class Urls {

	private Urls() {
	}

	/**
	 * A link participants are sent to (a meeting link, a policy page): absolute http(s), with a
	 * host, no credentials, at most 2,048 characters. Assent never fetches it, it only redirects
	 * a browser there.
	 */
	public static String requireWebLink(String field, String value) {
		String v = value.strip();
		if (v.length() > 2048) {
			throw InvalidInput.of(field, "invalid.must-be-at-most-2048-characters");
		}
		try {
			URI uri = new URI(v);
			String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
			if (!(scheme.equals("https") || scheme.equals("http")) || uri.getHost() == null) {
				throw InvalidInput.of(field, "invalid.must-be-an-absolute-https-link");
			}
			if (uri.getRawUserInfo() != null) {
				throw InvalidInput.of(field, "invalid.must-not-contain-a-user-name-or-password");
			}
			return uri.toString();
		}
		catch (URISyntaxException ex) {
			throw InvalidInput.of(field, "invalid.is-not-a-valid-link");
		}
	}

}
