package dev.assent.notifications;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.FormatStyle;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;

import org.jsoup.Jsoup;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import dev.assent.accounts.CompanyManagement;
import dev.assent.accounts.MemberManagement;
import dev.assent.calls.Call;
import dev.assent.calls.CallCancelled;
import dev.assent.calls.CallDetails;
import dev.assent.calls.CallManagement;
import dev.assent.calls.CallScheduled;
import dev.assent.calls.CallStatus;
import dev.assent.calls.Invitee;
import dev.assent.calls.Meeting;
import dev.assent.profiles.ConsentProfile;
import dev.assent.profiles.ProfileManagement;
import dev.assent.shared.BaseUrl;

/**
 * Pre-call emails (PRODUCT E1). A scheduled call gets a row due at its planned start minus the
 * governing profile's lead time; a moved call moves it, a cancelled one cancels it. When it falls
 * due, one node renders an email for each external invitee the meeting has <em>then</em> (a removed
 * invitee gets none) with the notice, the consent link of that meeting and the recording
 * statement, in the profile's first language; none goes for a call that has started.
 */
@Service
class PreCallEmails {

	private static final Logger log = LoggerFactory.getLogger(PreCallEmails.class);

	/** The longest lead time a profile may set (ProfileManagement checks 1 to 1440 minutes). */
	static final int MAX_LEAD_MINUTES = 1440;

	private final PreCalls preCalls;

	private final Emails emails;

	private final CallManagement calls;

	private final ProfileManagement profiles;

	private final CompanyManagement companies;

	private final MemberManagement members;

	private final MailTemplates templates;

	private final BaseUrl baseUrl;

	private final Clock clock;

	PreCallEmails(PreCalls preCalls, Emails emails, CallManagement calls, ProfileManagement profiles,
			CompanyManagement companies, MemberManagement members, MailTemplates templates, BaseUrl baseUrl, Clock clock) {
		this.preCalls = preCalls;
		this.emails = emails;
		this.calls = calls;
		this.profiles = profiles;
		this.companies = companies;
		this.members = members;
		this.templates = templates;
		this.baseUrl = baseUrl;
		this.clock = clock;
	}

	/** The call's current plan: (re)schedule its pre-call email. */
	@Transactional
	public void scheduled(CallScheduled e) {
		Instant now = Instant.now(clock);
		// With pre-call emails off, the row waits at the longest lead time: if the profile turns them
		// on before the call, they still go (the due row looks at the profile again).
		Integer lead = e.ownerId() == null ? null : leadMinutes(e.companyId(), e.ownerId());
		PreCalls.Status wanted = e.ownerId() == null ? PreCalls.Status.CANCELLED : PreCalls.Status.WAITING;
		Instant due = e.plannedStart().minus(Duration.ofMinutes(lead == null ? MAX_LEAD_MINUTES : lead));
		String outcome = e.ownerId() == null ? "no owner" : lead == null ? "pre-call emails are off" : "waiting";
		preCalls.insert(e.companyId(), e.callId(), e.plannedStart(), due, wanted, e.occurredAt(), outcome, now);
		PreCalls.PreCall row = preCalls.lock(e.companyId(), e.callId()).orElseThrow();
		if (row.version().isAfter(e.occurredAt())) {
			return; // a newer plan was applied already
		}
		if (row.status() == PreCalls.Status.DONE) {
			if (row.plannedStart().equals(e.plannedStart())) {
				return;
			}
			// Moved after its emails were made: unsent ones are made again for the new time; once one
			// went (or is going), the occurrence has had its email (E4).
			if (!emails.withdrawPending(e.companyId(), Reason.PRE_CALL, e.callId().toString())) {
				return;
			}
			emails.withdrawPending(e.companyId(), Reason.RAW_LINK_REMINDER, e.callId().toString());
		}
		preCalls.update(e.companyId(), e.callId(), e.plannedStart(), due, wanted, e.occurredAt(), outcome, now);
	}

	/** The call will not take place: its pre-call emails are not sent. */
	@Transactional
	public void cancelled(CallCancelled e) {
		Instant now = Instant.now(clock);
		preCalls.insert(e.companyId(), e.callId(), e.plannedStart(), e.plannedStart(), PreCalls.Status.CANCELLED,
				e.occurredAt(), "cancelled", now);
		PreCalls.PreCall row = preCalls.lock(e.companyId(), e.callId()).orElseThrow();
		if (row.version().isAfter(e.occurredAt())) {
			return;
		}
		preCalls.update(e.companyId(), e.callId(), row.plannedStart(), row.dueAt(), PreCalls.Status.CANCELLED,
				e.occurredAt(), "cancelled", now);
		emails.cancelPending(e.companyId(), Reason.PRE_CALL, e.callId().toString(), "the call was cancelled");
		emails.cancelPending(e.companyId(), Reason.RAW_LINK_REMINDER, e.callId().toString(), "the call was cancelled");
	}

