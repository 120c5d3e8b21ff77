package dev.assent.consentpage.web;

import java.util.Collection;
import java.util.Map;
import java.util.UUID;

import org.springframework.stereotype.Component;

import dev.assent.accounts.ConsentLinks;
import dev.assent.accounts.Member;
import dev.assent.consentpage.ConsentPageManagement;

/** Tells accounts' pages each member's personal consent link, as {@link ConsentPageManagement} makes it. */
@Component
class PersonalConsentLinks implements ConsentLinks {

	private final ConsentPageManagement pages;

	PersonalConsentLinks(ConsentPageManagement pages) {
		this.pages = pages;
	}

	@Override
	public Map<UUID, String> linksOf(UUID companyId, Collection<Member> members, String baseUrl) {
		return pages.consentLinks(companyId, members, baseUrl);
	}

}
