package dev.assent.calls;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.Arrays;
import java.util.Locale;
import java.util.UUID;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

import org.springframework.context.MessageSourceResolvable;
import org.springframework.context.support.DefaultMessageSourceResolvable;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import dev.assent.accounts.PersonalLinkPolicy;
import dev.assent.shared.ConfigChanges;
import dev.assent.shared.InvalidInput;

/**
 * Safe meeting links (PRODUCT L2, L6; DESIGN "admin-entered URLs are validated against the
 * provider's domains"): a personal or meeting link is accepted only as {@code https} on a
 * provider's own domains (plus {@code assent.providers.extra-domains}); links of other providers
 * only when a tech admin allows them for the company. User-info tricks
 * ({@code https://zoom.us@evil.example}), look-alike Unicode or punycode hosts, IP literals and
 * non-web schemes ({@code javascript:}, {@code data:}) are always refused, with a message that says
 * what is accepted. The consent page redirects participants to these links under the company's
 * name, so a loose check would make it an open redirect.
 */
@Service
public class MeetingLinks implements PersonalLinkPolicy {

	static final int MAX_LENGTH = 2048;

	private static final Pattern IPV4ISH = Pattern.compile("^[0-9.]+$|^0x[0-9a-f.x]*$|.*\\.(0x[0-9a-f]*|[0-9]+)$");

	private final ProviderDomains providers;

	private final JdbcClient jdbc;

	private final ConfigChanges changes;

	MeetingLinks(ProviderDomains providers, JdbcClient jdbc, ConfigChanges changes) {
		this.providers = providers;
		this.jdbc = jdbc;
		this.changes = changes;
	}

	/** The provider a link is on ({@link Provider#OTHER} when none). */
	public Provider providerOf(String link) {
		return providers.of(link);
	}

	/** Whether a tech admin allows links of providers Assent does not know for the company. */
	public boolean otherLinksAllowed(UUID companyId) {
		return jdbc.sql("select allow_other_links from calls.link_policies where company_id = ?")
			.param(companyId)
			.query(Boolean.class)
			.optional()
			.orElse(false);
	}

	/** Allows or forbids links of other providers for the company (links already stored stay). */
	@Transactional
	public void allowOtherLinks(UUID companyId, boolean allowed) {
		jdbc.sql("""
				insert into calls.link_policies (company_id, allow_other_links) values (?, ?)
				on conflict (company_id) do update set allow_other_links = excluded.allow_other_links""")
			.params(companyId, allowed)
			.update();
		changes.changed(companyId);
	}

	@Override
	public String requireSafe(UUID companyId, String field, String link) {
		Checked checked = check(field, link);
		if (checked.provider() == Provider.OTHER && !otherLinksAllowed(companyId)) {
			throw InvalidInput.of(field, "invalid.link.unknown-provider", accepted());
		}
		return checked.link();
	}

	record Checked(String link, Provider provider) {
	}

	/** The checks that do not depend on the company: scheme, user info, host shape. */
	Checked check(String field, String link) {
		String v = link.strip();
		if (v.length() > MAX_LENGTH) {
			throw InvalidInput.of(field, "invalid.characters.at-most", MAX_LENGTH);
		}
		URI uri;
		try {
			uri = new URI(v);
		}
		catch (URISyntaxException ex) {
			throw InvalidInput.of(field, "invalid.link.invalid", accepted());
		}
		String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
		if (!scheme.equals("https") && !(providers.allowHttp() && scheme.equals("http"))) {
			throw scheme.isEmpty() ? InvalidInput.of(field, "invalid.link.not-https", accepted())
					: InvalidInput.of(field, "invalid.link.scheme", scheme, accepted());
		}
		String authority = uri.getRawAuthority();
		if (authority == null || authority.isEmpty()) {
			throw InvalidInput.of(field, "invalid.link.no-host", accepted());
		}
		if (authority.contains("@")) {
			throw InvalidInput.of(field, "invalid.link.user-info", accepted());
		}
		if (!authority.chars().allMatch(c -> c < 128)) {
			throw InvalidInput.of(field, "invalid.link.unicode-host", accepted());
		}
		String host = uri.getHost();
		String bareAuthority = authority.replaceFirst(":[0-9]*$", "").toLowerCase(Locale.ROOT);
		if (host == null && (bareAuthority.startsWith("[") || IPV4ISH.matcher(bareAuthority).matches())) {
			throw InvalidInput.of(field, "invalid.link.ip-host", accepted());
		}
		if (host == null) {
			throw InvalidInput.of(field, "invalid.link.invalid", accepted());
		}
		host = host.toLowerCase(Locale.ROOT);
		if (host.startsWith("[") || IPV4ISH.matcher(host).matches()) {
			throw InvalidInput.of(field, "invalid.link.ip-host", accepted());
		}
		if (Arrays.stream(host.split("\\.")).anyMatch(label -> label.startsWith("xn--"))) {
			throw InvalidInput.of(field, "invalid.link.punycode-host", accepted());
		}
		return new Checked(uri.toString(), providers.of(uri.toString()));
	}

	/**
	 * What is accepted, as a part of the error's sentence with a code of its own
	 * ({@code invalid.link.accepted}: the words in the bundle, the providers and their domains as its argument).
	 */
	MessageSourceResolvable accepted() {
		String domains = Arrays.stream(Provider.values())
			.filter(p -> p != Provider.OTHER)
			.map(p -> p.displayName() + " (" + String.join(", ", providers.domainsOf(p)) + ")")
			.collect(Collectors.joining(", "));
		return new DefaultMessageSourceResolvable(new String[] { "invalid.link.accepted" }, new Object[] { domains });
	}

}
