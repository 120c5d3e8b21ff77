package dev.assent.shared;

import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The rules for the path segments of personal consent links ({@code /{company}/{member}}).
 */
public final class Slugs {

	private static final Pattern SLUG = Pattern.compile("^[a-z0-9](?:[a-z0-9-]{0,46}[a-z0-9])?$");

	/** First path segments the application uses itself; no company may take them. */
	public static final Set<String> RESERVED = Set.of("admin", "api", "scim", "webhooks", "actuator", "login",
			"logout", "assets", "css", "js", "img", "webjars", "swagger-ui", "swagger-ui.html", "v3", "error",
			"favicon.ico", "robots.txt", "recorder", "simulator", "static", "health", "www", "assent", "consent",
			"mail", "me", "docs");

	private Slugs() {
	}

	public static boolean isValid(String slug) {
		return SLUG.matcher(slug).matches();
	}

	public static boolean isReservedForCompany(String slug) {
		return RESERVED.contains(slug);
	}

	/** Lower-cases a name and turns it into a slug candidate ("Michael Scott" → "michael-scott"). */
	public static String from(String name) {
		String s = name.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]+", "-").replaceAll("^-+|-+$", "");
		return s.length() > 48 ? s.substring(0, 48).replaceAll("-+$", "") : s;
	}

}
