package dev.assent.calls;

import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import org.jspecify.annotations.Nullable;

import org.springframework.stereotype.Component;

import dev.assent.accounts.Company;
import dev.assent.accounts.CompanyManagement;
import dev.assent.accounts.ConsentLinks;
import dev.assent.accounts.Member;
import dev.assent.accounts.MemberManagement;
import dev.assent.profiles.ProfileManagement;
import dev.assent.shared.Languages;
import dev.assent.shared.NotFound;

/**
 * A meeting's invite: its consent link, dial-in and text, and the raw provider link an imported
 * invite carries instead of the consent link (split out of {@link CallManagement}, which keeps the
 * public methods and delegates here; PRODUCT L1, L4, L6, C9, E5).
 */
@Component
class Invitations {

	private final CompanyManagement companies;

	private final MemberManagement members;

	private final ConsentLinks consentLinks;

	private final DynamicLinks dynamicLinks;

	private final Meetings meetings;

	private final ProviderDomains providers;

	private final ProfileManagement profiles;

	Invitations(CompanyManagement companies, MemberManagement members, ConsentLinks consentLinks,
			DynamicLinks dynamicLinks, Meetings meetings, ProviderDomains providers, ProfileManagement profiles) {
		this.profiles = profiles;
		this.meetings = meetings;
		this.providers = providers;
		this.companies = companies;
		this.members = members;
		this.consentLinks = consentLinks;
		this.dynamicLinks = dynamicLinks;
	}

	/**
	 * What goes into the meeting's invite: its consent link, no dial-in for static links (PRODUCT
	 * L4) and the ready-to-paste text. The consent link names the host's page (L6): the personal
	 * link {@code {baseUrl}/{company}/{member}} when the meeting is held in the host's personal room
	 * and the host owns it, else the meeting's own link {@code {baseUrl}/{company}/{member}/{meeting}}
	 * (API.md), whose decisions belong to this meeting's occurrences and whose 303 goes to its join
	 * link. Both carry the link token when links are protected (C9). The text is in {@code language}
	 * when one is asked for, else in the first language of the owner's governing profile (J2, C8).
	 */
	Invitation invitation(UUID companyId, Meeting meeting, String baseUrl, @Nullable String language) {
		Company company = companies.get(companyId);
		String consentLink = meeting.ownerId() == null ? null : consentLink(companyId, meeting, baseUrl);
		DynamicLinks.DialInInfo dialIn = dynamicLinks.dialIn(companyId, meeting);
		String inviteLanguage = language != null ? Languages.require("language", language)
				: profileLanguage(companyId, meeting);
		return new Invitation(consentLink, dialIn.dialIn(), dialIn.note(),
				InviteTexts.in(inviteLanguage).text(meeting, company.name(), consentLink, dialIn));
	}

	/** The first supported language of the owner's governing profile (PRODUCT P5); English without an owner. */
	private String profileLanguage(UUID companyId, Meeting meeting) {
		if (meeting.ownerId() == null || findMember(companyId, meeting.ownerId()).isEmpty()) {
			return Languages.DEFAULT;
		}
		return Languages.bestMatch(profiles.profileOf(companyId, meeting.ownerId()).languages(), null);
	}

	/** The meeting's consent link (see {@link #invitation}); null when its host has no consent page. */
	@Nullable String consentLink(UUID companyId, Meeting meeting, String baseUrl) {
		return consentLinks(companyId, List.of(meeting), baseUrl).get(meeting.id());
	}

