package dev.springmfa.benchmarks.load;

import java.io.IOException;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A whole login of a user without MFA in session mode: the password step, which completes
 * it.
 */
final class OneStepLoginScenario implements Scenario {

	private final BenchmarkUsers users;

	private final AtomicInteger next = new AtomicInteger();

	OneStepLoginScenario(BenchmarkUsers users) {
		this.users = users;
	}

	@Override
	public String name() {
		return "one-step login (no MFA)";
	}

	@Override
	public Outcome perform(LoadWorker worker) throws IOException {
		String username = this.users.plainUser(this.next.getAndIncrement());
		if (worker.client(ServerMode.SESSION).login(username, BenchmarkUsers.PASSWORD).credential() == null) {
			throw new IllegalStateException(username + " was asked for a second factor");
		}
		return Outcome.DONE;
	}

}
