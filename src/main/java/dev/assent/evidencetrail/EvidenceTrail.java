package dev.assent.evidencetrail;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.UUID;

import org.jspecify.annotations.Nullable;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.modulith.events.ApplicationModuleListener;
import org.springframework.stereotype.Component;

import dev.assent.calls.ParticipantJoined;
import dev.assent.evidence.EvidenceLedger;
import dev.assent.evidence.EvidenceRecord;
import dev.assent.evidence.NewEvidence;
import dev.assent.evidence.ShownText;
import dev.assent.recording.AudioPromptPlayed;
import dev.assent.recording.ParticipantAdmitted;
import dev.assent.recording.RecordingStarted;
import dev.assent.recording.RecordingStopped;

/**
 * Ledger records for the consent events the consent page does not see (PRODUCT X1):
 * <ul>
 * <li>{@code RECORDING_STARTED} / {@code RECORDING_STOPPED} for each person: when the recording
 * started, for everyone the call's evidence knows who had not refused (decided or joined), and for
 * anyone joining while it runs; when it stopped, for everyone it had started for;</li>
 * <li>{@code AUDIO_PROMPT_PLAYED} (participant {@code *}: everyone in the call) with the prompt's
 * words (by hash) and the audio file's hash;</li>
 * <li>{@code PARTICIPANT_JOINED} as the recorder ({@code RECORDER}) or the meeting provider
 * ({@code PROVIDER}) saw it, and {@code IMPLICIT_JOIN} for someone the recorder saw join without a
 * consent-page decision after the audio prompt was played — implied consent where the law accepts it
 * (US all-party after notice; not GDPR consent).</li>
 * </ul>
 * Each event is handled in its own transaction, after its publisher committed, at least once: the
 * call's records are taken under a lock on the call, and a repeated event adds nothing.
 */
@Component
class EvidenceTrail {

	static final String EVERYONE = "*";

	private final EvidenceLedger ledger;

	private final JdbcClient jdbc;

	EvidenceTrail(EvidenceLedger ledger, JdbcClient jdbc) {
		this.ledger = ledger;
		this.jdbc = jdbc;
	}

	@ApplicationModuleListener
	void on(RecordingStarted e) {
		List<EvidenceRecord> known = lockedCall(e.companyId(), e.callId());
		String source = "recording-started:" + e.botId() + ":" + e.startedAt();
		if (seen(known, source)) {
			return;
		}
		Set<String> open = recordingFor(known);
		List<NewEvidence> out = new ArrayList<>();
		for (String p : present(known)) {
			if (!open.contains(p)) {
				out.add(record(e.companyId(), e.callId(), p, "RECORDING_STARTED", "RECORDER", "STARTED",
						shown(source, "botId", e.botId()), e.startedAt(), null));
			}
		}
		ledger.appendAll(out);
	}

	@ApplicationModuleListener
	void on(RecordingStopped e) {
		List<EvidenceRecord> known = lockedCall(e.companyId(), e.callId());
		String source = "recording-stopped:" + e.botId() + ":" + e.stoppedAt();
		if (seen(known, source)) {
			return;
		}
		Map<String, Object> shown = shown(source, "botId", e.botId());
		if (e.reason() != null) {
			shown.put("reason", e.reason());
		}
		List<NewEvidence> out = new ArrayList<>();
		for (String p : recordingFor(known)) {
			out.add(record(e.companyId(), e.callId(), p, "RECORDING_STOPPED", "RECORDER", "STOPPED", shown,
					e.stoppedAt(), null));
		}
		if (out.isEmpty()) {
			// Nobody known to the evidence was being recorded: the stop is still kept, for the call.
			out.add(record(e.companyId(), e.callId(), EVERYONE, "RECORDING_STOPPED", "RECORDER", "STOPPED", shown,
					e.stoppedAt(), null));
		}
		ledger.appendAll(out);
	}

	@ApplicationModuleListener
	void on(AudioPromptPlayed e) {
		List<EvidenceRecord> known = lockedCall(e.companyId(), e.callId());
		String source = "audio-prompt:" + e.botId() + ":" + e.playedAt();
		if (seen(known, source)) {
			return;
		}
		Map<String, Object> shown = shown(source, "botId", e.botId());
		shown.put("audioPromptId", e.promptId());
		shown.put("audioSha256", e.audioSha256());
		shown.put("language", "en");
		ledger.appendAll(List.of(record(e.companyId(), e.callId(), EVERYONE, "AUDIO_PROMPT_PLAYED", "RECORDER",
				"PLAYED", shown, e.playedAt(), new ShownText("text/plain", e.text()))));
	}

