package dev.assent.calls;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

import org.jspecify.annotations.Nullable;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

import dev.assent.accounts.Member;
import dev.assent.accounts.MemberManagement;
import dev.assent.calls.Recurrences.Expansion;
import dev.assent.calls.Recurrences.Occurrence;
import dev.assent.calls.spi.ProviderMeetingRequest;
import dev.assent.shared.ConfigChanges;
import dev.assent.shared.Emails;
import dev.assent.shared.InvalidInput;
import dev.assent.shared.NotFound;

/**
 * Scheduling (PRODUCT D1, D2, L1, L6): a meeting's draft validated into a plan (owner, host, join
 * link, provider, recurrence), its occurrences expanded in its own time zone up to the horizon and
 * stored as calls ({@link CallScheduled}, {@link CallSkipped} without owner), moves and
 * cancellations of occurrences, and the horizon moving on ({@link CallHorizonJob}). Split out of
 * {@link CallManagement}, which keeps the public methods and delegates here; calendar import
 * ({@link CalendarImports}) plans, creates, updates and cancels meetings through this class too.
 */
@Component
class MeetingScheduling {


	static final Duration MAX_DURATION = Duration.ofHours(24);

	static final int MAX_INVITEES = 500;

	/** Meetings lie in this range; anything else is a typo or a broken calendar file. */
	static final Instant EARLIEST = Instant.parse("2000-01-01T00:00:00Z");

	static final Instant LATEST = Instant.parse("2200-01-01T00:00:00Z");

	private static final Set<CallStatus> NOT_STARTED = EnumSet.of(CallStatus.SCHEDULED);

	private final Meetings meetings;

	private final Calls calls;

	private final MemberManagement members;

	private final ProviderDomains providers;

	private final ApplicationEventPublisher events;

	private final CallSettings settings;

	private final Clock clock;

	private final MeetingLinks links;

	private final DynamicLinks dynamicLinks;

	private final ConfigChanges changes;

	private final ObjectProvider<CompanyLinkTypes> linkTypes;

	MeetingScheduling(Meetings meetings, Calls calls, MemberManagement members, ProviderDomains providers,
			ApplicationEventPublisher events, CallSettings settings, Clock clock, MeetingLinks links,
			DynamicLinks dynamicLinks, ConfigChanges changes, ObjectProvider<CompanyLinkTypes> linkTypes) {
		this.meetings = meetings;
		this.calls = calls;
		this.members = members;
		this.providers = providers;
		this.events = events;
		this.settings = settings;
		this.clock = clock;
		this.links = links;
		this.dynamicLinks = dynamicLinks;
		this.changes = changes;
		this.linkTypes = linkTypes;
	}

	/**
	 * Schedules a meeting and creates its calls: every occurrence that has not ended, up to the
	 * horizon for a series. Fails on a meeting that is already over.
	 */
	@Transactional
	Meeting schedule(UUID companyId, MeetingDraft draft) {
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

	/** Cancels a meeting: its occurrences that have not started are cancelled. Cancelling again changes nothing. */
	@Transactional
	Meeting cancelMeeting(UUID companyId, UUID meetingId) {
		Meeting meeting = meetings.lock(companyId, meetingId, false).orElseThrow(() -> NotFound.coded("notFound.meeting"));
		return meeting.cancelledAt() != null ? meeting : cancel(meeting, Instant.now(clock));
	}

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

	/** A validated draft: everything needed to store the meeting. */
	record Plan(String title, String organizerEmail, Provider provider, @Nullable String joinUrl, Instant start,
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
	static final class NoJoinLink extends InvalidInput {

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
		CompanyLinkTypes defaults = linkTypes.getIfAvailable();
		MeetingLinkType company = defaults == null ? MeetingLinkType.STATIC : defaults.defaultFor(companyId);
		boolean ownLink = d.joinUrl() != null && !d.joinUrl().isBlank();
		MeetingLinkType type = company == MeetingLinkType.DYNAMIC && !ownLink ? MeetingLinkType.DYNAMIC : MeetingLinkType.STATIC;
		return new MeetingDraft(d.title(), d.organizerEmail(), d.provider(), d.joinUrl(), d.start(), d.end(), d.timeZone(),
				d.recurrence(), d.exdates(), d.changes(), d.invitees(), type, d.calendarUid(), d.rdates());
	}

	Plan plan(UUID companyId, MeetingDraft d) {
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
		if (!Emails.isAddress(clean)) {
			throw InvalidInput.of(field, "invalid.must-be-a-valid-email-address");
		}
		return clean;
	}

	private static Recurrences.Schedule schedule(Meeting m) {
		return new Recurrences.Schedule(m.start(), m.end(), ZoneId.of(m.timeZone()), m.recurrence(), m.exdates(),
				m.changes(), m.rdates());
	}

	/** The occurrences from the meeting's start that have not ended, up to the horizon. */
	Expansion expand(Meeting m, Instant now) {
		return Recurrences.expand(schedule(m), m.start(), now, now.plus(settings.horizon()), settings.maxOccurrences());
	}

	Meeting create(Meeting meeting, Expansion expansion, Instant now) {
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
	Meeting update(Meeting existing, Plan plan, Instant now) {
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
			scheduled(calls.findById(m.companyId(), c.id()).orElseThrow(() -> NotFound.coded("notFound.call")), now);
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

	Meeting cancel(Meeting meeting, Instant now) {
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
