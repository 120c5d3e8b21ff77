package dev.assent.recording;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.modulith.events.ApplicationModuleListener;
import org.springframework.stereotype.Component;

import dev.assent.consentpage.ConsentManagement;
import dev.assent.consentpage.Decision;
import dev.assent.consentpage.PurposesRefused;
import dev.assent.profiles.Purpose;

import static dev.assent.recording.spi.RecorderHttp.JSON;

/**
 * The purposes a participant refused (PRODUCT X4: transcription, AI training) go to the recorder
 * of the call's bot as a PURPOSES command of the outbox ({@code POST {recorder}/bots/{botId}/purposes
 * {participant, refused, decidedAt, decisionId}}): retried until acknowledged like a STOP, sent once
 * the bot's id is known. One command per decision and bot (its id is derived from both), so a
 * redelivered event adds nothing. A call without a bot ordered has nothing recording to tell.
 * <p>
 * A <em>new</em> bot of the call — after everyone who opted out consented again (C10), or after a
 * re-plan — knows nothing of what the former bot was told: {@link #carryTo} gives it a PURPOSES
 * command for every refusal that still stands (each participant's latest decision for the call).
 * Both paths work under the call's session lock, so a refusal stored while a new bot is ordered
 * reaches that bot exactly once, by one path or the other.
 */
@Component
class PurposeRefusals {

	private static final Logger log = LoggerFactory.getLogger(PurposeRefusals.class);

	private final Sessions sessions;

	private final RecorderOutbox outbox;

	private final ConsentManagement consents;

	PurposeRefusals(Sessions sessions, RecorderOutbox outbox, ConsentManagement consents) {
		this.sessions = sessions;
		this.outbox = outbox;
		this.consents = consents;
	}

	@ApplicationModuleListener
	void on(PurposesRefused event) {
		// Sessions are locked in the order of their calls, so that two batches never wait for each other.
		List<PurposesRefused.Refusal> ofCalls = event.refusals()
			.stream()
			.filter(r -> r.callId() != null)
			.sorted(Comparator.comparing(PurposesRefused.Refusal::callId))
			.toList();
		for (PurposesRefused.Refusal r : ofCalls) {
			// Locked: a new bot being ordered for the call (carryTo) either commits first, and this
			// refusal goes to the new bot, or waits, and then carries this refusal itself.
			Optional<Session> session = sessions.lock(r.callId());
			UUID record = session.filter(s -> s.companyId().equals(r.companyId())).map(Session::recordCommandId).orElse(null);
			if (record == null) {
				log.debug("Purposes refused for call {} without a bot ordered: nothing to tell", r.callId());
				continue;
			}
			tell(r.companyId(), r.callId(), record, r.decisionId(), r.participantId(), r.refused(), r.occurredAt());
		}
	}

	/**
	 * A new bot was ordered for the call ({@code recordCommandId}, in the caller's transaction, the
	 * call's session locked): it is told every refusal that still stands, one PURPOSES command each.
	 * Answers how many.
	 */
	int carryTo(UUID companyId, UUID callId, UUID recordCommandId) {
		List<Decision> standing = consents.standingPurposeRefusals(companyId, callId);
		for (Decision d : standing) {
			tell(companyId, callId, recordCommandId, d.id(), d.participantId(), d.purposesRefused(), d.decidedAt());
		}
		if (!standing.isEmpty()) {
			log.info("Call {}: its new bot is told the purposes {} participant(s) still refuse", callId, standing.size());
		}
		return standing.size();
	}

	private void tell(UUID companyId, UUID callId, UUID recordCommandId, UUID decisionId, String participantId,
			List<Purpose> refused, Instant decidedAt) {
		Map<String, Object> order = new LinkedHashMap<>();
		order.put("participant", participantId);
		order.put("refused", refused.stream().map(Enum::name).toList());
		order.put("decidedAt", decidedAt.toString());
		order.put("decisionId", decisionId.toString());
		outbox.purposes(commandId(decisionId, recordCommandId), companyId, callId, recordCommandId,
				JSON.writeValueAsString(order));
	}

	/** The PURPOSES command of one decision for one bot: the same decision told the same bot twice is one command. */
	static UUID commandId(UUID decisionId, UUID recordCommandId) {
		return UUID.nameUUIDFromBytes(("purposes:" + decisionId + ":" + recordCommandId).getBytes(StandardCharsets.UTF_8));
	}

}