	/** Makes the emails of a call whose time has come (claimed by this node); returns how many were made. */
	@Transactional
	public int expand(UUID companyId, UUID callId) {
		return expandAll(companyId, List.of(callId));
	}

	/**
	 * Makes the emails of calls of one company whose time has come (claimed by this node), in one
	 * transaction and with a fixed number of queries for the whole batch (plus one per invitee, to
	 * leave team members out): the rows, calls, meetings, invitees, consent links, raw links and
	 * profiles are read together and the emails stored in one statement. Returns how many were made.
	 */
	@Transactional
	public int expandAll(UUID companyId, List<UUID> callIds) {
		Instant now = Instant.now(clock);
		List<UUID> waiting = preCalls.lockAll(companyId, callIds)
			.stream()
			.filter(r -> r.status() == PreCalls.Status.WAITING)
			.map(PreCalls.PreCall::callId)
			.toList();
		if (waiting.isEmpty()) {
			return 0;
		}
		Map<UUID, Call> found = new HashMap<>();
		calls.find(companyId, waiting).forEach(c -> found.put(c.id(), c));
		Map<UUID, ConsentProfile> profileOfOwner = new HashMap<>();
		Map<UUID, PreCalls.Outcome> outcomes = new java.util.LinkedHashMap<>();
		List<Call> sending = new ArrayList<>();
		List<Call> remindOnly = new ArrayList<>();
		for (UUID callId : waiting) {
			Call call = found.get(callId);
			// A call being recorded has started too, whichever of the recorder and this job noticed first.
			if (call != null && (call.status() == CallStatus.RECORDING
					|| (call.status() == CallStatus.SCHEDULED && !now.isBefore(call.plannedStart())))) {
				outcomes.put(callId, new PreCalls.Outcome(PreCalls.Status.CANCELLED, "the call had started"));
				continue;
			}
			if (call == null || call.status() != CallStatus.SCHEDULED || call.ownerId() == null) {
				outcomes.put(callId, new PreCalls.Outcome(PreCalls.Status.CANCELLED,
						call == null ? "call is gone" : "call is " + call.status()));
				continue;
			}
			ConsentProfile profile = profileOfOwner.computeIfAbsent(call.ownerId(), o -> profiles.profileOf(companyId, o));
			if (profile.preCallEmailMinutes() == null) {
				// The row waited at the longest lead time: a day ahead the organizer still hears of a raw link (E5).
				remindOnly.add(call);
				continue;
			}
			Instant due = call.plannedStart().minus(Duration.ofMinutes(profile.preCallEmailMinutes()));
			if (due.isAfter(now)) {
				// The profile's lead time was shortened since: wait for the new time.
				preCalls.postpone(companyId, callId, due, now);
				continue;
			}
			sending.add(call);
		}
		List<Call> all = new ArrayList<>(sending);
		all.addAll(remindOnly);
		Map<UUID, Meeting> meetings = all.isEmpty() ? Map.of()
				: calls.meetings(companyId, all.stream().map(Call::meetingId).distinct().toList());
		List<Meeting> withConsentPage = all.stream()
			.filter(c -> profileOfOwner.get(c.ownerId()).consentPage().isOn() && meetings.containsKey(c.meetingId()))
			.map(c -> meetings.get(c.meetingId()))
			.distinct()
			.toList();
		Map<UUID, String> links = meetings.isEmpty() ? Map.of()
				: calls.consentLinks(companyId, meetings.values(), baseUrl.get());
		Map<UUID, String> rawLinks = withConsentPage.isEmpty() ? Map.of()
				: calls.rawLinksInInvites(companyId, withConsentPage, baseUrl.get());
		Map<UUID, CallDetails> details = new HashMap<>();
		if (!sending.isEmpty()) {
			calls.details(companyId, sending).forEach(d -> details.put(d.call().id(), d));
		}
		String company = all.isEmpty() ? "" : companies.get(companyId).name();
		Map<String, Boolean> isMember = new HashMap<>();
		List<Email.Draft> drafts = new ArrayList<>();
		for (Call call : all) {
			ConsentProfile profile = profileOfOwner.get(call.ownerId());
			Meeting meeting = meetings.get(call.meetingId());
			String link = links.get(call.meetingId());
			String language = MailTemplates.language(profile.languages());
			Locale locale = Locale.forLanguageTag(language);
			String when = when(call, locale);
			int made = 0;
			if (details.containsKey(call.id()) && meeting != null) {
				CallDetails d = details.get(call.id());
				String time = DateTimeFormatter.ofLocalizedTime(FormatStyle.SHORT)
					.withLocale(locale)
					.format(call.plannedStart().atZone(ZoneId.of(call.timeZone()))) + " " + call.timeZone();
				String host = d.owner() != null ? d.owner().name() : meeting.organizerEmail();
				for (Invitee invitee : d.invitees()) {
					if (isMember.computeIfAbsent(Emails.key(invitee.email()),
							e -> members.findByEmail(companyId, e).isPresent())) {
						continue; // team members are not external invitees
					}
					Map<String, Object> vars = new HashMap<>();
					vars.put("name", invitee.name());
					vars.put("host", host);
					vars.put("title", call.title());
					vars.put("when", when);
					vars.put("company", company);
					vars.put("link", link);
					vars.put("noticeHtml", profile.noticeHtml());
					vars.put("noticeText", profile.noticeHtml() == null ? null : Jsoup.parse(profile.noticeHtml()).text());
					vars.put("subjectArgs", new Object[] { call.title(), time });
					drafts.add(new Email.Draft(Reason.PRE_CALL, invitee.email(), call.id().toString(), invitee.name(),
							language, templates.render("pre-call", language, vars), call.plannedStart(), null));
					made++;
				}
			}
			String raw = meeting == null ? null : rawLinks.get(meeting.id());
			boolean reminded = raw != null && link != null;
			if (reminded) {
				drafts.add(rawLinkReminder(companyId, call, meeting, raw, link, language, when, company));
			}
			String note = reminded ? "; raw-link reminder made" : "";
			outcomes.put(call.id(), remindOnly.contains(call)
					? new PreCalls.Outcome(PreCalls.Status.CANCELLED, "pre-call emails are off" + note)
					: new PreCalls.Outcome(PreCalls.Status.DONE, made + " emails" + note));
		}
		int stored = emails.insertAll(companyId, drafts, now);
		preCalls.finishAll(companyId, outcomes, now);
		log.debug("Pre-call emails of {} calls: {}", waiting.size(), stored);
		return stored;
	}

