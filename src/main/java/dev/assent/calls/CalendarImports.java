package dev.assent.calls;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import org.jspecify.annotations.Nullable;

import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

import dev.assent.calls.Recurrences.Expansion;
import dev.assent.shared.InvalidInput;

/**
 * Calendar import (PRODUCT D1, D2, E5): the events of an iCalendar file ({@link CalendarFiles})
 * scheduled, re-planned or cancelled through {@link MeetingScheduling}, each broken event skipped
 * with its line and reason. Split out of {@link CallManagement}, which keeps the public method and
 * delegates here.
 */
@Component
class CalendarImports {

	static final int MAX_CALLS_PER_IMPORT = 5000;

	private final MeetingScheduling scheduling;

	private final Meetings meetings;

	private final ProviderDomains providers;

	private final Clock clock;

	CalendarImports(MeetingScheduling scheduling, Meetings meetings, ProviderDomains providers, Clock clock) {
		this.scheduling = scheduling;
		this.meetings = meetings;
		this.providers = providers;
		this.clock = clock;
	}

	/**
	 * Imports the meetings of an iCalendar file (as Google Calendar, Outlook, Apple Calendar and
	 * Evolution export them). An event imported before (same UID) updates its meeting: new
	 * occurrences are added, removed ones cancelled, moved ones re-planned. One broken event never
	 * refuses the file: it is skipped with its line and reason and the others are imported; only a
	 * file that is not a calendar at all (or too large) fails, naming the line.
	 */
	@Transactional
	CalendarImport importCalendar(UUID companyId, byte[] ics) {
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
					updated.add(scheduling.cancel(existing.get(), now));
				}
				else {
					skipped.add(new CalendarImport.Skipped(draft.calendarUid(), draft.title(), "cancelled in the calendar", line));
				}
				continue;
			}
			MeetingScheduling.Plan plan;
			Expansion expansion;
			try {
				plan = scheduling.plan(companyId, draft);
				expansion = scheduling.expand(plan.meeting(companyId, now, null), now);
			}
			catch (MeetingScheduling.NoJoinLink ex) {
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
				Meeting m = scheduling.update(existing.get(), plan, now);
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
				throw new InvalidInput(CalendarFiles.FIELD, "would create more than " + MAX_CALLS_PER_IMPORT
						+ " calls at once; import fewer events per file");
			}
			Meeting m = scheduling.create(plan.meeting(companyId, now, expansion.next()), expansion, now);
			meetings.setInviteLinks(companyId, m.id(), event.inviteLinks());
			created.add(m);
		}
		return new CalendarImport(created, updated, skipped);
	}

	private static @Nullable Integer line(int line) {
		return line > 0 ? line : null;
	}

}
