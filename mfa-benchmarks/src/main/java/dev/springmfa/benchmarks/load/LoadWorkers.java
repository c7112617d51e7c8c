package dev.springmfa.benchmarks.load;

import java.io.Closeable;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;

import org.jspecify.annotations.Nullable;

/**
 * A fixed number of {@link LoadWorker}s, each on a platform thread of its own: the
 * concurrency of the load, one connection per worker and server. Runs timed rounds of a
 * scenario, and untimed preparation in parallel.
 */
final class LoadWorkers implements Closeable {

	private final List<LoadWorker> workers = new ArrayList<>();

	private final ExecutorService threads;

	LoadWorkers(int count, Map<ServerMode, Integer> ports) {
		for (int i = 0; i < count; i++) {
			this.workers.add(new LoadWorker(ports));
		}
		AtomicInteger number = new AtomicInteger();
		this.threads = Executors.newFixedThreadPool(count, (task) -> {
			Thread thread = new Thread(task, "load-worker-" + number.incrementAndGet());
			thread.setDaemon(true);
			return thread;
		});
	}

	/**
	 * Return the number of workers.
	 * @return the concurrency
	 */
	int size() {
		return this.workers.size();
	}

	/**
	 * Run a task once on every worker, in parallel, and wait for all.
	 * @param task the task, given the worker and its index
	 */
	void forEachWorker(Task task) {
		List<Future<Boolean>> futures = new ArrayList<>();
		for (int i = 0; i < this.workers.size(); i++) {
			LoadWorker worker = this.workers.get(i);
			int index = i;
			futures.add(this.threads.submit(() -> {
				task.run(worker, index);
				return Boolean.TRUE;
			}));
		}
		await(futures);
	}

	/**
	 * Run a task for each index from 0 to {@code count - 1}, spread over the workers, and
	 * wait for all.
	 * @param count the number of indexes
	 * @param task the task, given a worker and the index
	 */
	void forEachIndex(int count, Task task) {
		AtomicInteger next = new AtomicInteger();
		forEachWorker((worker, ignored) -> {
			for (int index = next.getAndIncrement(); index < count; index = next.getAndIncrement()) {
				task.run(worker, index);
			}
		});
	}

	/**
	 * Run a timed round: every worker repeats the scenario's operation, closed-loop,
	 * until the round's time is up or the prepared operations are used up.
	 * @param scenario the scenario
	 * @param length the length of the round
	 * @return the round's result
	 */
	RoundResult run(Scenario scenario, Duration length) {
		CountDownLatch ready = new CountDownLatch(this.workers.size());
		CountDownLatch go = new CountDownLatch(1);
		long[] deadline = new long[1];
		List<Future<WorkerResult>> futures = new ArrayList<>();
		for (LoadWorker worker : this.workers) {
			futures.add(this.threads.submit(() -> {
				try {
					worker.reopen();
				}
				finally {
					ready.countDown();
				}
				go.await();
				return loop(scenario, worker, deadline[0]);
			}));
		}
		long start;
		try {
			ready.await();
			start = System.nanoTime();
			deadline[0] = start + length.toNanos();
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException("Interrupted", ex);
		}
		finally {
			// The latch publishes the deadline to the workers.
			go.countDown();
		}
		List<WorkerResult> results = await(futures);
		return combine(results, start);
	}

	@Override
	public void close() {
		this.threads.shutdownNow();
		this.workers.forEach(LoadWorker::close);
	}

	private static WorkerResult loop(Scenario scenario, LoadWorker worker, long deadline) {
		Latencies latencies = new Latencies();
		int errors = 0;
		String firstError = null;
		boolean exhausted = false;
		long now = System.nanoTime();
		while (now - deadline < 0) {
			try {
				Scenario.Outcome outcome = scenario.perform(worker);
				long end = System.nanoTime();
				if (outcome == Scenario.Outcome.EXHAUSTED) {
					exhausted = true;
					break;
				}
				if (outcome == Scenario.Outcome.DONE) {
					latencies.add((end - now) / 1000);
				}
				now = end;
			}
			catch (IOException | RuntimeException ex) {
				errors++;
				if (firstError == null) {
					firstError = ex.getClass().getSimpleName() + ": " + ex.getMessage();
				}
				now = System.nanoTime();
			}
		}
		return new WorkerResult(latencies, errors, firstError, exhausted, System.nanoTime());
	}

	private static RoundResult combine(List<WorkerResult> results, long start) {
		long end = start;
		int errors = 0;
		boolean exhausted = false;
		String firstError = null;
		List<Latencies> latencies = new ArrayList<>();
		for (WorkerResult result : results) {
			end = Math.max(end, result.end());
			errors += result.errors();
			exhausted |= result.exhausted();
			firstError = (firstError != null) ? firstError : result.firstError();
			latencies.add(result.latencies());
		}
		Latencies merged = Latencies.merge(latencies);
		return new RoundResult(merged.count(), errors, (end - start) / 1e9, merged, exhausted, firstError);
	}

	private static <T> List<T> await(List<Future<T>> futures) {
		List<T> results = new ArrayList<>();
		Throwable failure = null;
		for (Future<T> future : futures) {
			try {
				results.add(future.get());
			}
			catch (ExecutionException ex) {
				failure = (failure != null) ? failure : ex.getCause();
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
				throw new IllegalStateException("Interrupted", ex);
			}
		}
		if (failure != null) {
			throw new IllegalStateException("A worker failed: " + failure.getMessage(), failure);
		}
		return results;
	}

	/**
	 * A task for a worker.
	 */
	@FunctionalInterface
	interface Task {

		/**
		 * Run the task.
		 * @param worker the worker
		 * @param index the index of the worker or of the task
		 * @throws IOException if a request fails
		 */
		void run(LoadWorker worker, int index) throws IOException;

	}

	private record WorkerResult(Latencies latencies, int errors, @Nullable String firstError, boolean exhausted,
			long end) {

	}

}
