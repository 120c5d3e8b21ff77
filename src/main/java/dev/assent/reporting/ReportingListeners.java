package dev.assent.reporting;

import java.util.Comparator;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;

import org.springframework.modulith.events.ApplicationModuleListener;
import org.springframework.stereotype.Component;

import dev.assent.calls.CallCutShort;
import dev.assent.calls.CallScheduled;
import dev.assent.calls.CallSkipped;
import dev.assent.calls.SkipReason;
import dev.assent.consentpage.ConsentDeclined;
import dev.assent.consentpage.ConsentGranted;
import dev.assent.consentpage.ConsentsDeclined;
import dev.assent.consentpage.ConsentsGranted;

/**
 * Keeps the opt-out rate's counters current (PRODUCT R1). Events arrive after their publisher
 * committed, at least once; a call's flags turn on once, so a repeat changes nothing.
 */
@Component
class ReportingListeners {

	/**
	 * Calls of one event are counted in the order of their ids: two listeners' transactions lock the
	 * same rows in the same order, so they wait for each other instead of deadlocking.
	 */
	private static final Comparator<Key> BY_CALL = Comparator.comparing(Key::callId);

	private final OptOutReports reports;

	ReportingListeners(OptOutReports reports) {
		this.reports = reports;
	}

	@ApplicationModuleListener
	void on(ConsentsGranted event) {
		Set<Key> calls = new TreeSet<>(BY_CALL);
		for (ConsentGranted g : event.granted()) {
			if (g.callId() != null) {
				calls.add(new Key(g.companyId(), g.callId()));
			}
		}
		calls.forEach(k -> reports.pageUsed(k.companyId(), k.callId()));
	}

	@ApplicationModuleListener
	void on(ConsentsDeclined event) {
		Set<Key> calls = new TreeSet<>(BY_CALL);
		for (ConsentDeclined d : event.declined()) {
			if (d.callId() != null) {
				calls.add(new Key(d.companyId(), d.callId()));
			}
		}
		calls.forEach(k -> reports.pageUsed(k.companyId(), k.callId()));
	}

	@ApplicationModuleListener
	void on(CallSkipped event) {
		if (event.reason() == SkipReason.PARTICIPANT_OPTED_OUT) {
			reports.aborted(event.companyId(), event.callId());
		}
	}

	@ApplicationModuleListener
	void on(CallCutShort event) {
		reports.aborted(event.companyId(), event.callId());
	}

	@ApplicationModuleListener
	void on(CallScheduled event) {
		reports.replanned(event.companyId(), event.callId());
	}

	private record Key(UUID companyId, UUID callId) {
	}

}