	/** {@link #consentLink} of several meetings, by meeting id (those without one left out), with one member lookup per host. */
	Map<UUID, String> consentLinks(UUID companyId, Collection<Meeting> meetings, String baseUrl) {
		Map<UUID, Member> hosts = new HashMap<>();
		for (Meeting m : meetings) {
			UUID hostId = m.hostId() != null ? m.hostId() : m.ownerId();
			if (hostId != null && !hosts.containsKey(hostId)) {
				findMember(companyId, hostId).ifPresent(h -> hosts.put(hostId, h));
			}
		}
		Map<UUID, String> personal = hosts.isEmpty() ? Map.of()
				: consentLinks.linksOf(companyId, hosts.values(), stripSlash(baseUrl));
		Map<UUID, String> out = new HashMap<>();
		for (Meeting m : meetings) {
			UUID hostId = m.hostId() != null ? m.hostId() : m.ownerId();
			String link = hostId == null ? null : personal.get(hostId);
			if (link != null) {
				out.put(m.id(), meetingLink(m, hosts.get(hostId), link));
			}
		}
		return out;
	}

	/** The personal link in the host's own room, else the meeting's link under it (with the token, if any). */
	private static String meetingLink(Meeting meeting, Member host, String personal) {
		boolean personalRoom = host.id().equals(meeting.ownerId()) && meeting.joinUrl() != null
				&& meeting.joinUrl().equals(host.personalMeetingUrl());
		if (personalRoom) {
			return personal;
		}
		int query = personal.indexOf('?');
		return query < 0 ? personal + "/" + meeting.linkSlug()
				: personal.substring(0, query) + "/" + meeting.linkSlug() + personal.substring(query);
	}

	/**
	 * The provider's raw join link when the meeting's invite carries it instead of the consent link
	 * (PRODUCT E5): the meeting was imported from a calendar, its host has a consent link, and the
	 * invite has a provider's meeting link but not the consent link (compared without the link
	 * token, so an older token still counts). Null otherwise, also for meetings Assent wrote the
	 * invite of (created through the API).
	 */
	@Nullable String rawLinkInInvite(UUID companyId, Meeting meeting, String baseUrl) {
		return rawLinksInInvites(companyId, List.of(meeting), baseUrl).get(meeting.id());
	}

	/** {@link #rawLinkInInvite} of several meetings, by meeting id (only those with a raw link), in a few queries. */
	Map<UUID, String> rawLinksInInvites(UUID companyId, Collection<Meeting> meetings, String baseUrl) {
		Map<UUID, List<String>> invites = this.meetings.inviteLinks(companyId,
				meetings.stream().map(Meeting::id).toList());
		List<Meeting> imported = meetings.stream().filter(m -> invites.containsKey(m.id())).toList();
		if (imported.isEmpty()) {
			return Map.of();
		}
		Map<UUID, String> consent = consentLinks(companyId, imported, baseUrl);
		Map<UUID, String> out = new HashMap<>();
		for (Meeting m : imported) {
			String link = consent.get(m.id());
			if (link == null) {
				continue;
			}
			String consentPath = linkPath(link);
			String raw = null;
			boolean carriesConsentLink = false;
			for (String l : invites.get(m.id())) {
				if (consentPath != null && consentPath.equalsIgnoreCase(linkPath(l))) {
					carriesConsentLink = true;
					break;
				}
				if (raw == null && providers.of(l) != Provider.OTHER) {
					raw = l;
				}
			}
			if (!carriesConsentLink && raw != null) {
				out.put(m.id(), raw);
			}
		}
		return out;
	}

	/** A link's path without query or trailing slash ({@code /acme/michael/x1y2z3}), null when it is no URL. */
	private static @Nullable String linkPath(String link) {
		try {
			String path = java.net.URI.create(link.strip()).getRawPath();
			if (path == null) {
				return null;
			}
			return path.endsWith("/") ? path.substring(0, path.length() - 1) : path;
		}
		catch (IllegalArgumentException ex) {
			return null;
		}
	}

	private static String stripSlash(String base) {
		return base.endsWith("/") ? base.substring(0, base.length() - 1) : base;
	}

	private Optional<Member> findMember(UUID companyId, UUID memberId) {
		try {
			return Optional.of(members.get(companyId, memberId));
		}
		catch (NotFound ex) {
			return Optional.empty();
		}
	}

}
