package dev.assent.notifications;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.core.env.Environment;
import org.springframework.stereotype.Component;

/**
 * Assent's public base URL every link in an email starts with: {@code assent.base-url}
 * ({@code ASSENT_BASE_URL}), never a request's {@code Host}; while it names port 0 (a random test
 * port), the port the server listens on.
 */
@Component
class BaseUrl {

	private final String configured;

	private final Environment environment;

	BaseUrl(@Value("${assent.base-url:}") String configured, Environment environment) {
		this.configured = configured;
		this.environment = environment;
	}

	String get() {
		String base = configured.strip();
		if (base.isEmpty() || base.endsWith(":0")) {
			base = "http://localhost:" + environment.getProperty("local.server.port",
					environment.getProperty("server.port", "8080"));
		}
		return base.endsWith("/") ? base.substring(0, base.length() - 1) : base;
	}

}
