package dev.assent.integrations;

import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

import dev.assent.shared.ConfigChanges;

/**
 * A connection made or lost changes what consent pages show (PRODUCT L5: a dynamic meeting's page
 * says its integration was disconnected): pages cached on any node are read again, in the same
 * transaction as the change.
 */
@Component
class ConnectionChanges {

	private final ConfigChanges changes;

	ConnectionChanges(ConfigChanges changes) {
		this.changes = changes;
	}

	@EventListener
	void on(IntegrationConnected event) {
		changes.changed(event.companyId());
	}

	@EventListener
	void on(IntegrationDisconnected event) {
		changes.changed(event.companyId());
	}

}
