package dev.assent.recording;

import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;

import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import dev.assent.accounts.Member;
import dev.assent.accounts.MemberManagement;
import dev.assent.calls.Call;
import dev.assent.calls.CallManagement;
import dev.assent.calls.CallStatus;
import dev.assent.calls.SkipReason;
import dev.assent.consentpage.Choice;
import dev.assent.consentpage.ConsentManagement;
import dev.assent.profiles.ConsentPageMode;
import dev.assent.profiles.ConsentProfile;
import dev.assent.profiles.ProfileManagement;
import dev.assent.recording.spi.RecorderEvent;
import dev.assent.recording.spi.RecorderEvents;
import dev.assent.shared.NotFound;

/**
 * What the recorder reports (API.md, recorder webhooks), verified by the controllers: applied to
 * the call's session under its row lock, once per event id. The recorder's start and end of a
 * call tell which occurrence decisions belong to ({@link dev.assent.calls.OccurrenceRule}); its
 * joins are matched to consent-page decisions ({@link JoinMatching}, PRODUCT D8).
 */
@Service
class RecorderWebhooks implements RecorderEvents {

	private static final Logger log = LoggerFactory.getLogger(RecorderWebhooks.class);

	private final Sessions sessions;

	private final Commands commands;

	private final Participants participants;

	private final Segments segments;

	private final WebhookEvents webhookEvents;

	private final RecordingManagement recordings;

	private final CallManagement calls;

	private final ConsentManagement consents;

	private final ProfileManagement profiles;

	private final MemberManagement members;

	private final ApplicationEventPublisher events;

	private final Clock clock;

	private final PlayedPrompts prompts;

	RecorderWebhooks(Sessions sessions, Commands commands, Participants participants, Segments segments,
			WebhookEvents webhookEvents, RecordingManagement recordings, CallManagement calls, ConsentManagement consents,
			ProfileManagement profiles, MemberManagement members, ApplicationEventPublisher events, Clock clock,
			PlayedPrompts prompts) {
		this.prompts = prompts;
		this.sessions = sessions;
		this.commands = commands;
		this.participants = participants;
		this.segments = segments;
		this.webhookEvents = webhookEvents;
		this.recordings = recordings;
		this.calls = calls;
		this.consents = consents;
		this.profiles = profiles;
		this.members = members;
		this.events = events;
		this.clock = clock;
	}

