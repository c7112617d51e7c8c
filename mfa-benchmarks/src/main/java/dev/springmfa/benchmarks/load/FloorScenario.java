package dev.springmfa.benchmarks.load;

import java.io.IOException;
import java.util.concurrent.ThreadLocalRandom;

/**
 * The floor endpoint on the session server: one single-row conditional update in one
 * transaction, on a random row.
 */
final class FloorScenario implements Scenario {

	@Override
	public String name() {
		return "floor (1 conditional update)";
	}

	@Override
	public Outcome perform(LoadWorker worker) throws IOException {
		int row = ThreadLocalRandom.current().nextInt(LoadBenchmarkServerConfiguration.FLOOR_ROWS) + 1;
		worker.client(ServerMode.SESSION).floor(row);
		return Outcome.DONE;
	}

}
