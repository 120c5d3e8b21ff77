package dev.assent.shared;

import java.util.List;
import java.util.Map;

import org.jspecify.annotations.Nullable;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Extra link domains per provider, e.g. {@code assent.providers.extra-domains.ZOOM=zoom.example.org}
 * for a regional or self-hosted deployment.
 */
@ConfigurationProperties("assent.providers")
public record ProviderDomains(@Nullable Map<Provider, List<String>> extraDomains) {

	public Provider of(@Nullable String url) {
		return Provider.fromUrl(url, extraDomains == null ? Map.of() : extraDomains);
	}

}
