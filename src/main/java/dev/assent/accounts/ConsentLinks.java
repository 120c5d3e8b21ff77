package dev.assent.accounts;

import java.util.Collection;
import java.util.Map;
import java.util.UUID;

/**
 * The personal consent page links of team members (PRODUCT C1), exactly as participants get them
 * (with the link token when links are protected, C9). Implemented by the consentpage module, which
 * owns the links; accounts only shows them (dependency inversion, like {@link ConsentProfileCatalog}).
 */
public interface ConsentLinks {

	/**
	 * The link of each given member that has a consent page, by member id; members without one
	 * (not recorded, inactive) are left out.
	 * @param baseUrl scheme, host and context path the links start with, e.g. {@code https://assent.example}
	 */
	Map<UUID, String> linksOf(UUID companyId, Collection<Member> members, String baseUrl);

}
