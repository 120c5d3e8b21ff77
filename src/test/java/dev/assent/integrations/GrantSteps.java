package dev.assent.integrations;

import java.net.URLDecoder;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;

import org.springframework.web.util.UriComponentsBuilder;

import dev.assent.support.Http;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A tech admin's browser through the OAuth authorization-code grant of {@link UserGrants}: the
 * redirect to the provider, and the provider's redirect back with code and state, followed to the
 * page the admin lands on. {@code headers} (name, value, …) go with every request, e.g. the
 * {@code X-Forwarded-*} of a TLS-terminating proxy.
 */
final class GrantSteps {

	private GrantSteps() {
	}

	/** Where {@code /admin/integrations/oauth2/authorize/{registrationId}} sends the admin. */
	static String authorize(Http admin, String registrationId, String... headers) {
		Http.Response start = get(admin, "/admin/integrations/oauth2/authorize/" + registrationId, headers);
		assertThat(start.status()).as(start.body()).isEqualTo(302);
		return start.header("Location");
	}

	/** The provider's redirect back with code and state, followed as a browser does; the page the admin lands on. */
	static String complete(Http admin, String registrationId, String code, String state, String... headers) {
		Http.Response back = get(admin, "/admin/integrations/oauth2/callback/" + registrationId + "?code=" + enc(code)
				+ "&state=" + enc(state), headers);
		assertThat(back.status()).as(back.body()).isEqualTo(302);
		String next = back.header("Location");
		while (next != null && !next.endsWith("/admin/integrations")) {
			Http.Response r = get(admin, path(next), headers);
			assertThat(r.status()).isEqualTo(302);
			next = r.header("Location");
		}
		return get(admin, "/admin/integrations", headers).body();
	}

	private static Http.Response get(Http admin, String path, String... headers) {
		return headers.length == 0 ? admin.get(path) : admin.getWith(path, headers);
	}

	static Map<String, String> query(String url) {
		Map<String, String> out = new LinkedHashMap<>();
		UriComponentsBuilder.fromUriString(url)
			.build()
			.getQueryParams()
			.forEach((k, v) -> out.put(k, v.get(0) == null ? "" : URLDecoder.decode(v.get(0), StandardCharsets.UTF_8)));
		return out;
	}

	static String enc(String s) {
		return URLEncoder.encode(s, StandardCharsets.UTF_8);
	}

	private static String path(String location) {
		return location.startsWith("http") ? UriComponentsBuilder.fromUriString(location).build().getPath()
				+ (location.contains("?") ? location.substring(location.indexOf('?')) : "") : location;
	}

}
