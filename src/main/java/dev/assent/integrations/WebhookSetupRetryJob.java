package dev.assent.integrations;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.modulith.events.ApplicationModuleListener;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * Sets up the webhooks Assent wants at a provider (PRODUCT L7; Webex's are registered by Assent)
 * moments after the company connected it, and tries again every minute those the provider refused
 * or could not be reached for, once they are due ({@link WebhookSetup}): no restart by hand, and
 * the refusal shown under Integrations and in {@code GET /api/v1/integrations} meanwhile. A due
 * retry is claimed by one node.
 */
@Component
class WebhookSetupRetryJob {

	private static final Logger log = LoggerFactory.getLogger(WebhookSetupRetryJob.class);

	private final IntegrationManagement integrations;

	WebhookSetupRetryJob(IntegrationManagement integrations) {
		this.integrations = integrations;
	}

	@ApplicationModuleListener
	void on(IntegrationConnected event) {
		integrations.setUpWebhooks(event.companyId(), event.provider());
	}

	@Scheduled(initialDelayString = "${assent.integrations.webhook-retry-every:PT1M}",
			fixedDelayString = "${assent.integrations.webhook-retry-every:PT1M}")
	void run() {
		int settled = integrations.retryDueWebhooks(100);
		if (settled > 0) {
			log.info("Set up the provider webhooks of {} integrations on a retry", settled);
		}
	}

}
