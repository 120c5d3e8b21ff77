package dev.assent.notifications;

import org.springframework.modulith.events.ApplicationModuleListener;
import org.springframework.stereotype.Component;

import dev.assent.accounts.MemberBecameRecorded;
import dev.assent.calls.CallCancelled;
import dev.assent.calls.CallScheduled;
import dev.assent.integrations.IntegrationDisconnected;

/**
 * What this module hears from the others (after their transaction commits, retried until handled:
 * Spring Modulith's event publication registry).
 */
@Component
class NotificationListeners {

	private final PreCallEmails preCalls;

	private final Announcements announcements;

	private final AdminAlerts alerts;

	NotificationListeners(PreCallEmails preCalls, Announcements announcements, AdminAlerts alerts) {
		this.preCalls = preCalls;
		this.announcements = announcements;
		this.alerts = alerts;
	}

	@ApplicationModuleListener
	void on(CallScheduled event) {
		preCalls.scheduled(event);
	}

	@ApplicationModuleListener
	void on(CallCancelled event) {
		preCalls.cancelled(event);
	}

	@ApplicationModuleListener
	void on(MemberBecameRecorded event) {
		announcements.memberBecameRecorded(event);
	}

	@ApplicationModuleListener
	void on(IntegrationDisconnected event) {
		alerts.integrationDisconnected(event);
	}

}
