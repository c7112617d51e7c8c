package dev.springmfa.benchmarks.load;

import java.io.IOException;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;

/**
 * A whole login of an MFA user in session mode, timed from the password step to the
 * answer of the code step. Each operation spends the user's code of the current time
 * step.
 */
final class TwoStepLoginScenario implements Scenario {

	private final BenchmarkUsers users;

	private final int maxUsers;

	private final Queue<MfaUser> queue = new ConcurrentLinkedQueue<>();

	TwoStepLoginScenario(BenchmarkUsers users, int maxUsers) {
		this.users = users;
		this.maxUsers = maxUsers;
	}

	@Override
	public String name() {
		return "two-step login (login + verify)";
	}

	@Override
	public boolean spendsTimeSteps() {
		return true;
	}

	@Override
	public void prepare(LoadWorkers workers, int operations) {
		this.users.ensureMfaUsers(workers, Math.min(operations, this.maxUsers));
		this.queue.clear();
		this.queue.addAll(this.users.nextMfaUsers(Math.min(operations, this.users.mfaUserCount())));
	}

	@Override
	public Outcome perform(LoadWorker worker) throws IOException {
		MfaUser user = this.queue.poll();
		if (user == null) {
			return Outcome.EXHAUSTED;
		}
		DemoClient client = worker.client(ServerMode.SESSION);
		String ephemeralToken = BenchmarkUsers.challenge(client, user);
		String code = user.claimCode(TotpCodes.currentStep());
		if (code == null) {
			throw new IllegalStateException("The code of " + user.username() + " in this time step is spent");
		}
		client.verify(ephemeralToken, code);
		return Outcome.DONE;
	}

}
