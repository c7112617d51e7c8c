package dev.springmfa.benchmarks.load;

import java.io.IOException;
import java.util.List;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;

/**
 * A whole login of an MFA user in session mode, timed from the password step to the
 * answer of the code step, in a browser tab opened (its CSRF token read) before the
 * round. Each operation spends the user's code of the current time step.
 */
final class TwoStepLoginScenario implements Scenario {

	private final BenchmarkUsers users;

	private final int maxUsers;

	private final Queue<Login> logins = new ConcurrentLinkedQueue<>();

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
		List<MfaUser> batch = this.users.nextMfaUsers(Math.min(operations, this.users.mfaUserCount()));
		this.logins.clear();
		workers.forEachIndex(batch.size(), (worker, index) -> this.logins
			.add(new Login(batch.get(index), worker.client(ServerMode.SESSION).open())));
	}

	@Override
	public Outcome perform(LoadWorker worker) throws IOException {
		Login login = this.logins.poll();
		if (login == null) {
			return Outcome.EXHAUSTED;
		}
		DemoClient client = worker.client(ServerMode.SESSION);
		String ephemeralToken = BenchmarkUsers.challenge(client, login.tab(), login.user());
		String code = login.user().claimCode(TotpCodes.currentStep());
		if (code == null) {
			throw new IllegalStateException("The code of " + login.user().username() + " in this time step is spent");
		}
		client.verify(login.tab(), ephemeralToken, code);
		return Outcome.DONE;
	}

	private record Login(MfaUser user, BrowserSession tab) {

	}

}
