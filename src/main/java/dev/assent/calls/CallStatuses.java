package dev.assent.calls;

import java.time.Clock;
import java.time.Instant;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

import dev.assent.shared.NotFound;

/**
 * A call's status as the recording module moves it on (split out of {@link CallManagement}, which
 * keeps the public methods and delegates here). Statuses only move forward.
 */
@Component
class CallStatuses {

	/** The statuses a call may be cut short from (to PARTIAL). */
	private static final Set<CallStatus> TO_PARTIAL = EnumSet.of(CallStatus.SCHEDULED, CallStatus.RECORDING,
			CallStatus.RECORDED);

	/** The statuses a call may be skipped from. */
	private static final Set<CallStatus> TO_SKIPPED = EnumSet.of(CallStatus.SCHEDULED, CallStatus.RECORDING,
			CallStatus.RECORDED, CallStatus.PARTIAL);

	private final Calls calls;

	private final ApplicationEventPublisher events;

	private final Clock clock;

	CallStatuses(Calls calls, ApplicationEventPublisher events, Clock clock) {
		this.calls = calls;
		this.events = events;
		this.clock = clock;
	}

	private Call get(UUID companyId, UUID callId) {
		return calls.findById(companyId, callId).orElseThrow(() -> new NotFound("Call"));
	}

	// --- status changes, for the recording module. Statuses only move forward:
	// SCHEDULED → RECORDING → RECORDED → PARTIAL → SKIPPED; a mark that would move back, or repeats
	// the current status, changes nothing and returns the call as it is. A call that moved is read
	// back by the move itself (one statement); another company's call is not found.

	/** The recorder reported the call started (its bot joined or began recording); the first report counts. */
	@Transactional
	void markStarted(UUID companyId, UUID callId, Instant at) {
		calls.started(companyId, callId, at);
	}

	/** The recorder reported the call ended: decisions no longer belong to it (see {@link OccurrenceRule}). */
	@Transactional
	void markEnded(UUID companyId, UUID callId, Instant at) {
		calls.ended(companyId, callId, at);
	}

	/**
	 * A participant who opted out changed their mind (PRODUCT C10) and nobody else's opt-out stands:
	 * the call skipped for an opt-out becomes recordable again — SCHEDULED before it started,
	 * RECORDING when a new recording of it begins. Answers whether it moved.
	 */
	@Transactional
	boolean reopen(UUID companyId, UUID callId, CallStatus to) {
		if (to != CallStatus.SCHEDULED && to != CallStatus.RECORDING) {
			throw new IllegalArgumentException("reopens to SCHEDULED or RECORDING only");
		}
		Call c = get(companyId, callId);
		boolean optedOut = (c.status() == CallStatus.SKIPPED && c.skipReason() == SkipReason.PARTICIPANT_OPTED_OUT)
				|| c.status() == CallStatus.PARTIAL;
		return optedOut && calls.transition(companyId, callId, EnumSet.of(c.status()), to, null, null, Instant.now(clock));
	}

	/** The recorder started recording the call. */
	@Transactional
	Call markRecording(UUID companyId, UUID callId) {
		return calls.transitioned(companyId, callId, EnumSet.of(CallStatus.SCHEDULED), CallStatus.RECORDING, null, null,
				Instant.now(clock)).orElseGet(() -> get(companyId, callId));
	}

	/** The call was recorded in full. */
	@Transactional
	Call markRecorded(UUID companyId, UUID callId) {
		return calls.transitioned(companyId, callId, EnumSet.of(CallStatus.SCHEDULED, CallStatus.RECORDING),
				CallStatus.RECORDED, null, null, Instant.now(clock)).orElseGet(() -> get(companyId, callId));
	}

	/** The recording is kept up to {@code keptUntil} only: a late opt-out (PRODUCT D5). */
	@Transactional
	Call markPartial(UUID companyId, UUID callId, Instant keptUntil) {
		Optional<Call> moved = calls.transitioned(companyId, callId, TO_PARTIAL, CallStatus.PARTIAL, null, keptUntil,
				Instant.now(clock));
		moved.ifPresent(c -> events.publishEvent(new CallCutShort(callId, companyId, keptUntil, Instant.now(clock))));
		return moved.orElseGet(() -> get(companyId, callId));
	}

	/**
	 * The call is not recorded, or nothing of it is kept (PRODUCT D5, D6, D8). Publishes
	 * {@link CallSkipped} when the call was not skipped before; a call skipped already keeps its
	 * first reason.
	 */
	@Transactional
	Call markSkipped(UUID companyId, UUID callId, SkipReason reason, Instant at) {
		Optional<Call> moved = calls.transitioned(companyId, callId, TO_SKIPPED, CallStatus.SKIPPED, reason, null, at);
		moved.ifPresent(c -> events.publishEvent(new CallSkipped(callId, companyId, reason, at)));
		return moved.orElseGet(() -> get(companyId, callId));
	}


	/** {@link #markPartial} or {@link #markSkipped} of many calls in one statement, with their events. */
	@Transactional
	void markAllStopped(List<CallManagement.Stopped> stopped) {
		if (stopped.isEmpty()) {
			return;
		}
		Instant now = Instant.now(clock);
		List<Calls.Transition> transitions = stopped.stream()
			.map(m -> m.reason() == null
					? new Calls.Transition(m.companyId(), m.callId(), TO_PARTIAL, CallStatus.PARTIAL, null, m.keptUntil(), now)
					: new Calls.Transition(m.companyId(), m.callId(), TO_SKIPPED, CallStatus.SKIPPED, m.reason(), null, m.at()))
			.toList();
		Set<UUID> moved = calls.transitionedAll(transitions);
		for (CallManagement.Stopped m : stopped) {
			if (!moved.contains(m.callId())) {
				continue;
			}
			if (m.reason() == null) {
				events.publishEvent(new CallCutShort(m.callId(), m.companyId(), m.keptUntil(), now));
			}
			else {
				events.publishEvent(new CallSkipped(m.callId(), m.companyId(), m.reason(), m.at()));
			}
		}
	}

}
