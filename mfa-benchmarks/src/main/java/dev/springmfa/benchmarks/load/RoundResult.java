package dev.springmfa.benchmarks.load;

import org.jspecify.annotations.Nullable;

/**
 * What the workers did in one round of one scenario.
 *
 * @param operations the operations that succeeded
 * @param errors the operations that failed
 * @param seconds the length of the round, from the start to the last worker's stop
 * @param latencies the latencies of the operations that succeeded
 * @param exhausted whether the round ended early because it used up what was prepared
 * @param firstError the message of the first failure, or {@code null}
 */
record RoundResult(int operations, int errors, double seconds, Latencies latencies, boolean exhausted,
		@Nullable String firstError) {

	/**
	 * Return the throughput of the round.
	 * @return the operations per second
	 */
	double throughput() {
		return (this.seconds > 0) ? this.operations / this.seconds : 0;
	}

}
