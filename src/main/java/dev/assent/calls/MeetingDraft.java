package dev.assent.calls;

import java.time.Instant;
import java.util.List;

import org.jspecify.annotations.Nullable;


/**
 * What it takes to schedule a meeting. {@code start} and {@code end} are those of the first
 * occurrence; {@code recurrence} is an RFC 5545 RRULE expanded in {@code timeZone} (an IANA id);
 * {@code exdates} are the starts of occurrences left out, {@code rdates} those of occurrences
 * added beside the rule (iCalendar RDATE; with no rule, beside {@code start}). Without {@code joinUrl} the owner's
 * personal meeting link is used; without {@code provider} it is recognised from the link.
 * {@code calendarUid} (an iCalendar UID) makes a later import of the same event update this
 * meeting instead of adding another.
 */
public record MeetingDraft(String title, String organizerEmail, @Nullable Provider provider, @Nullable String joinUrl,
		Instant start, Instant end, String timeZone, @Nullable String recurrence, List<Instant> exdates,
		List<OccurrenceChange> changes, List<Invitee> invitees, @Nullable MeetingLinkType linkType,
		@Nullable String calendarUid, List<Instant> rdates) {

	public MeetingDraft {
		rdates = List.copyOf(rdates);
		exdates = List.copyOf(exdates);
		changes = List.copyOf(changes);
		invitees = List.copyOf(invitees);
	}

	/** A draft without extra occurrences (RDATE). */
	public MeetingDraft(String title, String organizerEmail, @Nullable Provider provider, @Nullable String joinUrl,
			Instant start, Instant end, String timeZone, @Nullable String recurrence, List<Instant> exdates,
			List<OccurrenceChange> changes, List<Invitee> invitees, @Nullable MeetingLinkType linkType,
			@Nullable String calendarUid) {
		this(title, organizerEmail, provider, joinUrl, start, end, timeZone, recurrence, exdates, changes, invitees,
				linkType, calendarUid, List.of());
	}

	/** A draft from the API fields, without calendar-only parts. */
	public static MeetingDraft of(String title, String organizerEmail, @Nullable Provider provider,
			@Nullable String joinUrl, Instant start, Instant end, String timeZone, @Nullable String recurrence,
			List<Instant> exdates, List<Invitee> invitees, @Nullable MeetingLinkType linkType) {
		return new MeetingDraft(title, organizerEmail, provider, joinUrl, start, end, timeZone, recurrence, exdates,
				List.of(), invitees, linkType, null);
	}

}
