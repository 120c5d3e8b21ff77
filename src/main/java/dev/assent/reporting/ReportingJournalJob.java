package dev.assent.reporting;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * Folds the reporting journal into the opt-out rate's counters ({@link OptOutReports#fold}) every
 * {@code assent.reporting.fold-every} (500 ms): the report is at most about that much behind the
 * decisions. On several nodes one folds at a time; a fold that fails leaves its notes in the
 * journal for the next.
 */
@Component
class ReportingJournalJob {

	private static final Logger log = LoggerFactory.getLogger(ReportingJournalJob.class);

	static final int BATCH = 2000;

	private final OptOutReports reports;

	ReportingJournalJob(OptOutReports reports) {
		this.reports = reports;
	}

	@Scheduled(fixedDelayString = "${assent.reporting.fold-every:500ms}",
			initialDelayString = "${assent.reporting.fold-every:500ms}")
	void run() {
		try {
			while (reports.fold(BATCH) == BATCH) {
				// a backlog: fold on until it is gone
			}
		}
		catch (RuntimeException ex) {
			log.warn("Folding the reporting journal failed; the notes wait for the next run: {}", ex.toString());
		}
	}

}
