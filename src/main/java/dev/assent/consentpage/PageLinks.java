package dev.assent.consentpage;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

import org.jspecify.annotations.Nullable;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.stereotype.Component;

import dev.assent.accounts.Company;
import dev.assent.accounts.CompanyManagement;
import dev.assent.accounts.Member;
import dev.assent.accounts.MemberManagement;
import dev.assent.calls.Call;
import dev.assent.calls.CallManagement;
import dev.assent.calls.CallStatus;
import dev.assent.calls.Meeting;
import dev.assent.calls.MeetingLinkType;
import dev.assent.calls.Provider;
import dev.assent.calls.ProviderDomains;
import dev.assent.calls.SkipReason;
import dev.assent.profiles.ConsentProfile;
import dev.assent.profiles.ProfileManagement;
import dev.assent.shared.ConfigChanges;
import dev.assent.shared.NotFound;

/**
 * What a consent link shows (PRODUCT C1–C7, C9, L5, L6): a member's personal link {@code /{company}/{member}} and a
 * meeting's own link {@code /{company}/{member}/{meeting}} resolved to the page their participants see, read fresh
 * from the database ({@link PageCache} keeps what it answers). No transaction: its reads are separate statements,
 * and a change committed while they run moves the generation captured before them, so the page is read again.
 */
@Component
class PageLinks {

	/** Old unprotected links keep working this long after protection is switched on (PRODUCT C9). */
	static final Duration PROTECTION_TRANSITION = Duration.ofDays(90);

	private final CompanyConfigs configs;

	private final CompanyManagement companies;

	private final MemberManagement members;

	private final ProfileManagement profiles;

	private final ParticipantTokens tokens;

	private final ProviderDomains providers;

	private final ConfigChanges changes;

	private final Clock clock;

	/** Lazily: calls asks this module for consent links (ConsentLinks), this module asks calls for meetings. */
	private final ObjectProvider<CallManagement> calls;

	PageLinks(CompanyConfigs configs, CompanyManagement companies, MemberManagement members, ProfileManagement profiles,
			ParticipantTokens tokens, ProviderDomains providers, ConfigChanges changes, Clock clock,
			ObjectProvider<CallManagement> calls) {
		this.configs = configs;
		this.companies = companies;
		this.members = members;
		this.profiles = profiles;
		this.tokens = tokens;
		this.providers = providers;
		this.changes = changes;
		this.clock = clock;
		this.calls = calls;
	}

	/**
	 * A member's personal link after the company's part: their slug, with the link token when the company protects
	 * its links (PRODUCT C9). The one place the link's format is written.
	 */
	static String personalPath(Member m, boolean protect, ParticipantTokens tokens) {
		return m.slug() + (protect ? "?t=" + tokens.linkToken(m.companyId(), m.id()) : "");
	}

	sealed interface Resolution permits Found, Moved, Missing, Disconnected {
	}

	/**
	 * A dynamic meeting whose provider integration was disconnected (PRODUCT L5): the page tells
	 * participants what happened and offers the host's static link ({@code staticLink}, a path) when
	 * the host has one.
	 */
	record Disconnected(String companyName, String memberName, String providerName, @Nullable String staticLink,
			List<String> languages, @Nullable String logoUrl) implements Resolution {
	}

	/** Pages of dynamic meetings are read again this often: their integration may be disconnected (L5). */
	static final Duration DYNAMIC_PAGE_LIFETIME = Duration.ofSeconds(30);

	/**
	 * A page, with the generation it was read under ({@link ConfigChanges}: its company's configuration, and for a
	 * page with a room the recording state of that room's calls, whose hashed key {@code room} is kept with it for
	 * {@link PageCache}'s check) and, when it depends on the state of a call, the instant it must be read again at
	 * the latest.
	 */
	record Found(PageView view, long generation, @Nullable Instant freshUntil, ConfigChanges.@Nullable Room room)
			implements Resolution {

		Found {
			if (room == null && view.joinUrl() != null) {
				room = ConfigChanges.Room.of(view.companyId(), view.joinUrl());
			}
		}

		Found(PageView view, long generation, @Nullable Instant freshUntil) {
			this(view, generation, freshUntil, null);
		}

		Found(PageView view, long generation) {
			this(view, generation, null);
		}

	}

