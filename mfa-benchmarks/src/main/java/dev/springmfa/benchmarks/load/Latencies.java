package dev.springmfa.benchmarks.load;

import java.util.Arrays;
import java.util.Collection;

/**
 * Latencies in microseconds, recorded by one thread, then merged and sorted to read
 * percentiles.
 */
final class Latencies {

	private long[] values;

	private int size;

	Latencies() {
		this.values = new long[8192];
	}

	private Latencies(long[] values) {
		this.values = values;
		this.size = values.length;
	}

	/**
	 * Record a latency.
	 * @param micros the latency in microseconds
	 */
	void add(long micros) {
		if (this.size == this.values.length) {
			this.values = Arrays.copyOf(this.values, this.size * 2);
		}
		this.values[this.size++] = micros;
	}

	/**
	 * Return how many latencies were recorded.
	 * @return the count
	 */
	int count() {
		return this.size;
	}

	/**
	 * Return latencies of several threads or rounds in one, sorted.
	 * @param parts the latencies to merge
	 * @return the merged latencies
	 */
	static Latencies merge(Collection<Latencies> parts) {
		int total = 0;
		for (Latencies part : parts) {
			total += part.size;
		}
		long[] merged = new long[total];
		int at = 0;
		for (Latencies part : parts) {
			System.arraycopy(part.values, 0, merged, at, part.size);
			at += part.size;
		}
		Arrays.sort(merged);
		return new Latencies(merged);
	}

	/**
	 * Return a percentile (nearest rank) of sorted latencies, as from {@link #merge}.
	 * @param percent the percentile, from 0 to 100
	 * @return the latency in microseconds, or 0 if there is none
	 */
	long percentile(double percent) {
		if (this.size == 0) {
			return 0;
		}
		int rank = (int) Math.ceil(percent / 100 * this.size);
		return this.values[Math.max(0, Math.min(this.size, rank) - 1)];
	}

}
