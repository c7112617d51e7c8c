package dev.springmfa.authentication;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import org.jspecify.annotations.Nullable;

/**
 * Runs tasks on threads of their own that all start at the same instant, so that they
 * reach the database together, and collects what each returned or threw.
 */
final class Race {

	private static final long TIMEOUT_SECONDS = 30;

	private Race() {
	}

	static <T> List<Result<T>> run(List<Callable<T>> tasks) throws InterruptedException {
		ExecutorService executor = Executors.newFixedThreadPool(tasks.size());
		try {
			CyclicBarrier startGate = new CyclicBarrier(tasks.size());
			List<Future<T>> futures = new ArrayList<>();
			for (Callable<T> task : tasks) {
				futures.add(executor.submit(() -> {
					startGate.await(TIMEOUT_SECONDS, TimeUnit.SECONDS);
					return task.call();
				}));
			}
			List<Result<T>> results = new ArrayList<>();
			for (Future<T> future : futures) {
				try {
					results.add(new Result<>(future.get(TIMEOUT_SECONDS, TimeUnit.SECONDS), null));
				}
				catch (ExecutionException ex) {
					results.add(new Result<>(null, ex.getCause()));
				}
				catch (TimeoutException ex) {
					throw new AssertionError("A racing thread did not finish within " + TIMEOUT_SECONDS
							+ "s: a deadlock or a lock wait that never ends", ex);
				}
			}
			return results;
		}
		finally {
			executor.shutdownNow();
		}
	}

	/**
	 * What one task returned, or what it threw.
	 *
	 * @param value the value, if it returned
	 * @param failure the exception, if it threw
	 * @param <T> the type of the value
	 */
	record Result<T>(@Nullable T value, @Nullable Throwable failure) {

		boolean succeeded() {
			return this.failure == null;
		}

	}

}
