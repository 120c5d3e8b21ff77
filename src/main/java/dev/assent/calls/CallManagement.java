package dev.assent.calls;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Collection;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.regex.Pattern;

import org.jspecify.annotations.Nullable;

import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import dev.assent.accounts.Company;
import dev.assent.accounts.CompanyManagement;
import dev.assent.accounts.ConsentLinks;
import dev.assent.accounts.Member;
import dev.assent.accounts.MemberManagement;
import dev.assent.accounts.ProfileAssignment;
import dev.assent.calls.Recurrences.Expansion;
import dev.assent.calls.Recurrences.Occurrence;
import dev.assent.calls.spi.ProviderMeetingRequest;
import dev.assent.profiles.ConsentProfile;
import dev.assent.profiles.ProfileManagement;
import dev.assent.shared.ConfigChanges;
import dev.assent.shared.InvalidInput;
import dev.assent.shared.NotFound;

/**
 * Meetings and their occurrences (PRODUCT D1, D2, C7, J2). Scheduling a meeting resolves its
 * owner, expands its recurrence in its own time zone and creates one {@link Call} per occurrence
 * up to a horizon (see {@link CallSettings}); the recording module moves calls on through the
 * {@code mark…} methods. Every method takes the caller's company id and never sees another
 * company's rows.
 */
@Service
public class CallManagement {

	private static final Pattern EMAIL = Pattern.compile("^[^@\\s]{1,64}@[^@\\s]+\\.[^@\\s]+$");

	static final Duration MAX_DURATION = Duration.ofHours(24);

	static final int MAX_INVITEES = 500;

	static final int MAX_CALLS_PER_IMPORT = 5000;

	/** Meetings lie in this range; anything else is a typo or a broken calendar file. */
	static final Instant EARLIEST = Instant.parse("2000-01-01T00:00:00Z");

	static final Instant LATEST = Instant.parse("2200-01-01T00:00:00Z");

	/** The largest iCalendar file {@link #importCalendar} reads. */
	public static final int MAX_CALENDAR_BYTES = CalendarFiles.MAX_BYTES;

	private static final Set<CallStatus> NOT_STARTED = EnumSet.of(CallStatus.SCHEDULED);

	private final Meetings meetings;

	private final Calls calls;

	private final MemberManagement members;

	private final CompanyManagement companies;

	private final ProfileManagement profiles;

	private final ProviderDomains providers;

	private final ApplicationEventPublisher events;

	private final CallSettings settings;

	private final Clock clock;

	private final ConsentLinks consentLinks;

	private final MeetingLinks links;

	private final DynamicLinks dynamicLinks;

	private final ConfigChanges changes;

	private final CallStatuses statuses;

	private final Invitations invitations;

	private final org.springframework.beans.factory.ObjectProvider<dev.assent.calls.CompanyLinkTypes> linkTypes;

	CallManagement(Meetings meetings, Calls calls, MemberManagement members, CompanyManagement companies,
			ProfileManagement profiles, ProviderDomains providers, ApplicationEventPublisher events, CallSettings settings,
			Clock clock, ConsentLinks consentLinks, MeetingLinks links, DynamicLinks dynamicLinks, ConfigChanges changes,
			org.springframework.beans.factory.ObjectProvider<dev.assent.calls.CompanyLinkTypes> linkTypes,
			CallStatuses statuses, Invitations invitations) {
		this.invitations = invitations;
		this.statuses = statuses;
		this.linkTypes = linkTypes;
		this.changes = changes;
		this.dynamicLinks = dynamicLinks;
		this.consentLinks = consentLinks;
		this.meetings = meetings;
		this.calls = calls;
		this.members = members;
		this.companies = companies;
		this.profiles = profiles;
		this.providers = providers;
		this.events = events;
		this.settings = settings;
		this.clock = clock;
		this.links = links;
	}

	// --- meetings

