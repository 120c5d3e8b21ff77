package dev.assent.recording;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import dev.assent.accounts.Member;
import dev.assent.accounts.MemberManagement;
import dev.assent.calls.Call;
import dev.assent.calls.CallCancelled;
import dev.assent.calls.CallManagement;
import dev.assent.calls.CallScheduled;
import dev.assent.calls.CallStatus;
import dev.assent.calls.SkipReason;
import dev.assent.consentpage.ConsentDeclined;
import dev.assent.consentpage.ConsentManagement;
import dev.assent.consentpage.Decision;
import dev.assent.profiles.AudioPrompts;
import dev.assent.profiles.ConsentPageMode;
import dev.assent.profiles.ConsentProfile;
import dev.assent.profiles.ProfileManagement;
import dev.assent.shared.NotFound;

/**
 * Recording sessions (PRODUCT D3–D8): one per call, with the bot that records it. Every change to
 * a session happens under its row lock, so the listeners for "scheduled", "cancelled" and
 * "opted out" and the recorder's webhooks may arrive in any order, on any node, any number of
 * times, and still agree. Commands to the recorder go through {@link RecorderOutbox}.
 */
@Service
public class RecordingManagement {

	private static final Logger log = LoggerFactory.getLogger(RecordingManagement.class);

	private static final JsonMapper JSON = JsonMapper.builder().build();

	/** A consent-page decision counts for a join up to this long after it (clocks of two systems). */
	static final Duration JOIN_GRACE = Duration.ofMinutes(1);

	static final String OPTED_OUT = SkipReason.PARTICIPANT_OPTED_OUT.name();

	private final Sessions sessions;

	private final Commands commands;

	private final OptOuts optOuts;

	private final Participants participants;

	private final WebhookEvents webhookEvents;

	private final RecorderOutbox outbox;

	private final Recorder recorder;

	private final CallManagement calls;

	private final ConsentManagement consents;

	private final ProfileManagement profiles;

	private final AudioPrompts prompts;

	private final MemberManagement members;

	private final ApplicationEventPublisher events;

	private final Clock clock;

