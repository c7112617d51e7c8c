package dev.springmfa.benchmarks.load;

import java.io.IOException;

/**
 * One side of a comparison: an operation that the workers repeat, closed-loop, for a
 * round, and the untimed preparation it needs before each round.
 */
interface Scenario {

	/**
	 * Return the name of the operation, for the report.
	 * @return the name
	 */
	String name();

	/**
	 * Return whether each operation spends an MFA user's code of the current time step.
	 * The server accepts a step's code once per user, so such a round starts when a step
	 * begins and uses each user at most once.
	 * @return whether rounds are aligned to time steps
	 */
	default boolean spendsTimeSteps() {
		return false;
	}

	/**
	 * Prepare a round, untimed: the requests that an operation needs before its timed
	 * part.
	 * @param workers the workers, to prepare in parallel
	 * @param operations how many operations the round is expected to need at most
	 */
	default void prepare(LoadWorkers workers, int operations) {
	}

	/**
	 * Perform one operation, timed.
	 * @param worker the worker
	 * @return what became of the operation
	 * @throws IOException if a request fails: the operation counts as an error
	 */
	Outcome perform(LoadWorker worker) throws IOException;

	/**
	 * What became of an operation.
	 */
	enum Outcome {

		/**
		 * The operation succeeded: it counts, with its latency.
		 */
		DONE,

		/**
		 * Nothing was sent: the prepared item could not be used now.
		 */
		SKIPPED,

		/**
		 * Nothing was sent: the round used up what was prepared, and ends.
		 */
		EXHAUSTED

	}

}
