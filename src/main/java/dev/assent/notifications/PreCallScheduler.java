package dev.assent.notifications;

import java.util.List;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * On every node: claims pre-call rows that have fallen due and makes their emails (each row on
 * one node only: {@code SKIP LOCKED} and a lease); the {@link MailOutbox} sends them.
 */
@Component
class PreCallScheduler {

	private static final Logger log = LoggerFactory.getLogger(PreCallScheduler.class);

	private static final int BATCH = 100;

	private final PreCallEmails preCalls;

	private final NotificationSettings settings;

	private volatile boolean stopping;

	PreCallScheduler(PreCallEmails preCalls, NotificationSettings settings) {
		this.preCalls = preCalls;
		this.settings = settings;
	}

	@jakarta.annotation.PreDestroy
	void shutdown() {
		stopping = true;
	}

	@Scheduled(fixedDelayString = "${assent.notifications.poll-every:500ms}", initialDelayString = "${assent.notifications.poll-initial-delay:1s}")
	void poll() {
		while (!stopping) {
			List<PreCalls.Due> due = preCalls.claimDue(BATCH, settings.lease());
			for (PreCalls.Due d : due) {
				try {
					preCalls.expand(d.companyId(), d.callId());
				}
				catch (RuntimeException ex) {
					// Left claimed: another poll takes it again when the lease ends.
					log.warn("Pre-call emails of call {} could not be made; retried after the lease", d.callId(), ex);
				}
			}
			if (due.size() < BATCH) {
				return;
			}
		}
	}

}
