package dev.assent.calls;

import java.time.Instant;
import java.util.UUID;

import org.jspecify.annotations.Nullable;


/**
 * One occurrence of a meeting (PRODUCT D1): what the recorder joins and what consent is asked
 * for (C7). The governing consent profile is the owner's, looked up when needed (P4, P5), never
 * copied here.
 *
 * @param occurrenceStart the start the recurrence rule gives this occurrence (its RECURRENCE-ID);
 * equals {@code plannedStart} unless the occurrence was moved
 * @param ownerId the call owner (D2); {@code null} means the call is not recorded
 * @param statusChangedAt when {@code status} last changed; {@code null} while scheduled
 * @param keptUntil for a {@link CallStatus#PARTIAL} call: the recording is kept up to this instant (D5)
 * @param startedAt when the recorder reported the call started (its bot joined); {@code null} until then
 * @param endedAt when the recorder reported the call ended; {@code null} until then
 */
public record Call(UUID id, UUID companyId, UUID meetingId, String title, Instant occurrenceStart,
		Instant plannedStart, Instant plannedEnd, String timeZone, Provider provider, @Nullable String joinUrl,
		@Nullable UUID ownerId, CallStatus status, @Nullable SkipReason skipReason, @Nullable Instant statusChangedAt,
		@Nullable Instant keptUntil, @Nullable Instant startedAt, @Nullable Instant endedAt)
		implements OccurrenceRule.Candidate {

	/** Skipped, or cut short: Assent told its bot to leave, for good (C10 reopens it as RECORDING). */
	@Override
	public boolean recordingStopped() {
		return status == CallStatus.SKIPPED || status == CallStatus.PARTIAL;
	}

}
