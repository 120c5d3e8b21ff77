package dev.assent.recording;

import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import io.swagger.v3.oas.annotations.media.Schema;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.modulith.events.ApplicationModuleListener;
import org.springframework.stereotype.Service;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionTemplate;

import dev.assent.calls.Call;
import dev.assent.calls.CallManagement;
import dev.assent.calls.CallStatus;
import dev.assent.consentpage.ConsentWithdrawn;
import dev.assent.recording.spi.RecorderClient;

import static dev.assent.recording.spi.RecorderHttp.JSON;

/**
 * A participant who withdraws consent once something of the call was recorded (PRODUCT X2): the
 * recording under way stops through the opt-out path ({@code ConsentsDeclined}, published with the
 * withdrawal); here the recorder is told to delete that participant's part
 * ({@code POST {recorder}/bots/{botId}/deletions}, idempotent) and the request is kept for the call
 * page, where the owner sees it. If the recorder does not acknowledge, the listener fails and the
 * event is delivered again ({@link FailedListenerRetryJob}) until it does; a refusal for good
 * ({@link RecorderClient.Failure#permanent()}: a 4xx, or 501) is kept with the request and shown on
 * the call page instead of being asked again forever.
 */
@Service
class ParticipantDeletions {

	private static final Logger log = LoggerFactory.getLogger(ParticipantDeletions.class);

	/** A deletion asked for, as the call page shows it. */
	@Schema(name = "DeletionRequest")
	record Request(String participant, String channel, Instant withdrawnAt, @Nullable Instant recorderToldAt,
			@Nullable Instant refusedAt, @Nullable String refusal) {
	}

	private final JdbcClient jdbc;

	private final CallManagement calls;

	private final Sessions sessions;

	private final Recorder recorder;

	private final Clock clock;

	private final TransactionTemplate separately;

	ParticipantDeletions(JdbcClient jdbc, CallManagement calls, Sessions sessions, Recorder recorder, Clock clock,
			PlatformTransactionManager transactions) {
		this.separately = new TransactionTemplate(transactions);
		this.separately.setPropagationBehavior(TransactionDefinition.PROPAGATION_REQUIRES_NEW);
		this.jdbc = jdbc;
		this.calls = calls;
		this.sessions = sessions;
		this.recorder = recorder;
		this.clock = clock;
	}

	@ApplicationModuleListener
	void on(ConsentWithdrawn event) {
		if (event.callId() == null) {
			return;
		}
		Optional<Call> call = calls.find(event.companyId(), event.callId());
		if (call.isEmpty() || !somethingRecorded(call.get().status())) {
			return;
		}
		String botId = sessions.find(event.callId()).map(Session::botId).orElse(null);
		// Kept, and the attempt counted, in a transaction of its own: a failed attempt makes this
		// listener fail (and the event be delivered again), which must not undo the count — the
		// next attempt needs a fresh idempotency key.
		Integer attempt = separately.execute(s -> {
			jdbc.sql("""
					insert into recording.deletion_requests (decision_id, company_id, call_id, participant, channel, withdrawn_at, bot_id)
					values (?, ?, ?, ?, ?, ?, ?) on conflict (decision_id) do nothing""")
				.params(event.decisionId(), event.companyId(), event.callId(), event.participantId(), event.channel(),
						Timestamp.from(event.occurredAt()), botId)
				.update();
			return botId == null ? null : jdbc.sql("""
					update recording.deletion_requests set attempts = attempts + 1
					where decision_id = ? and recorder_told_at is null and refused_at is null
					returning attempts - 1""")
				.param(event.decisionId())
				.query(Integer.class)
				.optional()
				.orElse(null);
		});
		if (botId == null || attempt == null) {
			// no bot to tell, or the recorder already answered this request (a repeated delivery)
			return;
		}
		Map<String, Object> order = new LinkedHashMap<>();
		order.put("participant", event.participantId());
		order.put("reason", "CONSENT_WITHDRAWN");
		order.put("withdrawnAt", event.occurredAt().toString());
		try {
			recorder.client().deleteParticipant(botId, JSON.writeValueAsString(order), "assent-delete-" + event.decisionId(),
					attempt);
		}
		catch (RecorderClient.Failure ex) {
			if (ex.permanent()) {
				// Asking again gets the same answer: kept and shown on the call page, not retried forever.
				jdbc.sql("update recording.deletion_requests set refused_at = ?, refusal = ? where decision_id = ?")
					.params(Timestamp.from(Instant.now(clock)), ex.getMessage(), event.decisionId())
					.update();
				log.warn("The recorder refused the deletion of {}'s part of call {} for good ({}); the owner must delete it",
						event.participantId(), event.callId(), ex.getMessage());
				return;
			}
			if (!ex.botGone()) {
				log.warn("The recorder did not take the deletion of {}'s part of call {} ({}); trying again",
						event.participantId(), event.callId(), ex.getMessage());
				throw ex;
			}
		}
		jdbc.sql("update recording.deletion_requests set recorder_told_at = ? where decision_id = ?")
			.params(Timestamp.from(Instant.now(clock)), event.decisionId())
			.update();
		log.info("Participant {} withdrew consent after recording of call {}: the recorder was told to delete their part",
				event.participantId(), event.callId());
	}

	private static boolean somethingRecorded(CallStatus status) {
		return status == CallStatus.RECORDING || status == CallStatus.RECORDED || status == CallStatus.PARTIAL;
	}

	/** The deletions asked for on one call, oldest first. */
	List<Request> of(UUID companyId, UUID callId) {
		return jdbc.sql("""
				select participant, channel, withdrawn_at, recorder_told_at, refused_at, refusal from recording.deletion_requests
				where company_id = ? and call_id = ? order by withdrawn_at""")
			.params(companyId, callId)
			.query((rs, i) -> new Request(rs.getString(1), rs.getString(2), rs.getTimestamp(3).toInstant(),
					rs.getTimestamp(4) == null ? null : rs.getTimestamp(4).toInstant(),
					rs.getTimestamp(5) == null ? null : rs.getTimestamp(5).toInstant(), rs.getString(6)))
			.list();
	}

}
