package dev.springmfa.benchmarks.load;

import org.jspecify.annotations.Nullable;

/**
 * The result of a comparison at one concurrency.
 *
 * @param title the comparison's title
 * @param connections the number of connections (workers)
 * @param a the first side
 * @param b the second side, the reference
 * @param goal the lowest ratio A/B that the project aims for, or {@code null}
 */
record ComparisonResult(String title, int connections, SideResult a, SideResult b, @Nullable Double goal) {

	/**
	 * Return the ratio of the median throughputs, A/B.
	 * @return the ratio, 0 if a side did nothing
	 */
	double ratio() {
		double reference = this.b.medianThroughput();
		return (reference > 0) ? this.a.medianThroughput() / reference : 0;
	}

}
