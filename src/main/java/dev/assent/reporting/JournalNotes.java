package dev.assent.reporting;

import java.util.ArrayList;
import java.util.List;

import org.springframework.core.Ordered;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

import dev.assent.reporting.OptOutCounts.Noted;
import dev.assent.shared.AtCommit;
import dev.assent.shared.InTheTransaction;

/**
 * The reporting journal's notes of one transaction, written by one statement just before it
 * commits, with the transaction's other statements at commit ({@link AtCommit}, one round trip;
 * issue 7: the decisions' group commit noted each call an opt-out aborted with a statement of its
 * own, then its notes with one of their own). A note is kept by a synchronization of its own,
 * registered when its event is published: a savepoint rolled back drops it with everything else the
 * rolled-back work registered, so only notes of work that commits are written. Without a
 * transaction, a note is written at once.
 */
@Component
class JournalNotes {

	private final OptOutReports reports;

	private final OptOutCounts counts;

	private final AtCommit atCommit;

	JournalNotes(OptOutReports reports, OptOutCounts counts, AtCommit atCommit) {
		this.reports = reports;
		this.counts = counts;
		this.atCommit = atCommit;
	}

	/** Notes what happened to calls; written with the transaction's other notes just before it commits. */
	void add(List<Noted> notes) {
		if (notes.isEmpty()) {
			return;
		}
		if (!TransactionSynchronizationManager.isSynchronizationActive()) {
			reports.note(notes);
			return;
		}
		TransactionSynchronizationManager.registerSynchronization(new Note(writer(), notes));
	}

	/**
	 * The transaction's writer of notes, registered with the first note (again after a rollback
	 * dropped it), with the statements at commit it will add its statement to.
	 */
	private Writer writer() {
		return InTheTransaction.findOrRegister(Writer.class, w -> w.owner() == this,
				() -> new Writer(this, atCommit.statements(), new ArrayList<>()));
	}

	/** One event's notes: handed to the writer before it writes (the highest precedence runs first). */
	private record Note(Writer writer, List<Noted> notes) implements TransactionSynchronization {

		@Override
		public int getOrder() {
			return Ordered.HIGHEST_PRECEDENCE;
		}

		@Override
		public void beforeCommit(boolean readOnly) {
			writer.pending().addAll(notes);
		}

	}

	/**
	 * Adds the statement that writes the notes handed to it to the statements at commit, after every
	 * {@link Note} of the transaction and before those statements are sent.
	 */
	private record Writer(JournalNotes owner, AtCommit.Statements atCommit, List<Noted> pending)
			implements TransactionSynchronization {

		@Override
		public int getOrder() {
			return AtCommit.ORDER - 1;
		}

		@Override
		public void beforeCommit(boolean readOnly) {
			if (!pending.isEmpty()) {
				owner.counts.noteAtCommit(atCommit, List.copyOf(pending));
			}
		}

	}

}
