package dev.assent.recording;

import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import dev.assent.calls.Call;
import dev.assent.calls.CallManagement;
import dev.assent.calls.CallStatus;
import dev.assent.calls.OccurrenceRule;
import dev.assent.consentpage.ConsentDeclined;
import dev.assent.consentpage.ConsentManagement;
import dev.assent.consentpage.Decision;
import dev.assent.recording.OptOutStops.Effect;
import dev.assent.shared.ConfigChanges;

import static dev.assent.recording.OptOutStops.OPTED_OUT;
import static dev.assent.recording.OptOutStops.stoppedByOptOut;

/**
 * Changing one's mind across the stop (PRODUCT C10), split out of {@link RecordingManagement}: a
 * call stopped by opt-outs becomes recordable again when everyone who opted out has since
 * consented. Works under the call's session lock, as every change to a recording does.
 */
@Service
class ChangesOfMind {

	private static final Logger log = LoggerFactory.getLogger(ChangesOfMind.class);

	private final RecordingManagement recordings;

	private final OptOutStops optOutStops;

	private final Sessions sessions;

	private final OptOuts optOuts;

	private final RecorderOutbox outbox;

	private final CallManagement calls;

	private final ConsentManagement consents;

	private final ConfigChanges changes;

	private final Clock clock;

	private final PurposeRefusals purposeRefusals;

	ChangesOfMind(RecordingManagement recordings, OptOutStops optOutStops, Sessions sessions, OptOuts optOuts,
			RecorderOutbox outbox,
			CallManagement calls, ConsentManagement consents, ConfigChanges changes, Clock clock,
			PurposeRefusals purposeRefusals) {
		this.purposeRefusals = purposeRefusals;
		this.recordings = recordings;
		this.optOutStops = optOutStops;
		this.sessions = sessions;
		this.optOuts = optOuts;
		this.outbox = outbox;
		this.calls = calls;
		this.consents = consents;
		this.changes = changes;
		this.clock = clock;
	}

	/**
	 * Participants of a call consented. When the call was stopped by opt-outs, some of these
	 * participants had opted out, and now nobody's opt-out stands any more (each participant's
	 * latest decision counts): the call becomes recordable again with a new bot — before it started,
	 * it is SCHEDULED again and the bot joins at the planned start; after the stop, while the call is
	 * still running, a new bot joins now and records the next segment (the call is RECORDING). Answers
	 * whether it reopened the call. Consents of a call that nobody stopped change nothing (one read).
	 */
	@Transactional
	boolean consented(UUID companyId, UUID callId, List<String> participantIds) {
		Optional<Call> seen = calls.find(companyId, callId);
		if (seen.isEmpty() || !stoppedByOptOut(seen.get()) || seen.get().endedAt() != null
				|| !optOuts.anyOf(companyId, callId, participantIds)) {
			return false;
		}
		Optional<Session> locked = recordings.lockSession(companyId, callId);
		if (locked.isEmpty()) {
			return false;
		}
		Session s = locked.get();
		Call c = calls.get(companyId, callId);
		Instant now = Instant.now(clock);
		if (!stoppedByOptOut(c) || !OPTED_OUT.equals(s.stopReason()) || c.joinUrl() == null
				|| !now.isBefore(c.plannedEnd().plus(OccurrenceRule.OVERRUN))
				|| !consents.standingOptOuts(companyId, callId).isEmpty()) {
			return false;
		}
		boolean started = s.recordingStartedAt() != null || s.botJoinedAt() != null || c.startedAt() != null;
		if (!calls.reopen(companyId, callId, started ? CallStatus.RECORDING : CallStatus.SCHEDULED)) {
			return false;
		}
		Instant joinAt = started || now.isAfter(c.plannedStart()) ? now : c.plannedStart();
		UUID record = outbox.record(companyId, callId, recordings.botOrder(c, joinAt));
		sessions.reopen(callId, record, c, started, now);
		// The new bot is told the purposes still refused (X4), as the stopped one was.
		purposeRefusals.carryTo(companyId, callId, record);
		changes.changedRoom(companyId, c.joinUrl());
		log.info("Call {}: everyone who opted out consented again; a new bot records it{}", callId,
				started ? " (segment " + (s.segment() + 1) + ")" : "");
		return true;
	}

	/**
	 * After {@link #consented} reopened a call: an opt-out that was stored while it did so, and whose
	 * handler still saw the call stopped, is applied now, so that no opt-out is left standing
	 * against a recording.
	 */
	@Transactional
	Effect recheckOptOuts(UUID companyId, UUID callId) {
		List<Decision> standing = consents.standingOptOuts(companyId, callId);
		Optional<Session> locked = standing.isEmpty() ? Optional.empty() : recordings.lockSession(companyId, callId);
		if (locked.isEmpty()) {
			return Effect.NONE;
		}
		Decision d = standing.get(0);
		return optOutStops.optedOutLocked(locked.get(), new ConsentDeclined(d.id(), d.companyId(), d.memberId(),
				d.callId(), d.participantId(), d.decidedAt()));
	}

}
