package dev.assent.shared;

import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;

/** Gathering a batch from a queue for a group commit: what waits, then what arrives within a linger. */
public final class Batches {

	private Batches() {
	}

	/**
	 * Adds to {@code batch} what waits in {@code queue} and then what arrives within {@code lingerNanos}
	 * from now, until the batch holds {@code most} or {@code complete} says it is complete. Interrupted,
	 * it stops gathering and keeps the interrupt: what the batch holds is kept, for the caller to store.
	 */
	public static <T> void gather(BlockingQueue<T> queue, List<T> batch, int most, long lingerNanos,
			Predicate<List<T>> complete) {
		long until = System.nanoTime() + lingerNanos;
		try {
			queue.drainTo(batch, most - batch.size());
			while (batch.size() < most && !complete.test(batch)) {
				long left = until - System.nanoTime();
				T next = left > 0 ? queue.poll(left, TimeUnit.NANOSECONDS) : null;
				if (next == null) {
					return;
				}
				batch.add(next);
				queue.drainTo(batch, most - batch.size());
			}
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
	}

}
