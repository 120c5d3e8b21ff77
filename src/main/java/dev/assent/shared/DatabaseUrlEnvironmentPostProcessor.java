package dev.assent.shared;

import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;

import org.springframework.boot.EnvironmentPostProcessor;
import org.springframework.boot.SpringApplication;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.MapPropertySource;
import org.springframework.util.StringUtils;

/**
 * Translates a Heroku-style {@code DATABASE_URL} ({@code postgresql://user:pass@host:5432/db}) into
 * {@code spring.datasource.*}. An explicit {@code spring.datasource.url} wins. Also turns the demo
 * seed on by default when the embedded database is used, and off otherwise.
 */
class DatabaseUrlEnvironmentPostProcessor implements EnvironmentPostProcessor {

	@Override
	public void postProcessEnvironment(ConfigurableEnvironment environment, SpringApplication application) {
		Map<String, Object> props = new HashMap<>();
		String url = environment.getProperty("DATABASE_URL");
		boolean external = StringUtils.hasText(environment.getProperty("spring.datasource.url"));
		if (!external && StringUtils.hasText(url)) {
			props.putAll(translate(url));
			external = true;
		}
		if (environment.getProperty("assent.demo") == null && environment.getProperty("ASSENT_DEMO") == null) {
			props.put("assent.demo", String.valueOf(!external));
		}
		if (!props.isEmpty()) {
			environment.getPropertySources().addFirst(new MapPropertySource("assentDatabaseUrl", props));
		}
	}

	static Map<String, Object> translate(String databaseUrl) {
		URI uri = URI.create(databaseUrl.replaceFirst("^postgres(ql)?://", "postgresql://"));
		if (!"postgresql".equals(uri.getScheme()) || uri.getHost() == null) {
			throw new IllegalArgumentException(
					"DATABASE_URL must look like postgresql://user:pass@host:5432/db, got scheme " + uri.getScheme());
		}
		Map<String, Object> props = new HashMap<>();
		int port = uri.getPort() > 0 ? uri.getPort() : 5432;
		String query = uri.getRawQuery() != null ? "?" + uri.getRawQuery() : "";
		props.put("spring.datasource.url", "jdbc:postgresql://" + uri.getHost() + ":" + port + uri.getRawPath() + query);
		String userInfo = uri.getRawUserInfo();
		if (userInfo != null) {
			String[] parts = userInfo.split(":", 2);
			props.put("spring.datasource.username", URLDecoder.decode(parts[0], StandardCharsets.UTF_8));
			if (parts.length > 1) {
				props.put("spring.datasource.password", URLDecoder.decode(parts[1], StandardCharsets.UTF_8));
			}
		}
		return props;
	}

}