	/** How long a page that says its call's recording stopped is kept: the link's current call may change. */
	static final Duration STOPPED_PAGE_LIFETIME = Duration.ofMinutes(1);

	record Moved(String path) implements Resolution {
	}

	record Missing() implements Resolution {
	}

	/** What {@code /{company}/{member}} shows; read fresh from the database (the company's part under its generation). */
	Resolution resolve(String companySlug, String memberSlug) {
		return resolve(companySlug, memberSlug, null);
	}

	/**
	 * What {@code /{company}/{member}} (the member's personal room) or, with {@code meetingSlug},
	 * {@code /{company}/{member}/{meeting}} (a meeting with its own join link, PRODUCT C7, L6) shows;
	 * read fresh from the database. A meeting link names its host's page (the member must be the
	 * meeting's host) and shows the profile of the call owner, which governs its calls (P5).
	 */
	Resolution resolve(String companySlug, String memberSlug, @Nullable String meetingSlug) {
		String rest = "/" + memberSlug + (meetingSlug == null ? "" : "/" + meetingSlug);
		Optional<CompanyConfigs.Config> config = configs.bySlug(companySlug);
		if (config.isEmpty()) {
			return companies.findByRetiredSlug(companySlug)
				.<Resolution>map(c -> new Moved("/" + c.slug() + rest))
				.orElse(new Missing());
		}
		// The generation the company's configuration was read under: a change committed after it
		// makes the result stale in every cache that keeps it.
		long generation = config.get().generation();
		Company c = config.get().company();
		if (!c.slug().equals(companySlug)) {
			return resolve(c.slug(), memberSlug, meetingSlug) instanceof Found ? new Moved("/" + c.slug() + rest)
					: new Missing();
		}
		Optional<Member> member = members.findBySlug(c.id(), memberSlug);
		if (member.isEmpty()) {
			// a member's earlier link name leads to their current one, permanently (C5, C9)
			return members.findByRetiredSlug(c.id(), memberSlug)
				.filter(Member::hasConsentPage)
				.<Resolution>map(moved -> new Moved("/" + c.slug() + "/" + moved.slug()
						+ (meetingSlug == null ? "" : "/" + meetingSlug)))
				.orElse(new Missing());
		}
		if (!member.get().hasConsentPage()) {
			return new Missing();
		}
		Member m = member.get();
		if (meetingSlug == null) {
			ConsentProfile profile = config.get().profileOf(m).orElseGet(() -> profiles.profileOf(c.id(), m.id()));
			if (!profile.consentPage().isOn()) {
				return new Missing();
			}
			return found(view(c, m, profile, config.get().settings()), generation);
		}
		Optional<Meeting> meeting = calls.getObject().meetingByLink(c.id(), meetingSlug);
		if (meeting.isEmpty() || meeting.get().cancelledAt() != null || meeting.get().ownerId() == null
				|| !m.id().equals(meeting.get().hostId() != null ? meeting.get().hostId() : meeting.get().ownerId())) {
			return new Missing();
		}
		Meeting mt = meeting.get();
		ConsentProfile profile;
		try {
			profile = profiles.profileOf(c.id(), mt.ownerId());
		}
		catch (NotFound ex) {
			return new Missing();
		}
		if (!profile.consentPage().isOn()) {
			return new Missing();
		}
		ConsentPageSettings s = config.get().settings();
		if (mt.linkType() != MeetingLinkType.DYNAMIC) {
			return found(view(c, m, profile, s, mt), generation);
		}
		Optional<Provider> gone = calls.getObject().disconnectedProvider(c.id(), mt);
		if (gone.isPresent()) {
			boolean personalPage = m.personalMeetingUrl() != null && profiles.profileOf(c.id(), m.id()).consentPage().isOn();
			return new Disconnected(c.name(), m.name(), gone.get().displayName(),
					personalPage ? "/" + c.slug() + "/" + personalPath(m, s.protectedLinks(), tokens) : null,
					List.copyOf(profile.languages()),
					s.logoSha256() == null ? null : "/assets/logos/" + s.logoSha256());
		}
		Found page = found(view(c, m, profile, s, mt), generation);
		Instant recheck = Instant.now(clock).plus(DYNAMIC_PAGE_LIFETIME);
		return new Found(page.view(), page.generation(),
				page.freshUntil() != null && page.freshUntil().isBefore(recheck) ? page.freshUntil() : recheck, page.room());
	}

