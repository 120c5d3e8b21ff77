package dev.assent.reporting;

import java.util.List;
import java.util.stream.Stream;

import org.springframework.context.event.EventListener;
import org.springframework.modulith.events.ApplicationModuleListener;
import org.springframework.stereotype.Component;

import dev.assent.calls.CallCutShort;
import dev.assent.calls.CallScheduled;
import dev.assent.calls.CallSkipped;
import dev.assent.calls.SkipReason;
import dev.assent.consentpage.ConsentsDeclined;
import dev.assent.consentpage.ConsentsGranted;
import dev.assent.reporting.OptOutCounts.Flag;
import dev.assent.reporting.OptOutCounts.Noted;

/**
 * Keeps the opt-out rate's counters current (PRODUCT R1). A consent page used and a call aborted by
 * an opt-out are noted in the transaction that decided it — the decisions' group commit, the call's
 * skip — just before it commits: one row per call, no event publication, no transaction of its own
 * (issue 7: three of each per opt-out, contending for the same counter rows, were a third of an
 * opt-out's database work), one statement for all the notes of the transaction ({@link JournalNotes}).
 * {@link ReportingJournalJob} folds the notes in batches. A re-planned call is rare and moves its
 * counts in its own transaction, after the scheduling committed.
 */
@Component
class ReportingListeners {

	private final OptOutReports reports;

	private final JournalNotes notes;

	ReportingListeners(OptOutReports reports, JournalNotes notes) {
		this.reports = reports;
		this.notes = notes;
	}

	@EventListener
	void on(ConsentsGranted event) {
		noteUsed(event.granted().stream().map(g -> new Noted(g.companyId(), g.callId(), Flag.USED)));
	}

	@EventListener
	void on(ConsentsDeclined event) {
		noteUsed(event.declined().stream().map(d -> new Noted(d.companyId(), d.callId(), Flag.USED)));
	}

	/** Decisions that belong to a call mark its page used, once per call of the event. */
	private void noteUsed(Stream<Noted> decided) {
		notes.add(decided.filter(n -> n.callId() != null).distinct().toList());
	}

	@EventListener
	void on(CallSkipped event) {
		if (event.reason() == SkipReason.PARTICIPANT_OPTED_OUT) {
			notes.add(List.of(new Noted(event.companyId(), event.callId(), Flag.ABORTED)));
		}
	}

	@EventListener
	void on(CallCutShort event) {
		notes.add(List.of(new Noted(event.companyId(), event.callId(), Flag.ABORTED)));
	}

	@ApplicationModuleListener
	void on(CallScheduled event) {
		reports.replanned(event.companyId(), event.callId());
	}

}
