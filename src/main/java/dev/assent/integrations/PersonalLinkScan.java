package dev.assent.integrations;

import java.util.List;
import java.util.Optional;
import java.util.UUID;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.modulith.events.ApplicationModuleListener;
import org.springframework.stereotype.Component;

import dev.assent.accounts.Member;
import dev.assent.accounts.MemberAdded;
import dev.assent.accounts.MemberChanges;
import dev.assent.accounts.MemberManagement;
import dev.assent.accounts.MemberQuery;
import dev.assent.calls.spi.ProviderCapability;
import dev.assent.calls.spi.ProviderUnavailable;
import dev.assent.shared.InvalidInput;
import dev.assent.shared.NotFound;

/**
 * Matches members' personal meeting links automatically (PRODUCT L2, L3): when a provider that
 * can look them up (Zoom, GoToMeeting, Webex) is connected, every member without a link gets the
 * one the provider knows; so does every member added later, moments after being created. A link a
 * member set under My Profile is never overwritten.
 */
@Component
class PersonalLinkScan {

	private static final Logger log = LoggerFactory.getLogger(PersonalLinkScan.class);

	private final List<ProviderConnector> connectors;

	private final MemberManagement members;

	PersonalLinkScan(List<ProviderConnector> connectors, MemberManagement members) {
		this.connectors = connectors;
		this.members = members;
	}

	@ApplicationModuleListener
	void on(MemberAdded event) {
		try {
			fill(members.get(event.companyId(), event.memberId()));
		}
		catch (NotFound ex) {
			// removed meanwhile
		}
	}

	@ApplicationModuleListener
	void on(IntegrationConnected event) {
		int page = 0;
		while (true) {
			var found = members.search(event.companyId(), new MemberQuery(null, null, null, page, 500));
			found.items().forEach(this::fill);
			if ((long) (page + 1) * 500 >= found.total()) {
				return;
			}
			page++;
		}
	}

	private void fill(Member m) {
		if (m.personalMeetingUrl() != null || !m.active()) {
			return;
		}
		for (ProviderConnector p : connectors) {
			if (!p.capabilities().contains(ProviderCapability.PERSONAL_LINK) || !p.connected(m.companyId())) {
				continue;
			}
			Optional<String> link;
			try {
				link = p.personalLink(m.companyId(), m.email());
			}
			catch (ProviderUnavailable ex) {
				log.warn("Could not read {}'s personal link from {}: {}", m.id(), p.provider(), ex.getMessage());
				continue;
			}
			if (link.isPresent()) {
				set(m.companyId(), m.id(), link.get());
				return;
			}
		}
	}

	private void set(UUID companyId, UUID memberId, String link) {
		try {
			members.update(companyId, memberId, new MemberChanges(null, null, null, null, null, null, null, null, null,
					link, null, java.util.Set.of()));
		}
		catch (InvalidInput ex) {
			log.warn("The provider's personal link of {} was refused: {}", memberId, ex.getMessage());
		}
	}

}
