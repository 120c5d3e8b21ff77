package dev.assent.recording;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.UUID;

import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

import dev.assent.calls.Call;
import dev.assent.calls.CallManagement;
import dev.assent.calls.CallStatus;
import dev.assent.calls.SkipReason;
import dev.assent.consentpage.ConsentDeclined;
import dev.assent.shared.ConfigChanges;

/**
 * What opt-outs do to recordings (PRODUCT D4, D5), split out of {@link RecordingManagement}: stored
 * once however often delivered, matched to the participant's join, and — for a call that may still
 * be recorded — the call's stop under the 70 % rule ({@link SeventyPercentRule}): the bot's STOP,
 * the session and segment stopped, the call SKIPPED or PARTIAL, its room's consent pages told. With
 * the decisions' group commit ({@link #optedOutAll}), or after it ({@link #optedOutAfterCommit}).
 */
@Component
class OptOutStops {

	private static final Logger log = LoggerFactory.getLogger(OptOutStops.class);

	static final String OPTED_OUT = SkipReason.PARTICIPANT_OPTED_OUT.name();

	private final Sessions sessions;

	private final OptOuts optOuts;

	private final Participants participants;

	private final RecorderOutbox outbox;

	private final CallManagement calls;

	private final Clock clock;

	private final ConfigChanges changes;

	OptOutStops(Sessions sessions, OptOuts optOuts, Participants participants, RecorderOutbox outbox,
			CallManagement calls, Clock clock, ConfigChanges changes) {
		this.sessions = sessions;
		this.optOuts = optOuts;
		this.participants = participants;
		this.outbox = outbox;
		this.calls = calls;
		this.clock = clock;
		this.changes = changes;
	}

	/** What an opt-out did to the recording. */
	enum Effect {

		/** The call is skipped: nothing is recorded or kept. */
		SKIPPED,

		/** The recording is kept up to the opt-out (at least 70 % of the planned time was recorded). */
		PARTIAL,

		/** Nothing (already stopped, ended, or not recorded at all). */
		NONE

	}

	/**
	 * {@link #optedOut(UUID, UUID, List)} in a transaction of its own, after the decisions committed
	 * (when handling them with the decisions failed): durable enough without waiting for the disk —
	 * until this transaction's effects are on disk, so is not the completion of the event that caused
	 * it (written later, WAL is in order), and a crash before that makes the event be delivered
	 * again: the STOP is sent again then.
	 */
	@Transactional
	List<Effect> optedOutAfterCommit(UUID companyId, UUID callId, List<ConsentDeclined> ofOneCall) {
		sessions.commitWithoutWaitingForDisk();
		return optedOut(companyId, callId, ofOneCall);
	}

	/**
	 * Participants chose "Join but don't record" for a call (PRODUCT D4, D5): its opt-outs stored
	 * together, in the caller's transaction, in their order; answers their effects in that order.
	 * The 70 % rule ({@link SeventyPercentRule}), at the moment of each decision: recorded share =
	 * (decision − the recorder's reported start; none reported means nothing was recorded) ÷
	 * (planned end − planned start). At least 70 %: stop, keep the recording up to the decision, the
	 * call is PARTIAL. Less: stop without keeping, the call is SKIPPED (PARTICIPANT_OPTED_OUT). A
	 * decision is acted on once, however often it is delivered. When many participants opt out of one
	 * call, all but the first find nothing left to stop: the call's session is locked only when there
	 * is a recording to stop or a join to attribute an opt-out to, so they do not queue for it.
	 */
	@Transactional
	List<Effect> optedOut(UUID companyId, UUID callId, List<ConsentDeclined> ofOneCall) {
		Set<UUID> fresh = optOuts.insertAll(ofOneCall, Instant.now(clock));
		List<ConsentDeclined> toHandle = ofOneCall.stream().filter(e -> fresh.contains(e.decisionId())).toList();
		Map<UUID, Effect> effects = new HashMap<>();
		Optional<Call> seen = toHandle.isEmpty() ? Optional.empty() : calls.find(companyId, callId);
		if (seen.isPresent() && mayChange(seen.get(), toHandle)) {
			Optional<Session> locked = sessions.lockOrCreate(seen.get(), Instant.now(clock));
			if (locked.isPresent()) {
				// After the first opt-out that stops the call, the others find it stopped (NONE).
				toHandle.forEach(e -> effects.put(e.decisionId(), optedOutLocked(locked.get(), e)));
			}
		}
		return ofOneCall.stream().map(e -> effects.getOrDefault(e.decisionId(), Effect.NONE)).toList();
	}