	/**
	 * The page, saying so when the link's current occurrence was stopped by an opt-out (PRODUCT C10).
	 * Stopping and reopening a call are changes of its room (the recording module reports them), so
	 * the pages of that room show them on the next view.
	 */
	private Found found(PageView view, long companyGeneration) {
		if (view.joinUrl() == null) {
			return new Found(view, companyGeneration);
		}
		// Captured before the calls are read: a stop committed after this point makes the page stale. The generation
		// is the sum of the company's and the room's (ConfigChanges#changedRoom): both only grow, so it changes
		// whenever either does.
		ConfigChanges.Room room = ConfigChanges.Room.of(view.companyId(), view.joinUrl());
		long generation = companyGeneration + changes.roomGeneration(room);
		Instant now = Instant.now(clock);
		CallManagement callManagement = calls.getObject();
		Call current = view.meetingId() != null
				? callManagement.occurrencesOfMeetings(view.companyId(), List.of(view.meetingId()), now).get(view.meetingId())
				: callManagement.occurrencesInRooms(view.companyId(), List.of(view.joinUrl()), now).get(view.joinUrl());
		boolean stopped = current != null && ((current.status() == CallStatus.SKIPPED
				&& current.skipReason() == SkipReason.PARTICIPANT_OPTED_OUT)
				|| current.status() == CallStatus.PARTIAL);
		if (!stopped) {
			return new Found(view, generation, null, room);
		}
		return new Found(withRecordingStopped(view), generation, now.plus(STOPPED_PAGE_LIFETIME), room);
	}

	private static PageView withRecordingStopped(PageView v) {
		return new PageView(v.companyId(), v.companyName(), v.companySlug(), v.memberId(), v.memberName(), v.memberSlug(),
				v.profileId(), v.profileVersion(), v.participantChoice(), v.provider(), v.joinUrl(), v.customNoticeHtml(),
				v.policyUrl(), v.logoUrl(), v.languages(), v.choices(), v.linkToken(), v.tokenRequiredFrom(), v.meetingId(),
				v.meetingSlug(), true, v.purposes(), v.lawfulBasis(), v.legitimateInterestsAssessment());
	}

	/** The page of the member's personal room. */
	PageView view(Company c, Member m, ConsentProfile profile, ConsentPageSettings s) {
		return view(c, m, profile, s, null);
	}

	/** The page of the member's personal room, or with {@code meeting} of that meeting's own room. */
	private PageView view(Company c, Member m, ConsentProfile profile, ConsentPageSettings s, @Nullable Meeting meeting) {
		String joinUrl = meeting != null ? meeting.joinUrl() : m.personalMeetingUrl();
		Provider provider = meeting != null ? meeting.provider() : providers.of(joinUrl);
		String notice = profile.noticeHtml() != null ? profile.noticeHtml() : s.noticeHtml();
		return new PageView(c.id(), c.name(), c.slug(), m.id(), m.name(), m.slug(), profile.id(), profile.version(),
				profile.participantChoice(), provider, joinUrl, notice, s.policyUrl(),
				s.logoSha256() == null ? null : "/assets/logos/" + s.logoSha256(), List.copyOf(profile.languages()),
				PageView.choicesFor(profile.participantChoice(), provider, joinUrl),
				s.protectedLinks() ? tokens.linkToken(c.id(), m.id()) : null,
				s.protectedSince() == null ? null : s.protectedSince().plus(PROTECTION_TRANSITION),
				meeting == null ? null : meeting.id(), meeting == null ? null : meeting.linkSlug(), false,
				profile.purposes(), profile.lawfulBasis(), profile.legitimateInterestsAssessment());
	}

}
