package dev.springmfa.benchmarks.load;

import java.io.IOException;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A whole login of a user without MFA in session mode: the password step, which completes
 * it, in a browser tab opened (its CSRF token read) before the round, as for the two-step
 * login.
 */
final class OneStepLoginScenario implements Scenario {

	private final BenchmarkUsers users;

	private final AtomicInteger next = new AtomicInteger();

	private final Queue<BrowserSession> tabs = new ConcurrentLinkedQueue<>();

	OneStepLoginScenario(BenchmarkUsers users) {
		this.users = users;
	}

	@Override
	public String name() {
		return "one-step login (no MFA)";
	}

	@Override
	public void prepare(LoadWorkers workers, int operations) {
		this.tabs.clear();
		workers.forEachIndex(operations, (worker, index) -> this.tabs.add(worker.client(ServerMode.SESSION).open()));
	}

	@Override
	public Outcome perform(LoadWorker worker) throws IOException {
		BrowserSession tab = this.tabs.poll();
		if (tab == null) {
			return Outcome.EXHAUSTED;
		}
		String username = this.users.plainUser(this.next.getAndIncrement());
		if (worker.client(ServerMode.SESSION).login(tab, username, BenchmarkUsers.PASSWORD).credential() == null) {
			throw new IllegalStateException(username + " was asked for a second factor");
		}
		return Outcome.DONE;
	}

}
