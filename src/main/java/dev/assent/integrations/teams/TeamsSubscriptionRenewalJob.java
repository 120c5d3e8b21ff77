package dev.assent.integrations.teams;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

import dev.assent.calls.spi.ProviderUnavailable;

/**
 * Keeps the Graph subscriptions of Teams meetings alive until their meetings have ended (Graph
 * lets a meeting-call-events subscription live at most three days, and meetings are often
 * scheduled further ahead): every hour, each subscription expiring within a day is renewed.
 * Renewing twice from two nodes is harmless.
 */
@Component
@ConditionalOnProperty(prefix = "assent.providers.teams", name = "enabled", havingValue = "true", matchIfMissing = true)
class TeamsSubscriptionRenewalJob {

	private static final Logger log = LoggerFactory.getLogger(TeamsSubscriptionRenewalJob.class);

	private static final Duration AHEAD = Duration.ofDays(1);

	private final TeamsIntegration teams;

	private final TeamsSubscriptions subscriptions;

	private final Clock clock;

	TeamsSubscriptionRenewalJob(TeamsIntegration teams, TeamsSubscriptions subscriptions, Clock clock) {
		this.teams = teams;
		this.subscriptions = subscriptions;
		this.clock = clock;
	}

	@Scheduled(initialDelayString = "${assent.providers.teams.renew-initial-delay:PT10M}",
			fixedDelayString = "${assent.providers.teams.renew-every:PT1H}")
	void run() {
		int renewed = renewDue();
		if (renewed > 0) {
			log.info("Renewed {} Microsoft Graph subscriptions of Teams meetings", renewed);
		}
	}

	/** Renews every subscription due now; returns how many were renewed. */
	int renewDue() {
		int renewed = 0;
		Instant now = Instant.now(clock);
		for (TeamsSubscriptions.Due due : subscriptions.dueForRenewal(now, now.plus(AHEAD), 500)) {
			try {
				if (teams.renew(due.companyId(), due.subscriptionId()).isPresent()) {
					renewed++;
				}
			}
			catch (ProviderUnavailable | org.springframework.web.client.RestClientException ex) {
				log.warn("Could not renew Graph subscription {} of company {}: {}", due.subscriptionId(), due.companyId(),
						ex.getMessage());
			}
		}
		return renewed;
	}

}
