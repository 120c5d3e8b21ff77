package dev.assent.recording;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import jakarta.annotation.PreDestroy;

import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.context.ApplicationEventPublisher;
import org.springframework.context.event.EventListener;
import org.springframework.modulith.events.ApplicationModuleListener;
import org.springframework.scheduling.annotation.Async;
import org.springframework.scheduling.concurrent.CustomizableThreadFactory;
import org.springframework.stereotype.Component;
import org.springframework.transaction.event.TransactionalEventListener;
import org.springframework.transaction.support.TransactionSynchronizationManager;
import org.springframework.transaction.support.TransactionTemplate;

import dev.assent.calls.CallCancelled;
import dev.assent.calls.CallScheduled;
import dev.assent.consentpage.ConsentDeclined;
import dev.assent.consentpage.ConsentGranted;
import dev.assent.consentpage.ConsentsDeclined;
import dev.assent.consentpage.ConsentsGranted;
import dev.assent.recording.spi.RecorderSettings;
import dev.assent.shared.ConfigChanges;

/**
 * What other modules tell the recording. Opt-outs are acted on in the transaction that stores them
 * (below); every other event is delivered after its publisher committed, at least once (the event
 * publication registry retries, also after a restart). The handlers are idempotent.
 */
@Component
class RecordingListeners {

	private static final Logger log = LoggerFactory.getLogger(RecordingListeners.class);

	private final RecordingManagement recordings;

	private final OptOutStops optOutStops;

	private final ChangesOfMind changesOfMind;

	private final ConfigChanges changes;

	/**
	 * Where opt-outs are handled, one call per task: the opt-outs of different calls in parallel,
	 * at most {@code opt-out-handlers} transactions at once. When many arrive together they queue
	 * here, holding no database connection, instead of taking the connections decisions need.
	 */
	private final ExecutorService optOutHandlers;

	private final WithTheDecisions withTheDecisions;

	private final ApplicationEventPublisher events;

	private final TransactionTemplate tx;

	RecordingListeners(RecordingManagement recordings, OptOutStops optOutStops, ChangesOfMind changesOfMind,
			ConfigChanges changes, WithTheDecisions withTheDecisions, ApplicationEventPublisher events,
			TransactionTemplate tx, RecorderSettings settings) {
		this.recordings = recordings;
		this.optOutStops = optOutStops;
		this.events = events;
		this.withTheDecisions = withTheDecisions;
		this.tx = tx;
		this.changesOfMind = changesOfMind;
		this.changes = changes;
		CustomizableThreadFactory threads = new CustomizableThreadFactory("opt-out-handler-");
		threads.setDaemon(true);
		this.optOutHandlers = Executors.newFixedThreadPool(settings.optOutHandlers(), threads);
	}

	@PreDestroy
	void shutdown() {
		optOutHandlers.shutdown();
	}

	@ApplicationModuleListener
	void on(CallScheduled event) {
		logged("CallScheduled", event.callId(), () -> recordings.scheduled(event));
	}

	@ApplicationModuleListener
	void on(CallCancelled event) {
		logged("CallCancelled", event.callId(), () -> recordings.cancelled(event));
	}

	/**
	 * The hot path "opt-out → stop" (DESIGN.md): the opt-outs are acted on in the transaction that
	 * stores them — the decisions' group commit — so that each STOP leaves as soon as the decisions
	 * commit, with no transaction and no thread of its own. All the calls' sessions are locked by one
	 * statement, in the order of the calls' ids (two batches lock them in the same order), under a
	 * savepoint: if that fails,
	 * the decisions are stored all the same and their opt-outs are handled after the commit
	 * ({@link OptOutsLeft}), per call, at least once.
	 */
	@EventListener
	void on(ConsentsDeclined event) {
		Map<UUID, List<ConsentDeclined>> byCall = byCall(event.declined());
		if (byCall.isEmpty()) {
			return;
		}
		if (!TransactionSynchronizationManager.isActualTransactionActive()) {
			// Published outside a transaction: this is the opt-outs' own, so what is left is kept with them.
			tx.executeWithoutResult(s -> on(event));
			return;
		}
		try {
			withTheDecisions.run(savepoint -> changes.roomsTogether(() -> optOutStops.optedOutAll(event.declined(), savepoint)));
		}
		catch (RuntimeException ex) {
			log.warn("Handling the opt-outs of {} calls with their decisions failed ({}); handling them after the commit",
					byCall.size(), ex.toString());
			events.publishEvent(new OptOutsLeft(event.declined()));
		}
	}

