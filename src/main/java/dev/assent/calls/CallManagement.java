package dev.assent.calls;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import org.jspecify.annotations.Nullable;

import org.springframework.stereotype.Service;

import dev.assent.accounts.Member;
import dev.assent.accounts.MemberManagement;
import dev.assent.accounts.ProfileAssignment;
import dev.assent.profiles.ConsentProfile;
import dev.assent.profiles.ProfileManagement;
import dev.assent.shared.NotFound;
import dev.assent.shared.SqlRead;

/**
 * The calls module's API (PRODUCT D1, D2, C7, J2): meetings and their occurrences. It is a facade:
 * scheduling, moving and cancelling is {@link MeetingScheduling}'s, calendar import
 * {@link CalendarImports}', invites and consent links {@link Invitations}', status changes
 * {@link CallStatuses}'; this class keeps the reads (calls, meetings, details, the occurrence a
 * decision belongs to). The recording module moves calls on through the {@code mark…} methods.
 * Every method takes the caller's company id and never sees another company's rows.
 */
@Service
public class CallManagement {

	/** The largest iCalendar file {@link #importCalendar} reads. */
	public static final int MAX_CALENDAR_BYTES = CalendarFiles.MAX_BYTES;

	private final Meetings meetings;

	private final Calls calls;

	private final MemberManagement members;

	private final ProfileManagement profiles;

	private final Clock clock;

	private final DynamicLinks dynamicLinks;

	private final MeetingScheduling scheduling;

	private final CalendarImports calendarImports;

	private final CallStatuses statuses;

	private final Invitations invitations;

	CallManagement(Meetings meetings, Calls calls, MemberManagement members, ProfileManagement profiles, Clock clock,
			DynamicLinks dynamicLinks, MeetingScheduling scheduling, CalendarImports calendarImports,
			CallStatuses statuses, Invitations invitations) {
		this.meetings = meetings;
		this.calls = calls;
		this.members = members;
		this.profiles = profiles;
		this.clock = clock;
		this.dynamicLinks = dynamicLinks;
		this.scheduling = scheduling;
		this.calendarImports = calendarImports;
		this.statuses = statuses;
		this.invitations = invitations;
	}

	// --- meetings

	/**
	 * Schedules a meeting and creates its calls: every occurrence that has not ended, up to the
	 * horizon for a series. Fails on a meeting that is already over. See {@link MeetingScheduling}.
	 */
	public Meeting schedule(UUID companyId, MeetingDraft draft) {
		return scheduling.schedule(companyId, draft);
	}

	/**
	 * Imports the meetings of an iCalendar file (as Google Calendar, Outlook, Apple Calendar and
	 * Evolution export them). An event imported before (same UID) updates its meeting: new
	 * occurrences are added, removed ones cancelled, moved ones re-planned. One broken event never
	 * refuses the file: it is skipped with its line and reason and the others are imported; only a
	 * file that is not a calendar at all (or too large) fails, naming the line. See {@link CalendarImports}.
	 */
	public CalendarImport importCalendar(UUID companyId, byte[] ics) {
		return calendarImports.importCalendar(companyId, ics);
	}

	public Meeting meeting(UUID companyId, UUID meetingId) {
		return meetings.findById(companyId, meetingId).orElseThrow(() -> NotFound.coded("notFound.meeting"));
	}

	public MeetingPage meetings(UUID companyId, int page, int size) {
		int p = Math.max(page, 0);
		int s = size <= 0 ? 50 : Math.min(size, 200);
		return new MeetingPage(meetings.page(companyId, p * s, s), meetings.count(companyId), p, s);
	}

	/**
	 * How many scheduled meetings (not cancelled, with an owner and an occurrence to come) have
	 * invites carrying consent links: what changing a link name touches (PRODUCT C5).
	 */
	public long scheduledMeetingsWithConsentLinks(UUID companyId) {
		return meetings.scheduledWithConsentLinks(companyId, Instant.now(clock));
	}

