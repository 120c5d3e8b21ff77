package dev.assent.calls;

import java.util.List;
import java.util.Map;

import org.jspecify.annotations.Nullable;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.ConstructorBinding;

/**
 * Extra link domains per provider, e.g. {@code assent.providers.extra-domains.ZOOM=zoom.example.org}
 * for a regional or self-hosted deployment.
 *
 * @param allowHttp whether plain {@code http} meeting links are accepted (development and tests
 * only; every provider serves its links over https)
 */
@ConfigurationProperties("assent.providers")
public record ProviderDomains(@Nullable Map<Provider, List<String>> extraDomains, boolean allowHttp) {

	@ConstructorBinding
	public ProviderDomains {
	}

	public ProviderDomains(@Nullable Map<Provider, List<String>> extraDomains) {
		this(extraDomains, false);
	}

	public Provider of(@Nullable String url) {
		return Provider.fromUrl(url, extras());
	}

	/** The domains links of {@code provider} are accepted on: its own plus the configured extra ones. */
	public List<String> domainsOf(Provider provider) {
		return java.util.stream.Stream.concat(provider.domains().stream(), extras().getOrDefault(provider, List.of()).stream())
			.toList();
	}

	private Map<Provider, List<String>> extras() {
		return extraDomains == null ? Map.of() : extraDomains;
	}

}