	/**
	 * E5: the meeting's imported invite carries the provider's raw join link instead of the consent
	 * link while the consent page is on: its organizer gets a reminder before the call, once per
	 * occurrence (the email's key), in the profile's language, with the consent link to use instead.
	 */
	private Email.Draft rawLinkReminder(UUID companyId, Call call, Meeting meeting, String raw, String link,
			String language, String when, String company) {
		String organizer = meeting.organizerEmail();
		String name = members.findByEmail(companyId, organizer).map(m -> m.name()).orElse(null);
		Map<String, Object> vars = new HashMap<>();
		vars.put("name", name);
		vars.put("title", call.title());
		vars.put("when", when);
		vars.put("raw", raw);
		vars.put("link", link);
		vars.put("company", company);
		vars.put("subjectArgs", new Object[] { call.title() });
		return new Email.Draft(Reason.RAW_LINK_REMINDER, organizer, call.id().toString(), name, language,
				templates.render("raw-link", language, vars), call.plannedStart(), null);
	}

	/** The call's start as people read it in {@code locale}, with its time zone. */
	static String when(Call call, Locale locale) {
		ZonedDateTime start = call.plannedStart().atZone(ZoneId.of(call.timeZone()));
		return DateTimeFormatter.ofLocalizedDate(FormatStyle.FULL).withLocale(locale).format(start) + ", "
				+ DateTimeFormatter.ofLocalizedTime(FormatStyle.SHORT).withLocale(locale).format(start) + " ("
				+ call.timeZone() + ")";
	}

	private @Nullable Integer leadMinutes(UUID companyId, UUID ownerId) {
		try {
			return profiles.profileOf(companyId, ownerId).preCallEmailMinutes();
		}
		catch (dev.assent.shared.NotFound ex) {
			return null;
		}
	}

	/** Claims due rows for this node. */
	List<PreCalls.Due> claimDue(int limit, Duration lease) {
		return preCalls.claimDue(Instant.now(clock), limit, lease);
	}

}