	/**
	 * Schedules a meeting and creates its calls: every occurrence that has not ended, up to the
	 * horizon for a series. Fails on a meeting that is already over.
	 */
	@Transactional
	public Meeting schedule(UUID companyId, MeetingDraft draft) {
		Instant now = Instant.now(clock);
		Plan plan = plan(companyId, withCompanyLinkType(companyId, draft));
		Expansion expansion = expand(plan.meeting(companyId, now, null), now);
		if (expansion.occurrences().isEmpty() && expansion.next() == null) {
			throw InvalidInput.of("end", "invalid.the-meeting-is-over-none-of-its-occurrences");
		}
		if (plan.linkType() == MeetingLinkType.DYNAMIC) {
			// L1: the provider meeting is created on the organizer's behalf; its join URL is the meeting's
			DynamicLinks.Created created = dynamicLinks.create(companyId, draft.provider(),
					new ProviderMeetingRequest(plan.title(), plan.organizerEmail(), plan.start(), plan.end(),
							plan.zone().getId(), plan.recurrence()));
			plan = plan.withJoinUrl(created.provider(), created.meeting().joinUrl());
			Meeting meeting = create(plan.meeting(companyId, now, expansion.next()), expansion, now);
			dynamicLinks.store(companyId, meeting.id(), created, now);
			return meeting;
		}
		return create(plan.meeting(companyId, now, expansion.next()), expansion, now);
	}

	/**
	 * Imports the meetings of an iCalendar file (as Google Calendar, Outlook, Apple Calendar and
	 * Evolution export them). An event imported before (same UID) updates its meeting: new
	 * occurrences are added, removed ones cancelled, moved ones re-planned. One broken event never
	 * refuses the file: it is skipped with its line and reason and the others are imported; only a
	 * file that is not a calendar at all (or too large) fails, naming the line.
	 */
	@Transactional
	public CalendarImport importCalendar(UUID companyId, byte[] ics) {
		Instant now = Instant.now(clock);
		List<Meeting> created = new ArrayList<>();
		List<Meeting> updated = new ArrayList<>();
		List<CalendarImport.Skipped> skipped = new ArrayList<>();
		long newCalls = 0;
		for (CalendarFiles.Entry entry : CalendarFiles.read(ics, providers::of)) {
			if (entry instanceof CalendarFiles.Skip skip) {
				skipped.add(new CalendarImport.Skipped(skip.uid(), skip.summary(), skip.reason(), line(skip.line())));
				continue;
			}
			CalendarFiles.Event event = (CalendarFiles.Event) entry;
			MeetingDraft draft = event.draft();
			Integer line = line(event.line());
			Optional<Meeting> existing = draft.calendarUid() == null ? Optional.empty()
					: meetings.findByCalendarUid(companyId, draft.calendarUid());
			if (event.cancelled()) {
				if (existing.isPresent()) {
					updated.add(cancel(existing.get(), now));
				}
				else {
					skipped.add(new CalendarImport.Skipped(draft.calendarUid(), draft.title(), "cancelled in the calendar", line));
				}
				continue;
			}
			Plan plan;
			Expansion expansion;
			try {
				plan = plan(companyId, draft);
				expansion = expand(plan.meeting(companyId, now, null), now);
			}
			catch (NoJoinLink ex) {
				skipped.add(new CalendarImport.Skipped(draft.calendarUid(), draft.title(), ex.fields().get("joinUrl"), line));
				continue;
			}
			catch (InvalidInput ex) {
				String field = ex.fields().keySet().iterator().next();
				skipped.add(new CalendarImport.Skipped(draft.calendarUid(), draft.title(),
						(line == null ? "" : "line " + line + ": ") + field + " " + ex.fields().get(field), line));
				continue;
			}
			catch (DynamicLinkUnavailable ex) {
				skipped.add(new CalendarImport.Skipped(draft.calendarUid(), draft.title(), ex.getMessage(), line));
				continue;
			}
			catch (IllegalArgumentException | IndexOutOfBoundsException | java.time.DateTimeException
					| ArithmeticException | java.util.NoSuchElementException ex) {
				// a rule or date the recurrence library cannot expand: this event only
				skipped.add(new CalendarImport.Skipped(draft.calendarUid(), draft.title(), (line == null ? "" : "line " + line
						+ ": ") + "cannot be scheduled (" + ex.getClass().getSimpleName() + ")", line));
				continue;
			}
			if (existing.isPresent()) {
				Meeting m = update(existing.get(), plan, now);
				meetings.setInviteLinks(companyId, m.id(), event.inviteLinks());
				updated.add(m);
				continue;
			}
			if (expansion.occurrences().isEmpty() && expansion.next() == null) {
				skipped.add(new CalendarImport.Skipped(draft.calendarUid(), draft.title(), "ended before now", line));
				continue;
			}
			newCalls += expansion.occurrences().size();
			if (newCalls > MAX_CALLS_PER_IMPORT) {
				throw InvalidInput.of(CalendarFiles.FIELD, "invalid.calendar.too-many-calls", MAX_CALLS_PER_IMPORT);
			}
			Meeting m = create(plan.meeting(companyId, now, expansion.next()), expansion, now);
			meetings.setInviteLinks(companyId, m.id(), event.inviteLinks());
			created.add(m);
		}
		return new CalendarImport(created, updated, skipped);
	}

