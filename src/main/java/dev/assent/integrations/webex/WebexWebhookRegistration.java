package dev.assent.integrations.webex;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.modulith.events.ApplicationModuleListener;
import org.springframework.stereotype.Component;

import dev.assent.calls.Provider;
import dev.assent.calls.spi.ProviderUnavailable;
import dev.assent.integrations.IntegrationConnected;

/**
 * Once Webex is connected (credentials or a tech admin's grant) without a webhook secret of the
 * admin's own, Assent registers its webhooks at Webex (PRODUCT L7), moments after the connection
 * was stored.
 */
@Component
class WebexWebhookRegistration {

	private static final Logger log = LoggerFactory.getLogger(WebexWebhookRegistration.class);

	private final WebexIntegration webex;

	WebexWebhookRegistration(WebexIntegration webex) {
		this.webex = webex;
	}

	@ApplicationModuleListener
	void on(IntegrationConnected event) {
		if (event.provider() != Provider.WEBEX) {
			return;
		}
		try {
			webex.registerWebhooks(event.companyId());
		}
		catch (ProviderUnavailable ex) {
			log.warn("Could not register Assent's Webex webhooks for company {}: {}", event.companyId(), ex.getMessage());
		}
	}

}
