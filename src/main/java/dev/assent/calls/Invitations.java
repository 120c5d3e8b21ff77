package dev.assent.calls;

import java.util.List;
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
 * A meeting's invite: its consent link, dial-in and text (split out of {@link CallManagement},
 * which keeps the public methods and delegates here; PRODUCT L1, L4, L6, C9).
 */
@Component
class Invitations {

	private final CompanyManagement companies;

	private final MemberManagement members;

	private final ConsentLinks consentLinks;

	private final DynamicLinks dynamicLinks;

	private final ProfileManagement profiles;

	Invitations(CompanyManagement companies, MemberManagement members, ConsentLinks consentLinks,
			DynamicLinks dynamicLinks, ProfileManagement profiles) {
		this.companies = companies;
		this.members = members;
		this.consentLinks = consentLinks;
		this.dynamicLinks = dynamicLinks;
		this.profiles = profiles;
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
				InviteTexts.in(inviteLanguage).text(meeting, company.name(), consentLink, dialIn.inviteLines()));
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
		UUID hostId = meeting.hostId() != null ? meeting.hostId() : meeting.ownerId();
		if (hostId == null) {
			return null;
		}
		Optional<Member> host = findMember(companyId, hostId);
		if (host.isEmpty()) {
			return null;
		}
		String personal = consentLinks.linksOf(companyId, List.of(host.get()), stripSlash(baseUrl)).get(hostId);
		if (personal == null) {
			return null;
		}
		boolean personalRoom = hostId.equals(meeting.ownerId()) && meeting.joinUrl() != null
				&& meeting.joinUrl().equals(host.get().personalMeetingUrl());
		if (personalRoom) {
			return personal;
		}
		int query = personal.indexOf('?');
		return query < 0 ? personal + "/" + meeting.linkSlug()
				: personal.substring(0, query) + "/" + meeting.linkSlug() + personal.substring(query);
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
