package dev.assent.webhooks;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;
import org.springframework.transaction.event.TransactionPhase;
import org.springframework.transaction.event.TransactionalEventListener;

import dev.assent.calls.CallSkipped;
import dev.assent.consentpage.ConsentDeclined;
import dev.assent.consentpage.ConsentGranted;
import dev.assent.consentpage.ConsentWithdrawn;
import dev.assent.consentpage.ConsentsDeclined;
import dev.assent.consentpage.ConsentsGranted;
import dev.assent.recording.RecordingStarted;
import dev.assent.shared.AtCommit;
import dev.assent.webhooks.WebhookManagement.Outgoing;

/**
 * Turns other modules' events into webhooks. The deliveries are queued in the transaction of what
 * happened, just before it commits (a decision and its webhook are stored together or not at all),
 * and {@link WebhookOutbox} sends them after. No event publication and no transaction of their own
 * (issue 7: two of each per opt-out, even for companies without a subscription); deliveries are
 * keyed by their source event, so the same source queues nothing twice.
 */
@Component
class WebhookListeners {

	/**
	 * Before the transaction's statements at commit ({@link AtCommit}): the deliveries are enqueued before the
	 * decisions' evidence takes its company's chain head, and the statements at commit may then carry the commit.
	 */
	static final int BEFORE_THE_STATEMENTS_AT_COMMIT = AtCommit.ORDER - 1;

	private final WebhookManagement webhooks;

	WebhookListeners(WebhookManagement webhooks) {
		this.webhooks = webhooks;
	}

	@TransactionalEventListener(phase = TransactionPhase.BEFORE_COMMIT, fallbackExecution = true)
	@Order(BEFORE_THE_STATEMENTS_AT_COMMIT)
	void on(ConsentsGranted event) {
		List<Outgoing> out = new ArrayList<>();
		for (ConsentGranted g : event.granted()) {
			Map<String, Object> data = new LinkedHashMap<>();
			data.put("decisionId", g.decisionId().toString());
			data.put("memberId", g.memberId().toString());
			data.put("callId", g.callId() == null ? null : g.callId().toString());
			data.put("participantId", g.participantId());
			data.put("choice", "RECORD");
			data.put("outcome", g.outcome().name());
			data.put("occurredAt", g.occurredAt().toString());
			out.add(new Outgoing(g.companyId(), g.decisionId().toString(), data));
		}
		webhooks.publish(WebhookEvents.CONSENT_DECIDED, out);
	}

	@TransactionalEventListener(phase = TransactionPhase.BEFORE_COMMIT, fallbackExecution = true)
	@Order(BEFORE_THE_STATEMENTS_AT_COMMIT)
	void on(ConsentsDeclined event) {
		List<Outgoing> out = new ArrayList<>();
		for (ConsentDeclined d : event.declined()) {
			Map<String, Object> data = new LinkedHashMap<>();
			data.put("decisionId", d.decisionId().toString());
			data.put("memberId", d.memberId().toString());
			data.put("callId", d.callId() == null ? null : d.callId().toString());
			data.put("participantId", d.participantId());
			data.put("choice", "DONT_RECORD");
			data.put("occurredAt", d.occurredAt().toString());
			out.add(new Outgoing(d.companyId(), d.decisionId().toString(), data));
		}
		webhooks.publish(WebhookEvents.CONSENT_DECIDED, out);
	}

	/** A withdrawal (PRODUCT X2): sent as {@code consent.withdrawn}, keyed by the withdrawal's own decision. */
	@TransactionalEventListener(phase = TransactionPhase.BEFORE_COMMIT, fallbackExecution = true)
	@Order(BEFORE_THE_STATEMENTS_AT_COMMIT)
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

	@TransactionalEventListener(phase = TransactionPhase.BEFORE_COMMIT, fallbackExecution = true)
	@Order(BEFORE_THE_STATEMENTS_AT_COMMIT)
	void on(CallSkipped event) {
		webhooks.publish(event.companyId(), WebhookEvents.CALL_SKIPPED, event.callId() + ":" + event.reason(),
				Map.of("callId", event.callId().toString(), "reason", event.reason().name(), "occurredAt",
						event.occurredAt().toString()));
	}

	@TransactionalEventListener(phase = TransactionPhase.BEFORE_COMMIT, fallbackExecution = true)
	@Order(BEFORE_THE_STATEMENTS_AT_COMMIT)
	void on(RecordingStarted event) {
		webhooks.publish(event.companyId(), WebhookEvents.CALL_RECORDED, event.callId() + ":" + event.botId(),
				Map.of("callId", event.callId().toString(), "botId", event.botId(), "startedAt",
						event.startedAt().toString()));
	}

}