	/**
	 * {@link #optedOut(UUID, UUID, List)} for the opt-outs of many calls stored together (the
	 * decisions' group commit, issue 7), in the caller's transaction: what every call needs read and
	 * locked — the opt-outs' rows, the calls, their sessions (locked in the order of the calls' ids)
	 * and their joins — takes one statement for all the calls, not one per call; the first round trip
	 * stores the opt-outs and reads the calls' joins and the calls (lent by the calls module), and starts
	 * the work's {@code savepoint} ({@link WithTheDecisions}). Each call is then
	 * stopped as {@link #optedOutLocked} does; a call with several of the opt-outs has them handled
	 * one after the other, each reading the call again.
	 */
	@Transactional
	void optedOutAll(List<ConsentDeclined> declined, WithTheDecisions.Savepoint savepoint) {
		Instant now = Instant.now(clock);
		List<ConsentDeclined> ofCalls = declined.stream().filter(e -> e.callId() != null).toList();
		Map<UUID, Set<UUID>> callIds = new HashMap<>();
		ofCalls.forEach(e -> callIds.computeIfAbsent(e.companyId(), k -> new HashSet<>()).add(e.callId()));
		// The first statement: it starts the savepoint, and reads the calls' joins and the calls themselves (a read
		// lent by the calls module) in the same round trip, after the opt-outs are stored.
		OptOuts.Stored<Call> stored = optOuts.insertAllReadingJoins(ofCalls, now, savepoint, calls.readByIds(callIds));
		Set<UUID> fresh = stored.fresh();
		Map<UUID, List<ConsentDeclined>> byCall = new HashMap<>();
		for (ConsentDeclined e : ofCalls) {
			if (fresh.contains(e.decisionId())) {
				byCall.computeIfAbsent(e.callId(), k -> new ArrayList<>()).add(e);
			}
		}
		Map<UUID, Call> seen = new HashMap<>();
		stored.read().forEach(c -> seen.put(c.id(), c));
		Map<UUID, List<Participants.Joined>> joinedBefore = stored.joined();
		Map<UUID, List<ConsentDeclined>> toLock = new TreeMap<>();
		byCall.forEach((callId, ofCall) -> {
			Call c = seen.get(callId);
			if (c != null && (isActive(c.status()) || anyJoinFor(joinedBefore.getOrDefault(callId, List.of()), ofCall))) {
				toLock.put(callId, ofCall);
			}
		});
		if (toLock.isEmpty()) {
			return;
		}
		Map<UUID, Session> locked = sessions.lockAll(toLock.keySet());
		toLock.keySet().stream().filter(id -> !locked.containsKey(id)).forEach(id -> sessions.lockOrCreate(seen.get(id), now)
			.ifPresent(l -> locked.put(id, l)));
		// Read again under the sessions' locks: an opt-out handled meanwhile may have stopped a call.
		Map<UUID, Set<UUID>> lockedByCompany = new HashMap<>();
		locked.values().forEach(l -> lockedByCompany.computeIfAbsent(l.companyId(), k -> new HashSet<>()).add(l.callId()));
		Map<UUID, Call> current = callsOf(lockedByCompany);
		Map<UUID, List<Participants.Joined>> joined = participants.ofCalls(locked.keySet());
		List<OptOutStop> stops = new ArrayList<>();
		toLock.forEach((callId, ofCall) -> {
			Session s = locked.get(callId);
			Call c = current.get(callId);
			if (s == null || c == null) {
				return;
			}
			judge(s, ofCall, c, joined.getOrDefault(callId, List.of())).ifPresent(stops::add);
		});
		// Each call at most one stop (its first opt-out's), all stopped together: one statement per table.
		stopAll(stops);
	}

	/** The calls named, by id (one query per company). */
	private Map<UUID, Call> callsOf(Map<UUID, Set<UUID>> byCompany) {
		Map<UUID, Call> out = new HashMap<>();
		byCompany.forEach((companyId, ids) -> calls.find(companyId, ids).forEach(c -> out.put(c.id(), c)));
		return out;
	}

	private static boolean anyJoinFor(List<Participants.Joined> joined, List<ConsentDeclined> optedOut) {
		return optedOut.stream()
			.anyMatch(e -> JoinMatching.forOptOut(joined, e.participantId(), e.occurredAt()).isPresent());
	}

	/** Whether the opt-outs may still stop the call's recording or be attributed to a join. */
	private boolean mayChange(Call seen, List<ConsentDeclined> optedOut) {
		if (isActive(seen.status())) {
			return true;
		}
		return anyJoinFor(participants.ofCall(seen.id()), optedOut);
	}

	/** One opt-out, its call's session {@code s} locked by this transaction: the 70 % rule. */
	Effect optedOutLocked(Session s, ConsentDeclined event) {
		// Read again under the session's lock: an opt-out handled meanwhile may have stopped the call.
		return optedOutLocked(s, event, calls.get(event.companyId(), event.callId()), participants.ofCall(event.callId()));
	}

	/** {@link #optedOutLocked(Session, ConsentDeclined)} with the call and its joins read under the session's lock. */
	private Effect optedOutLocked(Session s, ConsentDeclined event, Call c, List<Participants.Joined> joined) {
		Optional<OptOutStop> stop = judge(s, List.of(event), c, joined);
		stop.ifPresent(o -> stopAll(List.of(o)));
		return stop.map(OptOutStop::effect).orElse(Effect.NONE);
	}