	RecordingManagement(Sessions sessions, Commands commands, OptOuts optOuts, Participants participants,
			WebhookEvents webhookEvents, RecorderOutbox outbox, Recorder recorder, CallManagement calls,
			ConsentManagement consents, ProfileManagement profiles, AudioPrompts prompts, MemberManagement members,
			ApplicationEventPublisher events, Clock clock) {
		this.sessions = sessions;
		this.commands = commands;
		this.optOuts = optOuts;
		this.participants = participants;
		this.webhookEvents = webhookEvents;
		this.outbox = outbox;
		this.recorder = recorder;
		this.calls = calls;
		this.consents = consents;
		this.profiles = profiles;
		this.prompts = prompts;
		this.members = members;
		this.events = events;
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

	// --- opt-out (PRODUCT D4, D5)

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
	 * A participant chose "Join but don't record" for a call (PRODUCT D4, D5). The 70 % rule, at the
	 * moment of the decision ({@code occurredAt}, from the injected clock): recorded share =
	 * (decision − recording start (the recorder's {@code recording.started}, else the planned start))
	 * ÷ (planned end − planned start). At least 70 %: stop, keep the recording up to the decision,
	 * the call is PARTIAL. Less (or not started): stop without keeping, the call is SKIPPED
	 * (PARTICIPANT_OPTED_OUT). A decision is acted on once, however often it is delivered.
	 */
	@Transactional
	Effect optedOut(ConsentDeclined event) {
		return event.callId() == null ? Effect.NONE : optedOut(event.companyId(), event.callId(), List.of(event)).get(0);
	}

	/**
	 * {@link #optedOut(ConsentDeclined)} for opt-outs of one call stored together, in one
	 * transaction, in their order; answers their effects in that order. When many participants opt
	 * out of one call, all but the first find nothing left to stop: the call's session is locked
	 * only when there is a recording to stop or a join to attribute an opt-out to, so they do not
	 * queue for it.
	 */
	@Transactional
	List<Effect> optedOut(UUID companyId, UUID callId, List<ConsentDeclined> ofOneCall) {
		// Durable enough without waiting for the disk: until this transaction's effects are on disk,
		// so is not the completion of the event that caused it (written later, WAL is in order), and
		// a crash before that makes the event be delivered again — the STOP is sent again then.
		sessions.commitWithoutWaitingForDisk();
		Set<UUID> fresh = optOuts.insertAll(ofOneCall, Instant.now(clock));
		List<ConsentDeclined> toHandle = ofOneCall.stream().filter(e -> fresh.contains(e.decisionId())).toList();
		Map<UUID, Effect> effects = new HashMap<>();
		Optional<Call> seen = toHandle.isEmpty() ? Optional.empty() : calls.find(companyId, callId);
		if (seen.isPresent() && mayChange(seen.get(), toHandle)) {
			Optional<Session> locked = lockSession(seen.get());
			if (locked.isPresent()) {
				// After the first opt-out that stops the call, the others find it stopped (NONE).
				toHandle.forEach(e -> effects.put(e.decisionId(), optedOutLocked(locked.get(), e)));
			}
		}
		return ofOneCall.stream().map(e -> effects.getOrDefault(e.decisionId(), Effect.NONE)).toList();
	}

	/** Whether the opt-outs may still stop the call's recording or be attributed to a join. */
	private boolean mayChange(Call seen, List<ConsentDeclined> optedOut) {
		if (isActive(seen.status())) {
			return true;
		}
		List<Participants.Joined> joined = participants.ofCall(seen.id());
		return optedOut.stream().anyMatch(e -> joinToMatch(joined, e.participantId(), e.occurredAt()).isPresent());
	}

	/** One opt-out, its call's session {@code s} locked by this transaction: the 70 % rule. */
	private Effect optedOutLocked(Session s, ConsentDeclined event) {
		UUID callId = event.callId();
		matchOptOutToJoin(callId, event.participantId(), event.occurredAt());
		// Read again under the session's lock: an opt-out handled meanwhile may have stopped the call.
		Call c = calls.get(event.companyId(), callId);
		if (!isActive(c.status())) {
			return Effect.NONE;
		}
		Instant at = event.occurredAt();
		Instant start = s.recordingStartedAt() != null ? s.recordingStartedAt() : c.plannedStart();
		long planned = Duration.between(c.plannedStart(), c.plannedEnd()).toMillis();
		long recorded = Math.max(0, Duration.between(start, at).toMillis());
		double share = planned <= 0 ? 0 : (double) recorded / planned;
		// Exact integer comparison: recorded / planned >= 70 / 100.
		boolean keep = planned > 0 && recorded * 100 >= planned * 70;
		Effect effect;
		if (keep) {
			stop(s, OPTED_OUT, at);
			calls.markPartial(c.companyId(), c.id(), at);
			effect = Effect.PARTIAL;
		}
		else {
			stop(s, OPTED_OUT, null);
			calls.markSkipped(c.companyId(), c.id(), SkipReason.PARTICIPANT_OPTED_OUT, at);
			effect = Effect.SKIPPED;
		}
		optOuts.effect(event.decisionId(), effect.name(), share);
		if (log.isInfoEnabled()) {
			log.info("Participant opted out of call {} at {} ({} % recorded): {}", c.id(), at,
					String.format(Locale.ROOT, "%.1f", share * 100), effect);
		}
		return effect;
	}

	private void stop(Session s, String reason, @Nullable Instant keepUntil) {
		sessions.stopped(s.callId(), reason, Instant.now(clock));
		if (s.recordCommandId() != null) {
			// The session is locked: its bot id is that of its RECORD command (or not known yet).
			outbox.stop(s.companyId(), s.callId(), s.recordCommandId(), s.botId(), stopOrder(reason, keepUntil));
		}
	}

	// --- recorder webhooks (API.md)

	enum Outcome {

		PROCESSED, DUPLICATE

	}

	/** Applies a verified recorder event; a repeated event id has no effect. */
	@Transactional
	Outcome handle(String source, RecorderEvent e) {
		if (!webhookEvents.first(source, e.id(), e.type(), Instant.now(clock))) {
			return Outcome.DUPLICATE;
		}
		UUID callId = e.callId();
		if (callId == null && e.botId() != null) {
			callId = sessions.callOfCurrentBot(e.botId()).or(() -> commands.callOfBot(e.botId())).orElse(null);
		}
		Session s = callId == null ? null : sessions.lock(callId).orElse(null);
		if (s == null) {
			log.info("Recorder event {} {} names no call Assent knows (call {}, bot {}); ignored", e.type(), e.id(),
					e.callId(), e.botId());
			return Outcome.PROCESSED;
		}
		if (e.botId() != null && s.botId() != null && !e.botId().equals(s.botId())
				&& !e.type().equals(RecorderEvent.PARTICIPANT_JOINED)) {
			log.info("Recorder event {} is about bot {}, no longer the bot of call {}; ignored", e.type(), e.botId(),
					s.callId());
			return Outcome.PROCESSED;
		}
		String botId = e.botId() != null ? e.botId() : Objects.requireNonNullElse(s.botId(), "?");
		switch (e.type()) {
			case RecorderEvent.BOT_JOINED -> sessions.botJoined(s.callId(), e.at());
			case RecorderEvent.RECORDING_STARTED -> {
				sessions.recordingStarted(s.callId(), e.at());
				if (s.stopReason() == null) {
					calls.markRecording(s.companyId(), s.callId());
				}
				if (s.recordingStartedAt() == null) {
					events.publishEvent(new RecordingStarted(s.callId(), s.companyId(), botId, e.at(), Instant.now(clock)));
				}
			}
			case RecorderEvent.PARTICIPANT_JOINED -> participantJoined(s, e);
			case RecorderEvent.RECORDING_STOPPED -> {
				sessions.recordingStopped(s.callId(), e.at());
				if (s.recordingStoppedAt() == null) {
					events.publishEvent(new RecordingStopped(s.callId(), s.companyId(), botId,
							e.reason() != null ? e.reason() : s.stopReason(), e.at(), Instant.now(clock)));
				}
			}
			case RecorderEvent.CALL_ENDED -> {
				sessions.ended(s.callId(), e.at());
				// RECORDED unless already SKIPPED or PARTIAL (markRecorded moves only SCHEDULED and RECORDING on).
				calls.markRecorded(s.companyId(), s.callId());
			}
			default -> log.debug("Recorder event type {} not used", e.type());
		}
		return Outcome.PROCESSED;
	}

	/**
	 * A participant joined (PRODUCT D8). The join is matched to the consent page like this: the
	 * owner (same email) needs no decision; someone who joined before and was covered (same email,
	 * or same name) is covered again (a reconnect); anyone else is matched one-to-one to a
	 * consent-page participant of this call who decided at most a minute after the join and is not
	 * matched to another join yet (the most recent such decision). A join with no such decision
	 * came without the consent page: when the owner's profile ENFORCES the page, the recording stops
	 * and the call is SKIPPED (CONSENT_PAGE_NOT_USED). OFF/ENABLED profiles record normally.
	 */
	private void participantJoined(Session s, RecorderEvent e) {
		Call c = calls.get(s.companyId(), s.callId());
		String email = blankToNull(e.email());
		String name = blankToNull(e.name());
		Optional<Member> owner = c.ownerId() == null ? Optional.empty() : member(c.companyId(), c.ownerId());
		boolean isOwner = email != null && owner.map(m -> m.email().equalsIgnoreCase(email)).orElse(false);
		List<Participants.Joined> earlier = participants.ofCall(c.id());
		boolean reconnect = earlier.stream()
			.anyMatch(j -> j.covered() && ((email != null && email.equalsIgnoreCase(j.email()))
					|| (email == null && name != null && name.equalsIgnoreCase(j.name()))));
		String matched = null;
		if (!isOwner && !reconnect) {
			Set<String> taken = new HashSet<>();
			earlier.forEach(j -> {
				if (j.decisionParticipantId() != null) {
					taken.add(j.decisionParticipantId());
				}
			});
			matched = consents.decisionsForCall(c.companyId(), c.id())
				.stream()
				.filter(d -> !d.decidedAt().isAfter(e.at().plus(JOIN_GRACE)))
				.filter(d -> !taken.contains(d.participantId()))
				.max(Comparator.comparing(Decision::decidedAt))
				.map(Decision::participantId)
				.orElse(null);
		}
		boolean covered = isOwner || reconnect || matched != null;
		participants.insert(e.id(), c.companyId(), c.id(), name, email, e.at(), matched, covered);
		if (covered || c.ownerId() == null || s.stopReason() != null
				|| (c.status() != CallStatus.SCHEDULED && c.status() != CallStatus.RECORDING)) {
			return;
		}
		ConsentProfile profile = profiles.profileOf(c.companyId(), c.ownerId());
		if (profile.consentPage() == ConsentPageMode.ENFORCED) {
			log.info("Call {}: {} joined without the consent page, which profile {} enforces; not recorded", c.id(),
					name != null ? name : "a participant", profile.name());
			stop(s, SkipReason.CONSENT_PAGE_NOT_USED.name(), null);
			calls.markSkipped(c.companyId(), c.id(), SkipReason.CONSENT_PAGE_NOT_USED, e.at());
		}
	}

	/**
	 * An opt-out whose participant the recorder has not seen yet is matched to the latest join of
	 * the call that no decision explains (someone who joined with the provider's link and used the
	 * consent page afterwards), so the owner learns who opted out.
	 */
	private void matchOptOutToJoin(UUID callId, String participantId, Instant decidedAt) {
		joinToMatch(participants.ofCall(callId), participantId, decidedAt)
			.ifPresent(j -> participants.match(j.eventId(), participantId));
	}

	/** Of the call's joins, the one {@link #matchOptOutToJoin} attributes the opt-out to, if any. */
	private static Optional<Participants.Joined> joinToMatch(List<Participants.Joined> joined, String participantId,
			Instant decidedAt) {
		if (joined.stream().anyMatch(j -> participantId.equals(j.decisionParticipantId()))) {
			return Optional.empty();
		}
		// PostgreSQL keeps microseconds and rounds: allow the stored join time to be a rounding later.
		Instant latestJoin = decidedAt.plusMillis(1);
		return joined.stream()
			.filter(j -> j.decisionParticipantId() == null && !j.joinedAt().isAfter(latestJoin))
			.max(Comparator.comparing(Participants.Joined::joinedAt));
	}

	/** Whether the call may still be recorded: an opt-out has something to stop. */
	private static boolean isActive(CallStatus status) {
		return status == CallStatus.SCHEDULED || status == CallStatus.RECORDING;
	}

	// --- reading

	/**
	 * A skipped call for the Conversations widget (PRODUCT D6): what it was, who was invited and who
	 * opted out (name and email when the recorder saw them join, else anonymous).
	 */
	public record SkippedCall(Call call, @Nullable String owner, List<String> participants, List<String> optedOut) {
	}

	/**
	 * The skipped calls of the last {@code days} days, newest first: the owner's, or (without an
	 * owner) every owned call of the company. Calls nobody owns (NO_OWNER) are left out: they were
	 * never going to be recorded.
	 */
	public List<SkippedCall> skippedCalls(UUID companyId, @Nullable UUID ownerId, int days, int limit) {
		Instant now = Instant.now(clock);
		List<Call> page = new ArrayList<>(calls.search(companyId, new dev.assent.calls.CallQuery(CallStatus.SKIPPED,
				ownerId, null, now.minus(Duration.ofDays(days)), null, 0, 500)).items());
		page.removeIf(c -> c.skipReason() == SkipReason.NO_OWNER);
		page.sort(Comparator.comparing(Call::plannedStart).reversed());
		List<Call> shown = page.subList(0, Math.min(limit, page.size()));
		Map<UUID, List<String>> optedOut = whoOptedOut(companyId, shown.stream().map(Call::id).toList());
		List<SkippedCall> out = new ArrayList<>();
		for (dev.assent.calls.CallDetails d : calls.details(companyId, shown)) {
			List<String> invited = d.invitees().stream().map(i -> describe(i.name(), i.email())).toList();
			out.add(new SkippedCall(d.call(), d.owner() == null ? null : d.owner().name(), invited,
					optedOut.getOrDefault(d.call().id(), List.of())));
		}
		return out;
	}

	/** Who opted out of each call, as the owner may see it: name and email when known, else anonymous. */
	public Map<UUID, List<String>> whoOptedOut(UUID companyId, List<UUID> callIds) {
		Map<UUID, List<String>> out = new LinkedHashMap<>();
		for (OptOuts.OptOut o : optOuts.forCalls(companyId, callIds)) {
			out.computeIfAbsent(o.callId(), k -> new ArrayList<>()).add(describe(o.name(), o.email()));
		}
		return out;
	}

	static String describe(@Nullable String name, @Nullable String email) {
		if (name == null && email == null) {
			return "a participant (anonymous)";
		}
		if (name == null) {
			return email;
		}
		return email == null ? name : name + " (" + email + ")";
	}

	Optional<Session> session(UUID callId) {
		return sessions.find(callId);
	}

	List<Command> commandsOf(UUID companyId, UUID callId) {
		return commands.forCall(companyId, callId);
	}

	// --- internals

	/** The call's session, created from the call when missing, locked; empty when the call is unknown. */
	private Optional<Session> lockSession(UUID companyId, UUID callId) {
		return calls.find(companyId, callId).flatMap(this::lockSession);
	}

	/** The session of a call just read, created from it when missing, locked. */
	private Optional<Session> lockSession(Call call) {
		Optional<Session> locked = sessions.lock(call.id());
		if (locked.isPresent()) {
			return locked;
		}
		sessions.insertIfAbsent(call, Instant.now(clock));
		return sessions.lock(call.id());
	}

	private Optional<Member> member(UUID companyId, UUID memberId) {
		try {
			return Optional.of(members.get(companyId, memberId));
		}
		catch (NotFound ex) {
			return Optional.empty();
		}
	}

	/** The Recorder API body of POST /bots, with the owner's audio prompt (PRODUCT A1) when the profile has one. */
	String botOrder(Call c) {
		Map<String, Object> order = new LinkedHashMap<>();
		order.put("callId", c.id().toString());
		order.put("joinUrl", c.joinUrl());
		order.put("joinAt", c.plannedStart().toString());
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

	private static @Nullable String blankToNull(@Nullable String s) {
		return s == null || s.isBlank() ? null : s.strip();
	}

}
