package dev.assent.consentpage;

import java.util.List;

/**
 * Opt-outs about to be stored (issue 7, docs/adr/0016): published in the decisions' group commit just before their
 * insert, so that the modules that act on opt-outs can send their statements in the insert's round trip instead of
 * one of their own. Nothing is stored yet — a page view's repeat will store nothing — so a listener may do one thing
 * only: add statements to the transaction's {@link dev.assent.shared.WithTheInsert}, restricted to the decisions the
 * insert stored ({@link #storedByTheInsert}). What was stored is told afterwards, as always, by
 * {@link ConsentsDeclined}; a listener acts there, on what its statements answered if they ran.
 *
 * @param declining the opt-outs of the insert, stored or not, in the order of the insert
 */
public record ConsentsDeclining(List<ConsentDeclined> declining) {

	public ConsentsDeclining {
		declining = List.copyOf(declining);
	}

	/**
	 * A condition for a statement sent with the insert: true when the decision whose id is {@code decisionId} (an
	 * expression of that statement, such as a column of its rows — never text from elsewhere) was stored, which
	 * after the insert means stored by it (a decision's id is new with each one). One primary-key probe.
	 */
	public static String storedByTheInsert(String decisionId) {
		return "exists (select 1 from consentpage.decisions stored where stored.id = " + decisionId + ")";
	}

}