	/** The stop of a call that may still be recorded, by this opt-out: the 70 % rule decides what is kept. */
	private static OptOutStop stopFor(Session s, ConsentDeclined event, Call c) {
		Instant at = event.occurredAt();
		SeventyPercentRule.Verdict verdict = SeventyPercentRule.judge(c.plannedStart(), c.plannedEnd(),
				s.recordingStartedAt(), at);
		return new OptOutStop(s, c, event, verdict.keep() ? Effect.PARTIAL : Effect.SKIPPED, verdict.share(),
				verdict.keep() ? at : null);
	}

	/**
	 * What opt-outs of one call do to it, its session locked (PRODUCT D4, D5), in their order: each is
	 * matched to the participant's join; for a call that may still be recorded, the first is a stop — the
	 * whole call skipped, or kept up to the opt-out under the 70 % rule —, and the others find it stopped.
	 * Judged on the call and its joins as read under the session's lock, kept current here rather than
	 * read again for each (issue 7: two statements per opt-out of a crowd): a join attributed to one
	 * opt-out is not attributed to the next.
	 */
	private Optional<OptOutStop> judge(Session s, List<ConsentDeclined> ofCall, Call c,
			List<Participants.Joined> joinedBefore) {
		List<Participants.Joined> joined = new ArrayList<>(joinedBefore);
		Optional<OptOutStop> stop = Optional.empty();
		for (ConsentDeclined e : ofCall) {
			Optional<Participants.Joined> join = JoinMatching.forOptOut(joined, e.participantId(), e.occurredAt());
			if (join.isPresent()) {
				Participants.Joined j = join.get();
				if (participants.match(j.eventId(), e.participantId())) {
					joined.set(joined.indexOf(j), j.matchedTo(e.participantId()));
				}
				else {
					// Not as read: what the database says now, for the next ones.
					joined = new ArrayList<>(participants.ofCall(c.id()));
				}
			}
			if (stop.isEmpty() && isActive(c.status())) {
				stop = Optional.of(stopFor(s, e, c));
			}
		}
		return stop;
	}

	/** An opt-out's stop of its call ({@link #judge}), not yet stored. */
	private record OptOutStop(Session session, Call call, ConsentDeclined event, Effect effect, double share,
			@Nullable Instant keepUntil) {
	}

	/**
	 * Stores the stops of different calls (each call once) — sessions and segments stopped with the
	 * opt-outs' effects, the bots' STOPs, the calls' statuses — one statement each for all of them,
	 * and tells every node the calls' rooms changed: their consent pages say the recording stopped (C10).
	 */
	private void stopAll(List<OptOutStop> stops) {
		if (stops.isEmpty()) {
			return;
		}
		Instant now = Instant.now(clock);
		sessions.stoppedAll(stops.stream()
			.map(o -> new Sessions.OptedOut(o.session().callId(), o.session().segment(), o.keepUntil(),
					o.event().decisionId(), o.effect().name(), OptOuts.share(o.share())))
			.toList(), OPTED_OUT, now);
		outbox.stopAll(stops.stream()
			.filter(o -> o.session().recordCommandId() != null)
			.map(o -> new RecorderOutbox.StopOrder(o.session().companyId(), o.session().callId(),
					o.session().recordCommandId(), o.session().botId(), RecordingManagement.stopOrder(OPTED_OUT, o.keepUntil())))
			.toList());
		calls.markAllStopped(stops.stream()
			.map(o -> o.keepUntil() != null ? CallManagement.Stopped.cutShort(o.call().companyId(), o.call().id(), o.keepUntil())
					: CallManagement.Stopped.skipped(o.call().companyId(), o.call().id(), SkipReason.PARTICIPANT_OPTED_OUT,
							o.event().occurredAt()))
			.toList());
		for (OptOutStop o : stops) {
			Call c = o.call();
			if (c.joinUrl() != null) {
				changes.changedRoom(c.companyId(), c.joinUrl());
			}
			if (log.isInfoEnabled()) {
				log.info("Participant opted out of call {} at {} ({} % recorded): {}", c.id(), o.event().occurredAt(),
						String.format(Locale.ROOT, "%.1f", o.share() * 100), o.effect());
			}
		}
	}

	/** Whether the call was stopped by an opt-out (skipped for it, or cut short). */
	static boolean stoppedByOptOut(Call c) {
		return (c.status() == CallStatus.SKIPPED && c.skipReason() == SkipReason.PARTICIPANT_OPTED_OUT)
				|| c.status() == CallStatus.PARTIAL;
	}

	/** Whether the call may still be recorded: an opt-out has something to stop. */
	private static boolean isActive(CallStatus status) {
		return status == CallStatus.SCHEDULED || status == CallStatus.RECORDING;
	}

}