	private static @Nullable Integer line(int line) {
		return line > 0 ? line : null;
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
	@Transactional
	public Meeting cancelMeeting(UUID companyId, UUID meetingId) {
		Meeting meeting = meetings.lock(companyId, meetingId, false).orElseThrow(() -> NotFound.coded("notFound.meeting"));
		return meeting.cancelledAt() != null ? meeting : cancel(meeting, Instant.now(clock));
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
	public @Nullable String rawLinkInInvite(UUID companyId, Meeting meeting, String baseUrl) {
		return rawLinksInInvites(companyId, List.of(meeting), baseUrl).get(meeting.id());
	}

	/** {@link #rawLinkInInvite} of several meetings, by meeting id (only those with a raw link), in a few queries. */
	public Map<UUID, String> rawLinksInInvites(UUID companyId, Collection<Meeting> meetings, String baseUrl) {
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

	/** {@link #consentLink} of several meetings, by meeting id (those without one left out), with one member lookup per host. */
	public Map<UUID, String> consentLinks(UUID companyId, Collection<Meeting> meetings, String baseUrl) {
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

	/** The calls with these ids (those that exist), one query. */
	public List<Call> find(UUID companyId, Collection<UUID> callIds) {
		return callIds.isEmpty() ? List.of() : calls.findByIds(companyId, callIds);
	}

	/** The meetings with these ids (those that exist), by id, with a fixed number of queries. */
	public Map<UUID, Meeting> meetings(UUID companyId, Collection<UUID> meetingIds) {
		Map<UUID, Meeting> out = new HashMap<>();
		if (!meetingIds.isEmpty()) {
			this.meetings.findByIds(companyId, meetingIds).forEach(m -> out.put(m.id(), m));
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

	// --- the horizon (see CallHorizonJob)

	/**
	 * Adds the occurrences of one series that have come within the horizon. Returns false when
	 * there was nothing to do or another node holds the meeting.
	 */
	@Transactional
	boolean extend(UUID companyId, UUID meetingId) {
		Instant now = Instant.now(clock);
		Optional<Meeting> locked = meetings.lock(companyId, meetingId, true);
		if (locked.isEmpty()) {
			return false;
		}
		Meeting m = locked.get();
		Instant horizon = now.plus(settings.horizon());
		if (m.cancelledAt() != null || m.expandedUntil() == null || !m.expandedUntil().isBefore(horizon)) {
			return false;
		}
		long room = settings.maxOccurrences() - calls.countUpcoming(companyId, meetingId, now);
		if (room <= 0) {
			return false;
		}
		Expansion e = Recurrences.expand(schedule(m), m.expandedUntil(), now, horizon, (int) room);
		for (Occurrence o : e.occurrences()) {
			insert(m, o, now);
		}
		meetings.setExpandedUntil(companyId, meetingId, e.next());
		return true;
	}

	// --- internals

	/** A validated draft: everything needed to store the meeting. */
	private record Plan(String title, String organizerEmail, Provider provider, @Nullable String joinUrl, Instant start,
			Instant end, ZoneId zone, @Nullable String recurrence, List<Instant> exdates, List<OccurrenceChange> changes,
			List<Invitee> invitees, MeetingLinkType linkType, @Nullable UUID ownerId, @Nullable String calendarUid,
			@Nullable UUID hostId, List<Instant> rdates) {

		Plan withJoinUrl(Provider provider, String joinUrl) {
			return new Plan(title, organizerEmail, provider, joinUrl, start, end, zone, recurrence, exdates, changes, invitees,
					linkType, ownerId, calendarUid, hostId, rdates);
		}

		Meeting meeting(UUID companyId, Instant now, @Nullable Instant expandedUntil) {
			return new Meeting(UUID.randomUUID(), companyId, title, organizerEmail, provider, joinUrl, start, end,
					zone.getId(), recurrence, exdates, changes, invitees, linkType, ownerId, calendarUid, expandedUntil, now,
					now, null, newLinkSlug(), hostId, rdates);
		}

	}

	/** The owner has no personal meeting link and the meeting names none. */
	private static final class NoJoinLink extends InvalidInput {

		NoJoinLink(String ownerName) {
			super("joinUrl", "invalid.meeting.no-join-link", new Object[] { ownerName });
		}

	}

	/**
	 * The draft with the company's default link type when it names none (PRODUCT L1): DYNAMIC when
	 * the company uses dynamic links and the meeting brings no join link of its own; STATIC when it
	 * uses static links or lets the host decide and the host did not.
	 */
	private MeetingDraft withCompanyLinkType(UUID companyId, MeetingDraft d) {
		if (d.linkType() != null) {
			return d;
		}
		dev.assent.calls.CompanyLinkTypes defaults = linkTypes.getIfAvailable();
		MeetingLinkType company = defaults == null ? MeetingLinkType.STATIC : defaults.defaultFor(companyId);
		boolean ownLink = d.joinUrl() != null && !d.joinUrl().isBlank();
		MeetingLinkType type = company == MeetingLinkType.DYNAMIC && !ownLink ? MeetingLinkType.DYNAMIC : MeetingLinkType.STATIC;
		return new MeetingDraft(d.title(), d.organizerEmail(), d.provider(), d.joinUrl(), d.start(), d.end(), d.timeZone(),
				d.recurrence(), d.exdates(), d.changes(), d.invitees(), type, d.calendarUid(), d.rdates());
	}

	private Plan plan(UUID companyId, MeetingDraft d) {
		String title = d.title() == null ? "" : d.title().strip();
		if (title.isEmpty() || title.length() > 300) {
			throw InvalidInput.of("title", "invalid.must-be-1-to-300-characters");
		}
		String organizer = email("organizerEmail", d.organizerEmail());
		ZoneId zone = TimeZones.require("timeZone", d.timeZone());
		if (!d.end().isAfter(d.start())) {
			throw InvalidInput.of("end", "invalid.must-be-after-start");
		}
		if (d.start().isBefore(EARLIEST) || d.end().isAfter(LATEST)) {
			throw InvalidInput.of("start", "invalid.must-lie-between-the-years-2000-and-2199");
		}
		for (Instant extra : d.rdates()) {
			if (extra.isBefore(EARLIEST) || extra.isAfter(LATEST)) {
				throw InvalidInput.of("rdates", "invalid.must-lie-between-the-years-2000-and-2199");
			}
		}
		if (Duration.between(d.start(), d.end()).compareTo(MAX_DURATION) > 0) {
			throw InvalidInput.of("end", "invalid.must-be-at-most-24-hours-after-start");
		}
		String recurrence = d.recurrence() == null || d.recurrence().isBlank() ? null : Recurrences.normalize(d.recurrence());
		if (recurrence == null && d.rdates().isEmpty() && !d.exdates().isEmpty()) {
			throw InvalidInput.of("exdates", "invalid.only-apply-to-a-recurring-meeting-give-recurrence");
		}
		if (d.invitees().size() > MAX_INVITEES) {
			throw InvalidInput.of("invitees", "invalid.at-most", MAX_INVITEES);
		}
		Map<String, Invitee> invitees = new LinkedHashMap<>();
		for (int i = 0; i < d.invitees().size(); i++) {
			Invitee invitee = d.invitees().get(i);
			String email = email("invitees[" + i + "].email", invitee.email());
			String name = invitee.name() == null || invitee.name().isBlank() ? null : invitee.name().strip();
			if (name != null && name.length() > 200) {
				throw InvalidInput.of("invitees[" + i + "].name", "invalid.must-be-at-most-200-characters");
			}
			if (!email.equalsIgnoreCase(organizer)) {
				invitees.putIfAbsent(email.toLowerCase(Locale.ROOT), new Invitee(email, name));
			}
		}
		List<Invitee> inviteeList = List.copyOf(invitees.values());
		Optional<Member> owner = CallOwners.owner(organizer, inviteeList, email -> members.findByEmail(companyId, email));
		String joinUrl = d.joinUrl() == null || d.joinUrl().isBlank() ? null : links.requireSafe(companyId, "joinUrl", d.joinUrl());
		boolean dynamic = d.linkType() == MeetingLinkType.DYNAMIC;
		if (dynamic && joinUrl != null) {
			throw InvalidInput.of("joinUrl", "invalid.meeting.join-url-with-dynamic");
		}
		if (joinUrl == null && owner.isPresent() && !dynamic) {
			joinUrl = owner.get().personalMeetingUrl();
			if (joinUrl == null) {
				throw new NoJoinLink(owner.get().name());
			}
		}
		Provider detected = providers.of(joinUrl);
		if (d.provider() != null && joinUrl != null && detected != Provider.OTHER && d.provider() != detected) {
			throw InvalidInput.of("provider", "invalid.meeting.provider-mismatch", d.provider(), detected.displayName(), detected);
		}
		Provider provider = d.provider() != null ? d.provider() : detected;
		Optional<Member> host = CallOwners.host(organizer, inviteeList, joinUrl, owner,
				email -> members.findByEmail(companyId, email));
		return new Plan(title, organizer, provider, joinUrl, d.start(), d.end(), zone, recurrence, d.exdates(), d.changes(),
				inviteeList, d.linkType() != null ? d.linkType() : MeetingLinkType.STATIC, owner.map(Member::id).orElse(null),
				d.calendarUid(), host.map(Member::id).orElse(null), d.rdates());
	}

	private static String email(String field, @Nullable String value) {
		String clean = value == null ? "" : value.strip();
		if (clean.length() > 254 || !EMAIL.matcher(clean).matches()) {
			throw InvalidInput.of(field, "invalid.must-be-a-valid-email-address");
		}
		return clean;
	}

	private static Recurrences.Schedule schedule(Meeting m) {
		return new Recurrences.Schedule(m.start(), m.end(), ZoneId.of(m.timeZone()), m.recurrence(), m.exdates(),
				m.changes(), m.rdates());
	}

	/** The occurrences from the meeting's start that have not ended, up to the horizon. */
	private Expansion expand(Meeting m, Instant now) {
		return Recurrences.expand(schedule(m), m.start(), now, now.plus(settings.horizon()), settings.maxOccurrences());
	}

	private Meeting create(Meeting meeting, Expansion expansion, Instant now) {
		meetings.insert(meeting);
		for (Occurrence o : expansion.occurrences()) {
			insert(meeting, o, now);
		}
		return meeting;
	}

	/** Stores an occurrence as a call unless it exists; publishes {@link CallScheduled} (and {@link CallSkipped} without owner). */
	private void insert(Meeting m, Occurrence o, Instant now) {
		boolean owned = m.ownerId() != null;
		Call call = new Call(UUID.randomUUID(), m.companyId(), m.id(), o.title() != null ? o.title() : m.title(),
				o.occurrenceStart(), o.start(), o.end(), m.timeZone(), m.provider(), m.joinUrl(), m.ownerId(),
				owned ? CallStatus.SCHEDULED : CallStatus.SKIPPED, owned ? null : SkipReason.NO_OWNER, owned ? null : now,
				null, null, null);
		if (calls.insertIfAbsent(call, now)) {
			scheduled(call, now);
			if (!owned) {
				events.publishEvent(new CallSkipped(call.id(), call.companyId(), SkipReason.NO_OWNER, now));
			}
		}
	}

	private void scheduled(Call c, Instant now) {
		events.publishEvent(new CallScheduled(c.id(), c.companyId(), c.meetingId(), c.ownerId(), c.plannedStart(),
				c.plannedEnd(), c.provider(), c.joinUrl(), now));
	}

	/** Re-plans an imported meeting: adds new occurrences, cancels removed ones, moves changed ones. */
	private Meeting update(Meeting existing, Plan plan, Instant now) {
		Meeting draft = plan.meeting(existing.companyId(), now, null);
		Meeting m = new Meeting(existing.id(), existing.companyId(), draft.title(), draft.organizerEmail(), draft.provider(),
				draft.joinUrl(), draft.start(), draft.end(), draft.timeZone(), draft.recurrence(), draft.exdates(),
				draft.changes(), draft.invitees(), draft.linkType(), draft.ownerId(), existing.calendarUid(), null,
				existing.createdAt(), now, null, existing.linkSlug(), draft.hostId(), draft.rdates());
		Expansion expansion = expand(m, now);
		m = withExpandedUntil(m, expansion.next());
		meetings.update(m);
		// A meeting's consent page (its link, room, host) is cached like any page: show the change.
		changes.changed(m.companyId());
		Map<Instant, Call> current = new LinkedHashMap<>();
		for (Call c : calls.notEnded(m.companyId(), m.id(), now)) {
			current.put(c.occurrenceStart(), c);
		}
		for (Occurrence o : expansion.occurrences()) {
			Call c = current.remove(o.occurrenceStart());
			if (c == null) {
				insert(m, o, now);
			}
			else {
				replan(m, c, o, now);
			}
		}
		for (Call c : current.values()) {
			boolean beyondExpansion = expansion.next() != null && !c.occurrenceStart().isBefore(expansion.next());
			if (!beyondExpansion && notStarted(c)) {
				cancelCall(c, now);
			}
		}
		return m;
	}

	private void replan(Meeting m, Call c, Occurrence o, Instant now) {
		if (!notStarted(c) && c.status() != CallStatus.CANCELLED) {
			return;
		}
		String title = o.title() != null ? o.title() : m.title();
		boolean changed = !c.plannedStart().equals(o.start()) || !c.plannedEnd().equals(o.end()) || !c.title().equals(title)
				|| c.provider() != m.provider() || !java.util.Objects.equals(c.joinUrl(), m.joinUrl())
				|| !java.util.Objects.equals(c.ownerId(), m.ownerId()) || !c.timeZone().equals(m.timeZone());
		if (changed) {
			calls.replan(m.companyId(), c.id(), o.start(), o.end(), title, m.provider(), m.joinUrl(), m.ownerId(),
					m.timeZone(), now);
		}
		boolean owned = m.ownerId() != null;
		CallStatus wanted = owned ? CallStatus.SCHEDULED : CallStatus.SKIPPED;
		if (c.status() != wanted) {
			calls.transition(m.companyId(), c.id(), EnumSet.of(c.status()), wanted, owned ? null : SkipReason.NO_OWNER,
					null, now);
			if (!owned) {
				events.publishEvent(new CallSkipped(c.id(), m.companyId(), SkipReason.NO_OWNER, now));
				return;
			}
		}
		if (owned && (changed || c.status() != wanted)) {
			scheduled(get(m.companyId(), c.id()), now);
		}
	}

	/** Scheduled, or skipped only for want of an owner: nothing has happened on the call yet. */
	private static boolean notStarted(Call c) {
		return NOT_STARTED.contains(c.status()) || (c.status() == CallStatus.SKIPPED && c.skipReason() == SkipReason.NO_OWNER);
	}

	private void cancelCall(Call c, Instant now) {
		if (calls.transition(c.companyId(), c.id(), EnumSet.of(c.status()), CallStatus.CANCELLED, null, null, now)) {
			events.publishEvent(new CallCancelled(c.id(), c.companyId(), c.meetingId(), c.plannedStart(), now));
		}
	}

	private Meeting cancel(Meeting meeting, Instant now) {
		Meeting cancelled = new Meeting(meeting.id(), meeting.companyId(), meeting.title(), meeting.organizerEmail(),
				meeting.provider(), meeting.joinUrl(), meeting.start(), meeting.end(), meeting.timeZone(),
				meeting.recurrence(), meeting.exdates(), meeting.changes(), meeting.invitees(), meeting.linkType(),
				meeting.ownerId(), meeting.calendarUid(), null, meeting.createdAt(), now, now, meeting.linkSlug(),
				meeting.hostId(), meeting.rdates());
		meetings.update(cancelled);
		changes.changed(meeting.companyId());
		for (Call c : calls.notEnded(meeting.companyId(), meeting.id(), now)) {
			if (notStarted(c)) {
				cancelCall(c, now);
			}
		}
		return cancelled;
	}

	private static Meeting withExpandedUntil(Meeting m, @Nullable Instant expandedUntil) {
		return new Meeting(m.id(), m.companyId(), m.title(), m.organizerEmail(), m.provider(), m.joinUrl(), m.start(),
				m.end(), m.timeZone(), m.recurrence(), m.exdates(), m.changes(), m.invitees(), m.linkType(), m.ownerId(),
				m.calendarUid(), expandedUntil, m.createdAt(), m.updatedAt(), m.cancelledAt(), m.linkSlug(), m.hostId(),
				m.rdates());
	}

	private static final java.security.SecureRandom RANDOM = new java.security.SecureRandom();

	private static final char[] SLUG_CHARS = "abcdefghijkmnopqrstuvwxyz23456789".toCharArray();

	/**
	 * A meeting's consent link segment: 10 random characters of 33 (about 50 bits), so that
	 * meeting links cannot be enumerated; with the member slug (and the token of protected links)
	 * before it.
	 */
	static String newLinkSlug() {
		char[] slug = new char[10];
		for (int i = 0; i < slug.length; i++) {
			slug[i] = SLUG_CHARS[RANDOM.nextInt(SLUG_CHARS.length)];
		}
		return new String(slug);
	}

}