	/**
	 * The provider of a DYNAMIC meeting whose integration was disconnected since (PRODUCT L5): its
	 * join link may no longer work, and its consent page says so. Empty for other meetings.
	 */
	public Optional<Provider> disconnectedProvider(UUID companyId, Meeting meeting) {
		return dynamicLinks.disconnected(companyId, meeting);
	}

	/** Cancels a meeting: its occurrences that have not started are cancelled. Cancelling again changes nothing. */
	public Meeting cancelMeeting(UUID companyId, UUID meetingId) {
		return scheduling.cancelMeeting(companyId, meetingId);
	}

	/** The meeting's next occurrences (not ended, not cancelled), soonest first. */
	public List<Call> upcomingOccurrences(UUID companyId, UUID meetingId, int limit) {
		return calls.upcoming(companyId, meetingId, Instant.now(clock), Math.min(Math.max(limit, 1), 500));
	}

	/** How many occurrences of the meeting exist as calls (cancelled ones not counted). */
	public long occurrenceCount(UUID companyId, UUID meetingId) {
		return calls.countNotCancelled(companyId, meetingId);
	}

	/**
	 * What goes into the meeting's invite: its consent link, no dial-in for static links (PRODUCT
	 * L4) and the ready-to-paste text (see {@link Invitations}).
	 */
	public Invitation invitation(UUID companyId, Meeting meeting, String baseUrl, @Nullable String language) {
		return invitations.invitation(companyId, meeting, baseUrl, language);
	}

	/**
	 * The meeting's consent link: the host's personal link when the meeting is held in the host's
	 * own room, else the meeting's own {@code /{company}/{member}/{meeting}} (L6, C9); null when its
	 * host has no consent page.
	 */
	public @Nullable String consentLink(UUID companyId, Meeting meeting, String baseUrl) {
		return invitations.consentLink(companyId, meeting, baseUrl);
	}

	/**
	 * The provider's raw join link when the meeting's invite carries it instead of the consent link
	 * (PRODUCT E5): the meeting was imported from a calendar, its host has a consent link, and the
	 * invite has a provider's meeting link but not the consent link (compared without the link
	 * token, so an older token still counts). Null otherwise, also for meetings Assent wrote the
	 * invite of (created through the API).
	 */
	public @Nullable String rawLinkInInvite(UUID companyId, Meeting meeting, String baseUrl) {
		return invitations.rawLinkInInvite(companyId, meeting, baseUrl);
	}

	/** {@link #rawLinkInInvite} of several meetings, by meeting id (only those with a raw link), in a few queries. */
	public Map<UUID, String> rawLinksInInvites(UUID companyId, Collection<Meeting> meetings, String baseUrl) {
		return invitations.rawLinksInInvites(companyId, meetings, baseUrl);
	}

	/** {@link #consentLink} of several meetings, by meeting id (those without one left out), with one member lookup per host. */
	public Map<UUID, String> consentLinks(UUID companyId, Collection<Meeting> meetings, String baseUrl) {
		return invitations.consentLinks(companyId, meetings, baseUrl);
	}

	/** The calls with these ids (those that exist), one query. */
	public List<Call> find(UUID companyId, Collection<UUID> callIds) {
		return callIds.isEmpty() ? List.of() : calls.findByIds(companyId, callIds);
	}

	/**
	 * {@link #find} for calls of several companies, as a read to send in the caller's own round trip (issue 7: the
	 * opt-outs of the decisions' group commit read their calls with the statement that stores them).
	 */
	public SqlRead<Call> readByIds(Map<UUID, ? extends Collection<UUID>> idsByCompany) {
		return Calls.readByIds(idsByCompany);
	}

	/** The meetings with these ids (those that exist), by id, with a fixed number of queries. */
	public Map<UUID, Meeting> meetings(UUID companyId, Collection<UUID> meetingIds) {
		Map<UUID, Meeting> out = new HashMap<>();
		if (!meetingIds.isEmpty()) {
			this.meetings.findByIds(companyId, meetingIds).forEach(m -> out.put(m.id(), m));
		}
		return out;
	}

	// --- calls

