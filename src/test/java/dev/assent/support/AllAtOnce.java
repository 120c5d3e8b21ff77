package dev.assent.support;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/** Sends requests from as many threads, released together: participants who all click at once. */
public final class AllAtOnce {

	public interface Request<T> {

		T send(int i) throws Exception;

	}

	private AllAtOnce() {
	}

	/** The answers of {@code n} requests started together, in the order of {@code i}. */
	public static <T> List<T> send(int n, Request<T> request) throws Exception {
		CountDownLatch start = new CountDownLatch(1);
		ExecutorService pool = Executors.newFixedThreadPool(n);
		try {
			List<Future<T>> futures = new ArrayList<>();
			for (int i = 0; i < n; i++) {
				int index = i;
				futures.add(pool.submit((Callable<T>) () -> {
					start.await();
					return request.send(index);
				}));
			}
			start.countDown();
			List<T> out = new ArrayList<>();
			for (Future<T> f : futures) {
				out.add(f.get());
			}
			return out;
		}
		finally {
			pool.shutdownNow();
		}
	}

}