	@ApplicationModuleListener
	void on(ParticipantAdmitted e) {
		List<EvidenceRecord> known = lockedCall(e.companyId(), e.callId());
		String source = "recorder-join:" + e.eventId();
		if (seen(known, source)) {
			return;
		}
		String who = e.participant();
		Map<String, Object> shown = shown(source, "covered", e.covered());
		put(shown, "name", e.name());
		put(shown, "email", e.email());
		put(shown, "botId", e.botId());
		put(shown, "consentPageParticipant", e.pageParticipantId());
		List<NewEvidence> out = new ArrayList<>();
		out.add(record(e.companyId(), e.callId(), who, "PARTICIPANT_JOINED", "RECORDER", "JOINED", shown, e.joinedAt(),
				null));
		AudioPromptPlayed prompt = e.prompt();
		if (!e.covered() && prompt != null) {
			Map<String, Object> implicit = shown(source, "audioPromptId", prompt.promptId());
			implicit.put("audioSha256", prompt.audioSha256());
			implicit.put("promptPlayedAt", prompt.playedAt().toString());
			implicit.put("language", "en");
			out.add(record(e.companyId(), e.callId(), who, "IMPLICIT_JOIN", "AUDIO_PROMPT", "IMPLICIT", implicit,
					e.joinedAt(), new ShownText("text/plain", prompt.text())));
		}
		if (e.recording() && !recordingFor(known).contains(who)) {
			out.add(record(e.companyId(), e.callId(), who, "RECORDING_STARTED", "RECORDER", "STARTED",
					shown(source, "botId", Objects.requireNonNullElse(e.botId(), "?")), e.joinedAt(), null));
			// A stop the trail took before this join (events may come in any order) ends it again.
			Instant stoppedSince = stoppedAtOrAfter(known, e.joinedAt());
			if (stoppedSince != null) {
				out.add(record(e.companyId(), e.callId(), who, "RECORDING_STOPPED", "RECORDER", "STOPPED",
						shown(source, "reason", "RECORDING_STOPPED_BEFORE"), stoppedSince, null));
			}
		}
		ledger.appendAll(out);
	}

	@ApplicationModuleListener
	void on(ParticipantJoined e) {
		List<EvidenceRecord> known = lockedCall(e.companyId(), e.callId());
		String who = e.email() != null ? e.email() : "joined:" + Objects.requireNonNullElse(e.name(), "?");
		String source = "provider-join:" + e.provider().name() + ":" + who + ":" + e.at();
		if (seen(known, source)) {
			return;
		}
		Map<String, Object> shown = shown(source, "provider", e.provider().name());
		put(shown, "name", e.name());
		put(shown, "email", e.email());
		ledger.appendAll(List.of(record(e.companyId(), e.callId(), who, "PARTICIPANT_JOINED", "PROVIDER", "JOINED",
				shown, e.at(), null)));
	}

	/** The call's evidence so far, read under a lock on the call: one trail writer per call at a time. */
	private List<EvidenceRecord> lockedCall(UUID companyId, UUID callId) {
		jdbc.sql("select pg_advisory_xact_lock(hashtextextended(?, 12))").param("evidence-trail:" + callId).query().listOfRows();
		return ledger.forCall(companyId, callId);
	}

	private static boolean seen(List<EvidenceRecord> known, String source) {
		return known.stream().anyMatch(r -> source.equals(r.shown().get("source")));
	}

	/** Who is in the call as far as the evidence knows: joined, or decided without refusing (latest decision). */
	static Set<String> present(List<EvidenceRecord> known) {
		Map<String, Boolean> in = new LinkedHashMap<>();
		for (EvidenceRecord r : known) {
			if (EVERYONE.equals(r.participant())) {
				continue;
			}
			switch (r.kind()) {
				case "CONSENT_DECISION" -> in.put(r.participant(),
						!"OPTED_OUT".equals(r.decision()) && !"WITHDRAWN".equals(r.decision()));
				case "CONSENT_WITHDRAWN" -> in.put(r.participant(), false);
				case "PARTICIPANT_JOINED", "IMPLICIT_JOIN" -> in.putIfAbsent(r.participant(), true);
				default -> {
				}
			}
		}
		Set<String> out = new LinkedHashSet<>();
		in.forEach((p, yes) -> {
			if (yes) {
				out.add(p);
			}
		});
		return out;
	}

	/** Whom the recording runs for now: a RECORDING_STARTED not yet followed by a RECORDING_STOPPED. */
	static Set<String> recordingFor(List<EvidenceRecord> known) {
		Set<String> open = new LinkedHashSet<>();
		for (EvidenceRecord r : known) {
			if (EVERYONE.equals(r.participant())) {
				continue;
			}
			if ("RECORDING_STARTED".equals(r.kind())) {
				open.add(r.participant());
			}
			else if ("RECORDING_STOPPED".equals(r.kind())) {
				open.remove(r.participant());
			}
		}
		return open;
	}

	private static @Nullable Instant stoppedAtOrAfter(List<EvidenceRecord> known, Instant at) {
		return known.stream()
			.filter(r -> "RECORDING_STOPPED".equals(r.kind()) && !r.recordedAt().isBefore(at.truncatedTo(ChronoUnit.MICROS)))
			.map(EvidenceRecord::recordedAt)
			.min(Instant::compareTo)
			.orElse(null);
	}

	private static Map<String, Object> shown(String source, String key, Object value) {
		Map<String, Object> shown = new LinkedHashMap<>();
		shown.put("source", source);
		shown.put(key, value);
		return shown;
	}

	private static void put(Map<String, Object> map, String key, @Nullable Object value) {
		if (value != null) {
			map.put(key, value);
		}
	}

	private static NewEvidence record(UUID companyId, UUID callId, String participant, String kind, String method,
			String decision, Map<String, Object> shown, Instant at, @Nullable ShownText text) {
		return new NewEvidence(companyId, callId, null, participant, kind, method, decision, shown, at, text);
	}

}
