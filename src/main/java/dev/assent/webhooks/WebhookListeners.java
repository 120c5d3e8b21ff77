package dev.assent.webhooks;

import java.util.LinkedHashMap;
import java.util.Map;

import org.springframework.modulith.events.ApplicationModuleListener;
import org.springframework.stereotype.Component;

import dev.assent.calls.CallSkipped;
import dev.assent.consentpage.ConsentDeclined;
import dev.assent.consentpage.ConsentGranted;
import dev.assent.consentpage.ConsentWithdrawn;
import dev.assent.consentpage.ConsentsDeclined;
import dev.assent.consentpage.ConsentsGranted;
import dev.assent.recording.RecordingStarted;

/**
 * Turns other modules' events into webhooks. Each listener runs after its publisher committed, in
 * its own transaction, at least once (the publication registry retries); deliveries are keyed by
 * their source event, so a redelivered event queues nothing twice.
 */
@Component
class WebhookListeners {

	private final WebhookManagement webhooks;

	WebhookListeners(WebhookManagement webhooks) {
		this.webhooks = webhooks;
	}

	@ApplicationModuleListener
	void on(ConsentsGranted event) {
		for (ConsentGranted g : event.granted()) {
			Map<String, Object> data = new LinkedHashMap<>();
			data.put("decisionId", g.decisionId().toString());
			data.put("memberId", g.memberId().toString());
			data.put("callId", g.callId() == null ? null : g.callId().toString());
			data.put("participantId", g.participantId());
			data.put("choice", "RECORD");
			data.put("outcome", g.outcome().name());
			data.put("occurredAt", g.occurredAt().toString());
			webhooks.publish(g.companyId(), WebhookEvents.CONSENT_DECIDED, g.decisionId().toString(), data);
		}
	}

	@ApplicationModuleListener
	void on(ConsentsDeclined event) {
		for (ConsentDeclined d : event.declined()) {
			Map<String, Object> data = new LinkedHashMap<>();
			data.put("decisionId", d.decisionId().toString());
			data.put("memberId", d.memberId().toString());
			data.put("callId", d.callId() == null ? null : d.callId().toString());
			data.put("participantId", d.participantId());
			data.put("choice", "DONT_RECORD");
			data.put("occurredAt", d.occurredAt().toString());
			webhooks.publish(d.companyId(), WebhookEvents.CONSENT_DECIDED, d.decisionId().toString(), data);
		}
	}

	/** A withdrawal (PRODUCT X2): sent as {@code consent.withdrawn}, keyed by the withdrawal's own decision. */
	@ApplicationModuleListener
	void on(ConsentWithdrawn event) {
		Map<String, Object> data = new LinkedHashMap<>();
		data.put("decisionId", event.decisionId().toString());
		data.put("withdrawnDecisionId", event.withdrawnDecisionId() == null ? null : event.withdrawnDecisionId().toString());
		data.put("memberId", event.memberId().toString());
		data.put("callId", event.callId() == null ? null : event.callId().toString());
		data.put("participantId", event.participantId());
		data.put("channel", event.channel());
		data.put("occurredAt", event.occurredAt().toString());
		webhooks.publish(event.companyId(), WebhookEvents.CONSENT_WITHDRAWN, event.decisionId().toString(), data);
	}

	@ApplicationModuleListener
	void on(CallSkipped event) {
		webhooks.publish(event.companyId(), WebhookEvents.CALL_SKIPPED, event.callId() + ":" + event.reason(),
				Map.of("callId", event.callId().toString(), "reason", event.reason().name(), "occurredAt",
						event.occurredAt().toString()));
	}

	@ApplicationModuleListener
	void on(RecordingStarted event) {
		webhooks.publish(event.companyId(), WebhookEvents.CALL_RECORDED, event.callId() + ":" + event.botId(),
				Map.of("callId", event.callId().toString(), "botId", event.botId(), "startedAt",
						event.startedAt().toString()));
	}

}