	public Call get(UUID companyId, UUID callId) {
		return calls.findById(companyId, callId).orElseThrow(() -> NotFound.coded("notFound.call"));
	}

	public Optional<Call> find(UUID companyId, UUID callId) {
		return calls.findById(companyId, callId);
	}

	public CallPage search(UUID companyId, CallQuery query) {
		return new CallPage(calls.search(companyId, query), calls.count(companyId, query), query.page(), query.size());
	}

	/**
	 * The call of each meeting a consent decision taken at {@code at} through the meeting's own
	 * link belongs to ({@link OccurrenceRule}, PRODUCT C7), by meeting id; one query.
	 */
	public Map<UUID, Call> occurrencesOfMeetings(UUID companyId, Collection<UUID> meetingIds, Instant at) {
		return pick(calls.candidatesOfMeetings(companyId, meetingIds, at), Call::meetingId, at);
	}

	/**
	 * The call held in each room (a member's personal meeting link) a consent decision taken at
	 * {@code at} through that member's personal link belongs to ({@link OccurrenceRule}), by join link.
	 */
	public Map<String, Call> occurrencesInRooms(UUID companyId, Collection<String> joinUrls, Instant at) {
		return pick(calls.candidatesInRooms(companyId, joinUrls, at), Call::joinUrl, at);
	}

	private static <K> Map<K, Call> pick(List<Call> candidates, java.util.function.Function<Call, K> link, Instant at) {
		Map<K, List<Call>> byLink = new HashMap<>();
		candidates.forEach(c -> byLink.computeIfAbsent(link.apply(c), k -> new ArrayList<>()).add(c));
		Map<K, Call> out = new HashMap<>();
		byLink.forEach((k, ofLink) -> OccurrenceRule.pick(ofLink, at).ifPresent(c -> out.put(k, c)));
		return out;
	}

	/** The meeting whose consent link ends with {@code linkSlug} (see {@link Meeting#linkSlug()}). */
	public Optional<Meeting> meetingByLink(UUID companyId, String linkSlug) {
		return meetings.findByLinkSlug(companyId, linkSlug);
	}

	/** The call with its invitees, owner and governing profile (the owner's, PRODUCT P5), as of now (P4). */
	public CallDetails details(UUID companyId, Call call) {
		List<Invitee> invitees = meetings.invitees(companyId, List.of(call.meetingId())).getOrDefault(call.meetingId(), List.of());
		if (call.ownerId() == null) {
			return new CallDetails(call, invitees, null, null);
		}
		Optional<Member> owner = findMember(companyId, call.ownerId());
		if (owner.isEmpty()) {
			return new CallDetails(call, invitees, null, null);
		}
		ConsentProfile profile = profiles.profileOf(companyId, call.ownerId());
		return new CallDetails(call, invitees, person(owner.get()), new CallDetails.ProfileRef(profile.id(), profile.name()));
	}

	/** {@link #details(UUID, Call)} for a page of calls, with a fixed number of queries. */
	public List<CallDetails> details(UUID companyId, List<Call> page) {
		Map<UUID, List<Invitee>> invitees = meetings.invitees(companyId, page.stream().map(Call::meetingId).distinct().toList());
		Map<UUID, Member> owners = new LinkedHashMap<>();
		for (Call c : page) {
			if (c.ownerId() != null && !owners.containsKey(c.ownerId())) {
				findMember(companyId, c.ownerId()).ifPresent(m -> owners.put(m.id(), m));
			}
		}
		Map<UUID, ProfileAssignment> assignments = owners.isEmpty() ? Map.of()
				: members.effectiveProfiles(companyId, owners.values());
		Map<UUID, String> profileNames = new HashMap<>();
		if (!owners.isEmpty()) {
			profiles.list(companyId).forEach(p -> profileNames.put(p.id(), p.name()));
		}
		List<CallDetails> out = new ArrayList<>();
		for (Call c : page) {
			Member owner = c.ownerId() == null ? null : owners.get(c.ownerId());
			CallDetails.ProfileRef profile = null;
			if (owner != null) {
				UUID profileId = assignments.get(owner.id()).profileId();
				profile = new CallDetails.ProfileRef(profileId, profileNames.getOrDefault(profileId, "?"));
			}
			out.add(new CallDetails(c, invitees.getOrDefault(c.meetingId(), List.of()), owner == null ? null : person(owner),
					profile));
		}
		return out;
	}

