package dev.assent.notifications;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.FormatStyle;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
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
	}

	/** Makes the emails of a call whose time has come (claimed by this node); returns how many were made. */
	@Transactional
	public int expand(UUID companyId, UUID callId) {
		Instant now = Instant.now(clock);
		Optional<PreCalls.PreCall> locked = preCalls.lock(companyId, callId);
		if (locked.isEmpty() || locked.get().status() != PreCalls.Status.WAITING) {
			return 0;
		}
		Optional<Call> found = calls.find(companyId, callId);
		if (found.isEmpty() || found.get().status() != CallStatus.SCHEDULED || found.get().ownerId() == null) {
			preCalls.finish(companyId, callId, PreCalls.Status.CANCELLED,
					found.map(c -> "call is " + c.status()).orElse("call is gone"), now);
			return 0;
		}
		Call call = found.get();
		if (!now.isBefore(call.plannedStart())) {
			preCalls.finish(companyId, callId, PreCalls.Status.CANCELLED, "the call had started", now);
			return 0;
		}
		ConsentProfile profile = profiles.profileOf(companyId, call.ownerId());
		if (profile.preCallEmailMinutes() == null) {
			preCalls.finish(companyId, callId, PreCalls.Status.CANCELLED, "pre-call emails are off", now);
			return 0;
		}
		Instant due = call.plannedStart().minus(Duration.ofMinutes(profile.preCallEmailMinutes()));
		if (due.isAfter(now)) {
			// The profile's lead time was shortened since: wait for the new time.
			preCalls.postpone(companyId, callId, due, now);
			return 0;
		}
		CallDetails details = calls.details(companyId, call);
		Meeting meeting = calls.meeting(companyId, call.meetingId());
		String link = calls.invitation(companyId, meeting, baseUrl.get()).consentLink();
		String language = MailTemplates.language(profile.languages());
		Locale locale = Locale.forLanguageTag(language);
		ZonedDateTime start = call.plannedStart().atZone(ZoneId.of(call.timeZone()));
		String when = DateTimeFormatter.ofLocalizedDate(FormatStyle.FULL).withLocale(locale).format(start) + ", "
				+ DateTimeFormatter.ofLocalizedTime(FormatStyle.SHORT).withLocale(locale).format(start) + " ("
				+ call.timeZone() + ")";
		String time = DateTimeFormatter.ofLocalizedTime(FormatStyle.SHORT).withLocale(locale).format(start) + " "
				+ call.timeZone();
		String host = details.owner() != null ? details.owner().name() : meeting.organizerEmail();
		String company = companies.get(companyId).name();
		int made = 0;
		for (Invitee invitee : details.invitees()) {
			if (members.findByEmail(companyId, invitee.email()).isPresent()) {
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
			Email.Rendered content = templates.render("pre-call", language, vars);
			if (emails.insert(companyId, new Email.Draft(Reason.PRE_CALL, invitee.email(), callId.toString(),
					invitee.name(), language, content, call.plannedStart(), null), now)) {
				made++;
			}
		}
		preCalls.finish(companyId, callId, PreCalls.Status.DONE, made + " emails", now);
		log.debug("Pre-call emails of call {}: {}", callId, made);
		return made;
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
