package dev.assent.recording;

import java.time.Clock;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;

import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import dev.assent.calls.Call;
import dev.assent.calls.CallCancelled;
import dev.assent.calls.CallManagement;
import dev.assent.calls.CallScheduled;
import dev.assent.calls.CallStatus;
import dev.assent.profiles.AudioPrompts;
import dev.assent.profiles.ConsentProfile;
import dev.assent.profiles.ProfileManagement;

import static dev.assent.recording.spi.RecorderHttp.JSON;

/**
 * Recording sessions (PRODUCT D3–D8): one per call, with the bot that records it, ordered when the
 * call is scheduled and stopped when it is cancelled. What opt-outs do is {@link OptOutStops};
 * changing one's mind across the stop (C10) is {@link ChangesOfMind}; the recorder's reports are
 * {@link RecorderWebhooks}; the 70 % rule and join matching are the pure {@link SeventyPercentRule}
 * and {@link JoinMatching}. Every change to a session happens under its row lock, so the listeners
 * for "scheduled", "cancelled" and "opted out" and the recorder's webhooks may arrive in any order,
 * on any node, any number of times, and still agree. Commands to the recorder go through
 * {@link RecorderOutbox}.
 */
@Service
public class RecordingManagement {

	private static final Logger log = LoggerFactory.getLogger(RecordingManagement.class);

	private final Sessions sessions;

	private final Commands commands;

	private final Segments segments;

	private final RecorderOutbox outbox;

	private final Recorder recorder;

	private final CallManagement calls;

	private final ProfileManagement profiles;

	private final AudioPrompts prompts;

	private final Clock clock;

	private final PurposeRefusals refusals;

	RecordingManagement(Sessions sessions, Commands commands, Segments segments, RecorderOutbox outbox,
			Recorder recorder, CallManagement calls, ProfileManagement profiles, AudioPrompts prompts, Clock clock,
			PurposeRefusals refusals) {
		this.refusals = refusals;
		this.sessions = sessions;
		this.commands = commands;
		this.segments = segments;
		this.outbox = outbox;
		this.recorder = recorder;
		this.calls = calls;
		this.profiles = profiles;
		this.prompts = prompts;
		this.clock = clock;
	}

	// --- calls scheduled and cancelled

	/**
	 * A call was planned (or re-planned): orders a bot for it, unless it has no owner, is not
	 * scheduled any more, or its recording was stopped already. A re-planned call whose start or
	 * link changed gets a new bot (the former one is stopped); anything else changes nothing.
	 */
	@Transactional
	void scheduled(CallScheduled event) {
		if (event.ownerId() == null) {
			return;
		}
		Optional<Session> locked = lockSession(event.companyId(), event.callId());
		if (locked.isEmpty()) {
			return;
		}
		Session s = locked.get();
		Call c = calls.get(event.companyId(), event.callId());
		Instant now = Instant.now(clock);
		if (s.stopReason() != null || c.status() != CallStatus.SCHEDULED || c.ownerId() == null) {
			sessions.replan(c, now);
			return;
		}
		boolean unchanged = s.recordCommandId() != null && s.plannedStart().equals(c.plannedStart())
				&& Objects.equals(s.joinUrl(), c.joinUrl());
		if (unchanged) {
			sessions.replan(c, now);
			return;
		}
		if (s.recordCommandId() != null) {
			outbox.stop(c.companyId(), c.id(), s.recordCommandId(), stopOrder("RESCHEDULED", null));
		}
		if (c.joinUrl() == null) {
			log.info("Call {} has no join link; no bot is ordered", c.id());
			sessions.replan(c, now);
			return;
		}
		UUID record = outbox.record(c.companyId(), c.id(), botOrder(c));
		sessions.recordWith(c.id(), record, c, now);
		// A re-planned call's new bot (or a first bot ordered after decisions) hears the purposes refused (X4).
		refusals.carryTo(c.companyId(), c.id(), record);
	}

	/** A call was cancelled before it took place: its bot is stopped (or never ordered). */
	@Transactional
	void cancelled(CallCancelled event) {
		Optional<Session> locked = lockSession(event.companyId(), event.callId());
		if (locked.isEmpty()) {
			return;
		}
		Session s = locked.get();
		sessions.stopped(s.callId(), "CALL_CANCELLED", Instant.now(clock));
		if (s.recordCommandId() != null) {
			outbox.stop(s.companyId(), s.callId(), s.recordCommandId(), stopOrder("CALL_CANCELLED", null));
		}
	}

	/** Stops the session's recording (its bot, if one was ordered); nothing is recorded after it. */
	void stop(Session s, String reason, @Nullable Instant keepUntil) {
		Instant now = Instant.now(clock);
		sessions.stopped(s.callId(), s.segment(), reason, now, keepUntil);
		if (s.recordCommandId() != null) {
			// The session is locked: its bot id is that of its RECORD command (or not known yet).
			outbox.stop(s.companyId(), s.callId(), s.recordCommandId(), s.botId(), stopOrder(reason, keepUntil));
		}
	}

	Optional<Session> session(UUID callId) {
		return sessions.find(callId);
	}

	List<Command> commandsOf(UUID companyId, UUID callId) {
		return commands.forCall(companyId, callId);
	}

	/** The segments of the call's recording, first first (PRODUCT C10). */
	List<Segments.Segment> segmentsOf(UUID companyId, UUID callId) {
		return segments.ofCall(companyId, callId);
	}

	// --- internals

	/** The call's session, created from the call when missing, locked; empty when the call is unknown. */
	Optional<Session> lockSession(UUID companyId, UUID callId) {
		return calls.find(companyId, callId).flatMap(c -> sessions.lockOrCreate(c, Instant.now(clock)));
	}

	/** The Recorder API body of POST /bots, with the owner's audio prompt (PRODUCT A1) when the profile has one. */
	String botOrder(Call c) {
		return botOrder(c, c.plannedStart());
	}

	String botOrder(Call c, Instant joinAt) {
		Map<String, Object> order = new LinkedHashMap<>();
		order.put("callId", c.id().toString());
		order.put("joinUrl", c.joinUrl());
		order.put("joinAt", joinAt.toString());
		order.put("plannedEnd", c.plannedEnd().toString());
		if (c.ownerId() != null) {
			ConsentProfile profile = profiles.profileOf(c.companyId(), c.ownerId());
			if (profile.audioPromptId() != null) {
				prompts.find(profile.audioPromptId()).ifPresent(p -> {
					Map<String, Object> prompt = new LinkedHashMap<>();
					prompt.put("id", p.id());
					prompt.put("text", p.text());
					prompt.put("audioUrl", recorder.baseUrl() + p.audioPath());
					order.put("audioPrompt", prompt);
				});
			}
		}
		return JSON.writeValueAsString(order);
	}

	static String stopOrder(String reason, @Nullable Instant keepUntil) {
		Map<String, Object> order = new LinkedHashMap<>();
		order.put("reason", reason);
		if (keepUntil != null) {
			order.put("keepRecordingUntil", keepUntil.toString());
		}
		return JSON.writeValueAsString(order);
	}

}