	/** The team member who owns a meeting's calls, if any still exists. */
	public Optional<CallDetails.Person> owner(UUID companyId, @Nullable UUID ownerId) {
		return ownerId == null ? Optional.empty() : findMember(companyId, ownerId).map(CallManagement::person);
	}

	private Optional<Member> findMember(UUID companyId, UUID memberId) {
		try {
			return Optional.of(members.get(companyId, memberId));
		}
		catch (NotFound ex) {
			return Optional.empty();
		}
	}

	private static CallDetails.Person person(Member m) {
		return new CallDetails.Person(m.id(), m.name(), m.email());
	}

	// --- status changes, for the recording module (CallStatuses). Statuses only move forward:
	// SCHEDULED → RECORDING → RECORDED → PARTIAL → SKIPPED; a mark that would move back, or repeats
	// the current status, changes nothing and returns the call as it is.

	/** The recorder reported the call started (its bot joined or began recording); the first report counts. */
	public void markStarted(UUID companyId, UUID callId, Instant at) {
		statuses.markStarted(companyId, callId, at);
	}

	/** The recorder reported the call ended: decisions no longer belong to it (see {@link OccurrenceRule}). */
	public void markEnded(UUID companyId, UUID callId, Instant at) {
		statuses.markEnded(companyId, callId, at);
	}

	/**
	 * A participant who opted out changed their mind (PRODUCT C10) and nobody else's opt-out stands:
	 * the call skipped for an opt-out becomes recordable again — SCHEDULED before it started,
	 * RECORDING when a new recording of it begins. Answers whether it moved.
	 */
	public boolean reopen(UUID companyId, UUID callId, CallStatus to) {
		return statuses.reopen(companyId, callId, to);
	}

	/** The recorder started recording the call. */
	public Call markRecording(UUID companyId, UUID callId) {
		return statuses.markRecording(companyId, callId);
	}

	/** The call was recorded in full. */
	public Call markRecorded(UUID companyId, UUID callId) {
		return statuses.markRecorded(companyId, callId);
	}

	/**
	 * A call an opt-out stopped, for {@link #markAllStopped}: cut short and kept up to {@code keptUntil}
	 * ({@link #markPartial}), or skipped for {@code reason} at {@code at} ({@link #markSkipped}).
	 */
	public record Stopped(UUID companyId, UUID callId, @Nullable Instant keptUntil, @Nullable SkipReason reason,
			Instant at) {

		public static Stopped cutShort(UUID companyId, UUID callId, Instant keptUntil) {
			return new Stopped(companyId, callId, keptUntil, null, keptUntil);
		}

		public static Stopped skipped(UUID companyId, UUID callId, SkipReason reason, Instant at) {
			return new Stopped(companyId, callId, null, reason, at);
		}

	}

	/**
	 * {@link #markPartial} or {@link #markSkipped} for many calls (each once) in one statement — the
	 * calls the opt-outs of a group commit stopped (issue 7) — with the same events for the calls that moved.
	 */
	public void markAllStopped(List<Stopped> stopped) {
		statuses.markAllStopped(stopped);
	}

	/** The recording is kept up to {@code keptUntil} only: a late opt-out (PRODUCT D5). */
	public Call markPartial(UUID companyId, UUID callId, Instant keptUntil) {
		return statuses.markPartial(companyId, callId, keptUntil);
	}

	/**
	 * The call is not recorded, or nothing of it is kept (PRODUCT D5, D6, D8). Publishes
	 * {@link CallSkipped} when the call was not skipped before; a call skipped already keeps its
	 * first reason.
	 */
	public Call markSkipped(UUID companyId, UUID callId, SkipReason reason, Instant at) {
		return statuses.markSkipped(companyId, callId, reason, at);
	}

}
