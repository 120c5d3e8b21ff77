package dev.assent.recording;

import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.modulith.events.ApplicationModuleListener;
import org.springframework.stereotype.Component;

import dev.assent.consentpage.PurposesRefused;

/**
 * The purposes a participant refused (PRODUCT X4: transcription, AI training) go to the recorder
 * of the call's bot as a PURPOSES command of the outbox ({@code POST {recorder}/bots/{botId}/purposes
 * {participant, refused, decidedAt, decisionId}}): retried until acknowledged like a STOP, sent once
 * the bot's id is known. One command per decision (its id is derived from the decision's), so a
 * redelivered event adds nothing. A call without a bot ordered has nothing recording to tell.
 */
@Component
class PurposeRefusals {

	private static final Logger log = LoggerFactory.getLogger(PurposeRefusals.class);

	private static final JsonMapper JSON = JsonMapper.builder().build();

	private final Sessions sessions;

	private final RecorderOutbox outbox;

	PurposeRefusals(Sessions sessions, RecorderOutbox outbox) {
		this.sessions = sessions;
		this.outbox = outbox;
	}

	@ApplicationModuleListener
	void on(PurposesRefused event) {
		for (PurposesRefused.Refusal r : event.refusals()) {
			if (r.callId() == null) {
				continue;
			}
			Optional<Session> session = sessions.find(r.callId());
			UUID record = session.filter(s -> s.companyId().equals(r.companyId())).map(Session::recordCommandId).orElse(null);
			if (record == null) {
				log.debug("Purposes refused for call {} without a bot ordered: nothing to tell", r.callId());
				continue;
			}
			Map<String, Object> order = new LinkedHashMap<>();
			order.put("participant", r.participantId());
			order.put("refused", r.refused().stream().map(Enum::name).toList());
			order.put("decidedAt", r.occurredAt().toString());
			order.put("decisionId", r.decisionId().toString());
			UUID id = UUID.nameUUIDFromBytes(("purposes:" + r.decisionId()).getBytes(StandardCharsets.UTF_8));
			outbox.purposes(id, r.companyId(), r.callId(), record, JSON.writeValueAsString(order));
		}
	}

}