	/** Applies a verified recorder event; a repeated event id has no effect. */
	@Override
	@Transactional
	public Outcome handle(String source, RecorderEvent e) {
		if (!webhookEvents.first(source, e.id(), e.type(), Instant.now(clock))) {
			return Outcome.DUPLICATE;
		}
		UUID callId = e.callId();
		if (callId == null && e.botId() != null) {
			callId = sessions.callOfCurrentBot(e.botId()).or(() -> commands.callOfBot(e.botId())).orElse(null);
		}
		Session s = callId == null ? null : sessions.lock(callId).orElse(null);
		if (s != null && e.type().equals(RecorderEvent.RECORDING_STOPPED) && e.botId() != null) {
			// A former bot's segment ends whenever it says so (PRODUCT C10: shown on the call page).
			segments.stoppedBot(s.callId(), e.botId(), e.at(), e.reason());
		}
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
			case RecorderEvent.BOT_JOINED -> {
				sessions.botJoined(s.callId(), e.at());
				calls.markStarted(s.companyId(), s.callId(), e.at());
			}
			case RecorderEvent.RECORDING_STARTED -> {
				sessions.recordingStarted(s.callId(), e.at());
				calls.markStarted(s.companyId(), s.callId(), e.at());
				segments.started(s.companyId(), s.callId(), s.segment(), botId, e.at());
				if (s.stopReason() == null) {
					calls.markRecording(s.companyId(), s.callId());
				}
				if (s.recordingStartedAt() == null) {
					events.publishEvent(new RecordingStarted(s.callId(), s.companyId(), botId, e.at(), Instant.now(clock)));
					// The recorder plays the prompt as it starts recording (A1): evidence of what was played (X1).
					prompts.of(s, botId, e.at()).ifPresent(events::publishEvent);
				}
			}
			case RecorderEvent.PARTICIPANT_JOINED -> participantJoined(s, e);
			case RecorderEvent.PARTICIPANT_KEYPAD -> keypad(s, e, botId);
			case RecorderEvent.RECORDING_STOPPED -> {
				sessions.recordingStopped(s.callId(), e.at());
				segments.stopped(s.callId(), s.segment(), e.at(), e.reason() != null ? e.reason() : s.stopReason(), null);
				if (s.recordingStoppedAt() == null) {
					events.publishEvent(new RecordingStopped(s.callId(), s.companyId(), botId,
							e.reason() != null ? e.reason() : s.stopReason(), e.at(), Instant.now(clock)));
				}
			}
			case RecorderEvent.CALL_ENDED -> {
				sessions.ended(s.callId(), e.at());
				segments.stopped(s.callId(), s.segment(), e.at(), "CALL_ENDED", null);
				if (s.stopReason() == null) {
					// The end of the call as the bot that records it saw it. A bot told to stop may
					// leave a call that goes on: its end says nothing of the call (OccurrenceRule).
					calls.markEnded(s.companyId(), s.callId(), e.at());
				}
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
		String ownerEmail = c.ownerId() == null ? null : member(c.companyId(), c.ownerId()).map(Member::email).orElse(null);
		List<JoinMatching.Decided> decided = consents.decisionsForCall(c.companyId(), c.id())
			.stream()
			.map(d -> new JoinMatching.Decided(d.participantId(), d.decidedAt()))
			.toList();
		JoinMatching.Match match = JoinMatching.join(ownerEmail, participants.ofCall(c.id()), decided, name, email, e.at());
		boolean covered = match.covered();
		String matched = match.participantId();
		participants.insert(e.id(), c.companyId(), c.id(), name, email, e.at(), matched, covered);
		boolean recording = s.recordingStartedAt() != null && s.recordingStoppedAt() == null && s.stopReason() == null;
		events.publishEvent(new ParticipantAdmitted(e.id(), c.id(), c.companyId(), e.botId(), name, email, matched,
				covered, recording,
				s.recordingStartedAt() == null ? null
						: prompts.of(s, Objects.requireNonNullElse(s.botId(), "?"), s.recordingStartedAt()).orElse(null),
				e.at())); // X1
		if (covered || c.ownerId() == null || s.stopReason() != null
				|| (c.status() != CallStatus.SCHEDULED && c.status() != CallStatus.RECORDING)) {
			return;
		}
		ConsentProfile profile = profiles.profileOf(c.companyId(), c.ownerId());
		if (profile.consentPage() == ConsentPageMode.ENFORCED) {
			log.info("Call {}: {} joined without the consent page, which profile {} enforces; not recorded", c.id(),
					name != null ? name : "a participant", profile.name());
			recordings.stop(s, SkipReason.CONSENT_PAGE_NOT_USED.name(), null);
			calls.markSkipped(c.companyId(), c.id(), SkipReason.CONSENT_PAGE_NOT_USED, e.at());
		}
	}

	/**
	 * A dial-in participant answered the audio prompt on the keypad (PRODUCT X5): 1 consents, 2
	 * declines, recorded like a page decision — decision, evidence (method KEYPAD, with the prompt's
	 * words and audio hash) and, for a decline, the STOP of the opt-out path. Other keys are ignored.
	 */
	private void keypad(Session s, RecorderEvent e, String botId) {
		Choice choice = "1".equals(e.digit()) ? Choice.RECORD : "2".equals(e.digit()) ? Choice.DONT_RECORD : null;
		Call c = calls.get(s.companyId(), s.callId());
		if (choice == null || c.ownerId() == null) {
			log.info("Call {}: keypad {} ignored", s.callId(), e.digit());
			return;
		}
		String who = blankToNull(e.phone()) != null ? "tel:" + e.phone().strip()
				: "dial-in:" + (blankToNull(e.name()) != null ? e.name().strip() : e.id());
		ConsentProfile profile = profiles.profileOf(c.companyId(), c.ownerId());
		AudioPromptPlayed prompt = s.recordingStartedAt() == null ? null
				: prompts.of(s, botId, s.recordingStartedAt()).orElse(null);
		consents.decideOnKeypad(new ConsentManagement.KeypadDecision(c.companyId(), c.ownerId(), c.id(), who, choice,
				e.digit(), profile.id(), profile.version(), c.provider().name(), c.joinUrl() == null ? "" : c.joinUrl(),
				prompt == null ? null : prompt.promptId(), prompt == null ? null : prompt.text(),
				prompt == null ? null : prompt.audioSha256(), e.id(), e.at()));
	}

	private Optional<Member> member(UUID companyId, UUID memberId) {
		try {
			return Optional.of(members.get(companyId, memberId));
		}
		catch (NotFound ex) {
			return Optional.empty();
		}
	}

	private static @Nullable String blankToNull(@Nullable String s) {
		return s == null || s.isBlank() ? null : s.strip();
	}

}
