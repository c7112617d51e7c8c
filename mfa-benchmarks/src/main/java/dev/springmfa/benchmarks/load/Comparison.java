package dev.springmfa.benchmarks.load;

import java.time.Duration;
import java.util.Locale;

import org.jspecify.annotations.Nullable;

/**
 * Two scenarios measured side by side: warm-up rounds of each, alternating, until neither
 * side's throughput still rises, then measured rounds that alternate A, B, A, B, ... so
 * that whatever else the machine does falls on both alike. A round of a scenario that
 * spends TOTP time steps starts when a step begins.
 */
final class Comparison {

	// Prepare this much more than the fastest round so far would use: users are slow to
	// make, and a round that uses up its users still counts, over its shorter length.
	private static final double MARGIN = 1.5;

	// Warm-up rounds go on while a side's throughput rises by more than this, up to a
	// number of rounds.
	private static final double STEADY = 1.1;

	private static final int MIN_WARMUP_ROUNDS = 2;

	private static final int MAX_WARMUP_ROUNDS = 5;

	private final String key;

	private final String title;

	private final Scenario a;

	private final Scenario b;

	private final @Nullable Double goal;

	Comparison(String key, String title, Scenario a, Scenario b, @Nullable Double goal) {
		this.key = key;
		this.title = title;
		this.a = a;
		this.b = b;
		this.goal = goal;
	}

	/**
	 * Return the short name that {@code --only} selects the comparison by.
	 * @return the key
	 */
	String key() {
		return this.key;
	}

	String title() {
		return this.title;
	}

	/**
	 * Warm both servers up with the comparison's requests, measured nowhere.
	 * @param workers the workers
	 * @param schedule the rounds, of which the warm-up's length counts
	 */
	void warmUp(LoadWorkers workers, Schedule schedule) {
		warmUp(new Side(this.a), new Side(this.b), workers, schedule);
	}

	/**
	 * Run the comparison.
	 * @param workers the workers, whose number is the concurrency
	 * @param schedule the rounds
	 * @return the measured rounds of both sides
	 */
	ComparisonResult run(LoadWorkers workers, Schedule schedule) {
		Side sideA = new Side(this.a);
		Side sideB = new Side(this.b);
		warmUp(sideA, sideB, workers, schedule);
		for (int i = 1; i <= schedule.rounds(); i++) {
			String label = "round " + i + "/" + schedule.rounds();
			sideA.result.add(sideA.round(workers, schedule, schedule.round(), label));
			sideB.result.add(sideB.round(workers, schedule, schedule.round(), label));
		}
		return new ComparisonResult(this.title, workers.size(), sideA.result, sideB.result, this.goal);
	}

	private static void warmUp(Side sideA, Side sideB, LoadWorkers workers, Schedule schedule) {
		double lastA = 0;
		double lastB = 0;
		for (int i = 1; i <= MAX_WARMUP_ROUNDS; i++) {
			double rateA = sideA.round(workers, schedule, schedule.warmup(), "warm-up " + i).throughput();
			double rateB = sideB.round(workers, schedule, schedule.warmup(), "warm-up " + i).throughput();
			if (i >= MIN_WARMUP_ROUNDS && rateA <= lastA * STEADY && rateB <= lastB * STEADY) {
				return;
			}
			lastA = rateA;
			lastB = rateB;
		}
	}

	// A round ends within the step it starts in, so it uses each user's code once.
	private static void awaitNextTimeStep() {
		try {
			Thread.sleep(TotpCodes.millisToNextStep() + 200);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException("Interrupted", ex);
		}
	}

	/**
	 * One side of a run: its scenario, its measured rounds, and the fastest rate seen,
	 * which sizes the preparation of its next round.
	 */
	private static final class Side {

		private final Scenario scenario;

		private final SideResult result;

		private double fastest;

		Side(Scenario scenario) {
			this.scenario = scenario;
			this.result = new SideResult(scenario.name());
		}

		RoundResult round(LoadWorkers workers, Schedule schedule, Duration length, String label) {
			int operations = (this.fastest > 0)
					? (int) Math.ceil(this.fastest * length.toMillis() / 1000.0 * MARGIN) + 4 * workers.size()
					: schedule.initialOperations();
			this.scenario.prepare(workers, operations);
			if (this.scenario.spendsTimeSteps()) {
				awaitNextTimeStep();
			}
			RoundResult round = workers.run(this.scenario, length);
			this.fastest = Math.max(this.fastest, round.throughput());
			Progress.log(String.format(Locale.ROOT, "%d connections, %s, %s: %.1f/s, %d errors%s%s", workers.size(),
					this.scenario.name(), label, round.throughput(), round.errors(),
					round.exhausted() ? ", ran out of what was prepared" : "",
					(round.firstError() != null) ? ", first error: " + round.firstError() : ""));
			return round;
		}

	}

}
