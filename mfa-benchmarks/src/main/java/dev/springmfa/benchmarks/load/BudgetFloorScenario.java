package dev.springmfa.benchmarks.load;

import java.io.IOException;
import java.util.concurrent.ThreadLocalRandom;

/**
 * The budget floor endpoint on the session server: the 4 statements that issue 10's
 * budget allows a verify, the user store's 2 among them, in one transaction, for a random
 * user without MFA and a random row.
 */
final class BudgetFloorScenario implements Scenario {

	private final BenchmarkUsers users;

	BudgetFloorScenario(BenchmarkUsers users) {
		this.users = users;
	}

	@Override
	public String name() {
		return "budget floor (user load, lock, conditional update)";
	}

	@Override
	public Outcome perform(LoadWorker worker) throws IOException {
		ThreadLocalRandom random = ThreadLocalRandom.current();
		int row = random.nextInt(LoadBenchmarkServerConfiguration.FLOOR_ROWS) + 1;
		worker.client(ServerMode.SESSION).budgetFloor(this.users.plainUser(random.nextInt()), row);
		return Outcome.DONE;
	}

}
