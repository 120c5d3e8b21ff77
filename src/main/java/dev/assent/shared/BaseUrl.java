package dev.assent.shared;

import org.springframework.core.env.Environment;
import org.springframework.stereotype.Component;

/**
 * Assent's public base URL ({@code assent.base-url}, {@code ASSENT_BASE_URL}). Every absolute link
 * Assent hands out (API answers, SCIM locations, invites, emails) is built from it, never from the
 * request's {@code Host} header, which a client chooses. While it names port 0 (a random port in
 * tests), the port the server listens on is used.
 */
@Component
public class BaseUrl {

	private final Environment environment;

	BaseUrl(Environment environment) {
		this.environment = environment;
	}

	/** The base URL without a trailing slash, e.g. {@code https://assent.example.com}. */
	public String get() {
		String base = environment.getProperty("assent.base-url", "").strip();
		if (base.isEmpty() || base.endsWith(":0")) {
			base = "http://localhost:"
					+ environment.getProperty("local.server.port", environment.getProperty("server.port", "8080"));
		}
		return base.endsWith("/") ? base.substring(0, base.length() - 1) : base;
	}

	/** The base URL followed by {@code path} (which starts with {@code /}). */
	public String with(String path) {
		return get() + path;
	}

}
