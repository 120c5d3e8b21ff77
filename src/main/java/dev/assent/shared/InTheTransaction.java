package dev.assent.shared;

import java.util.Optional;
import java.util.function.Predicate;
import java.util.function.Supplier;

import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/**
 * What a module keeps for the rest of the current transaction: a synchronization of its own, registered with the
 * transaction, found again by its type and by whom it belongs to, and gone with the transaction.
 */
public final class InTheTransaction {

	private InTheTransaction() {
	}

	/** The current transaction's synchronization of {@code type} that {@code mine} accepts, if registered. */
	private static <T extends TransactionSynchronization> Optional<T> find(Class<T> type, Predicate<? super T> mine) {
		for (TransactionSynchronization s : TransactionSynchronizationManager.getSynchronizations()) {
			if (type.isInstance(s) && mine.test(type.cast(s))) {
				return Optional.of(type.cast(s));
			}
		}
		return Optional.empty();
	}

	/**
	 * {@link #find}, or else the synchronization {@code created} gives, registered with the current transaction.
	 * Throws when there is no transaction to keep it for.
	 */
	public static <T extends TransactionSynchronization> T findOrRegister(Class<T> type, Predicate<? super T> mine,
			Supplier<T> created) {
		if (!TransactionSynchronizationManager.isSynchronizationActive()) {
			throw new IllegalStateException(type.getSimpleName() + " needs a transaction");
		}
		return find(type, mine).orElseGet(() -> {
			T s = created.get();
			TransactionSynchronizationManager.registerSynchronization(s);
			return s;
		});
	}

}