	/** Opt-outs whose handling with their decisions failed: handled after the commit, at least once. */
	record OptOutsLeft(List<ConsentDeclined> declined) {
	}

	/**
	 * {@link OptOutsLeft}: per call, each call's in one transaction, different calls in parallel;
	 * each STOP is sent as soon as its transaction commits. If a call's transaction fails, its
	 * opt-outs are handled one by one, so one that fails cannot hold back the others; then the event
	 * stays outstanding and is delivered again, and the opt-outs already handled ignore the repeat.
	 */
	@Async
	@TransactionalEventListener
	void on(OptOutsLeft event) throws InterruptedException {
		Map<UUID, List<ConsentDeclined>> byCall = byCall(event.declined());
		List<Future<?>> handling = new ArrayList<>();
		byCall.forEach((callId, ofOneCall) -> handling.add(optOutHandlers.submit(() -> handle(callId, ofOneCall))));
		RuntimeException failed = null;
		for (Future<?> f : handling) {
			try {
				f.get();
			}
			catch (ExecutionException ex) {
				failed = collect(failed, ex.getCause() instanceof RuntimeException r ? r : new IllegalStateException(ex.getCause()));
			}
		}
		if (failed != null) {
			throw failed;
		}
	}

	/**
	 * Changing one's mind (PRODUCT C10): consents of participants who opted out of a call may make
	 * it recordable again, per call, each in its own transaction. When one reopened a call, opt-outs
	 * stored meanwhile are applied again ({@link ChangesOfMind#recheckOptOuts}).
	 */
	@Async
	@TransactionalEventListener
	void on(ConsentsGranted event) {
		Map<UUID, List<ConsentGranted>> byCall = new LinkedHashMap<>();
		for (ConsentGranted granted : event.granted()) {
			if (granted.callId() != null) {
				byCall.computeIfAbsent(granted.callId(), k -> new ArrayList<>()).add(granted);
			}
		}
		byCall.forEach((callId, ofOneCall) -> logged("ConsentGranted", callId, () -> {
			UUID companyId = ofOneCall.get(0).companyId();
			if (changesOfMind.consented(companyId, callId, ofOneCall.stream().map(ConsentGranted::participantId).toList())) {
				changesOfMind.recheckOptOuts(companyId, callId);
			}
		}));
	}

	/** The opt-outs that belong to a call, by call, in the order of the calls' ids. */
	private static Map<UUID, List<ConsentDeclined>> byCall(List<ConsentDeclined> declined) {
		Map<UUID, List<ConsentDeclined>> byCall = new TreeMap<>();
		for (ConsentDeclined d : declined) {
			if (d.callId() != null) {
				byCall.computeIfAbsent(d.callId(), k -> new ArrayList<>()).add(d);
			}
		}
		return byCall;
	}

	/** The opt-outs of one call: together, or one by one if that fails. */
	private void handle(UUID callId, List<ConsentDeclined> ofOneCall) {
		if (ofOneCall.size() > 1) {
			try {
				optOutStops.optedOutAfterCommit(ofOneCall.get(0).companyId(), callId, ofOneCall);
				return;
			}
			catch (RuntimeException ex) {
				log.warn("Handling {} opt-outs of call {} together failed ({}); handling them one by one",
						ofOneCall.size(), callId, ex.toString());
			}
		}
		RuntimeException failed = null;
		for (ConsentDeclined one : ofOneCall) {
			try {
				logged("ConsentDeclined", callId, () -> optOutStops.optedOutAfterCommit(one.companyId(), callId, List.of(one)));
			}
			catch (RuntimeException ex) {
				failed = collect(failed, ex);
			}
		}
		if (failed != null) {
			throw failed;
		}
	}

	/** The first failure, carrying the later ones as suppressed. */
	private static RuntimeException collect(@Nullable RuntimeException first, RuntimeException next) {
		if (first == null) {
			return next;
		}
		first.addSuppressed(next);
		return first;
	}

	/** A failed listener is retried by the event publication registry; say so where operators look. */
	private static void logged(String what, @Nullable UUID callId, Runnable handler) {
		try {
			handler.run();
		}
		catch (RuntimeException ex) {
			log.warn("Handling {} for call {} failed ({}); the event stays outstanding and is redelivered", what, callId,
					ex.toString());
			throw ex;
		}
	}

}
