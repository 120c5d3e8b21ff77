package dev.assent.calls;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

import org.jspecify.annotations.Nullable;


/**
 * A scheduled meeting, one-off or recurring. Its occurrences are {@link Call}s.
 *
 * @param ownerId the call owner of its occurrences (PRODUCT D2); {@code null} when nobody qualifies
 * @param expandedUntil occurrences starting before this instant exist as calls; {@code null} when
 * every occurrence exists (a one-off meeting, a series that ends)
 * @param cancelledAt when the meeting was cancelled; its future occurrences are then cancelled
 * @param linkSlug the meeting's segment of its consent link {@code /{company}/{host}/{linkSlug}} (API.md)
 * @param hostId the member whose page the meeting's consent link names (PRODUCT L6): the recorded member
 * whose personal room the meeting uses, else the owner; {@code null} without either
 * @param rdates starts of occurrences beside the rule (iCalendar RDATE), in order
 */
public record Meeting(UUID id, UUID companyId, String title, String organizerEmail, Provider provider,
		@Nullable String joinUrl, Instant start, Instant end, String timeZone, @Nullable String recurrence,
		List<Instant> exdates, List<OccurrenceChange> changes, List<Invitee> invitees, MeetingLinkType linkType,
		@Nullable UUID ownerId, @Nullable String calendarUid, @Nullable Instant expandedUntil, Instant createdAt,
		Instant updatedAt, @Nullable Instant cancelledAt, String linkSlug, @Nullable UUID hostId, List<Instant> rdates) {

	public Meeting {
		rdates = List.copyOf(rdates);
		exdates = List.copyOf(exdates);
		changes = List.copyOf(changes);
		invitees = List.copyOf(invitees);
	}

	/** A series: a rule, or extra dates (RDATE) beside the first occurrence. */
	public boolean isRecurring() {
		return recurrence != null || !rdates.isEmpty();
	}

	public Duration duration() {
		return Duration.between(start, end);
	}

}
