package dev.springmfa.benchmarks.load;

import java.util.ArrayList;
import java.util.List;

import org.jspecify.annotations.Nullable;

/**
 * The measured rounds of one side of a comparison.
 */
final class SideResult {

	private final String name;

	private final List<RoundResult> rounds = new ArrayList<>();

	SideResult(String name) {
		this.name = name;
	}

	void add(RoundResult round) {
		this.rounds.add(round);
	}

	String name() {
		return this.name;
	}

	double medianThroughput() {
		List<Double> values = throughputs();
		int size = values.size();
		if (size == 0) {
			return 0;
		}
		return (size % 2 == 1) ? values.get(size / 2) : (values.get(size / 2 - 1) + values.get(size / 2)) / 2;
	}

	double minThroughput() {
		List<Double> values = throughputs();
		return values.isEmpty() ? 0 : values.get(0);
	}

	double maxThroughput() {
		List<Double> values = throughputs();
		return values.isEmpty() ? 0 : values.get(values.size() - 1);
	}

	/**
	 * Return the latencies of every measured round, merged.
	 * @return the latencies
	 */
	Latencies latencies() {
		return Latencies.merge(this.rounds.stream().map(RoundResult::latencies).toList());
	}

	int errors() {
		return this.rounds.stream().mapToInt(RoundResult::errors).sum();
	}

	/**
	 * Return how many measured rounds ended early, out of prepared operations.
	 * @return the number of rounds
	 */
	int exhaustedRounds() {
		return (int) this.rounds.stream().filter(RoundResult::exhausted).count();
	}

	@Nullable String firstError() {
		return this.rounds.stream()
			.map(RoundResult::firstError)
			.filter((error) -> error != null)
			.findFirst()
			.orElse(null);
	}

	private List<Double> throughputs() {
		return this.rounds.stream().map(RoundResult::throughput).sorted().toList();
	}

}
