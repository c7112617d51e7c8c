package dev.springmfa.benchmarks.load;

import java.io.IOException;
import java.util.List;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;

/**
 * A right-code verify, in session mode unless told otherwise: the code step of an MFA
 * user's login, whose browser tab was opened and password step sent, untimed, before the
 * round. Each operation spends the user's code of the current time step; in jwt mode the
 * answer is a token pair, whose refresh token the server records.
 */
final class VerifyScenario implements Scenario {

	private final BenchmarkUsers users;

	private final int maxUsers;

	private final ServerMode mode;

	private final Queue<Challenge> challenges = new ConcurrentLinkedQueue<>();

	VerifyScenario(BenchmarkUsers users, int maxUsers) {
		this(users, maxUsers, ServerMode.SESSION);
	}

	VerifyScenario(BenchmarkUsers users, int maxUsers, ServerMode mode) {
		this.users = users;
		this.maxUsers = maxUsers;
		this.mode = mode;
	}

	@Override
	public String name() {
		return (this.mode == ServerMode.JWT) ? "verify in jwt mode (right code)" : "verify (right code)";
	}

	@Override
	public boolean spendsTimeSteps() {
		return true;
	}

	@Override
	public void prepare(LoadWorkers workers, int operations) {
		this.users.ensureMfaUsers(workers, Math.min(operations, this.maxUsers));
		List<MfaUser> batch = this.users.nextMfaUsers(Math.min(operations, this.users.mfaUserCount()));
		this.challenges.clear();
		workers.forEachIndex(batch.size(), (worker, index) -> {
			MfaUser user = batch.get(index);
			DemoClient client = worker.client(this.mode);
			BrowserSession tab = client.open();
			this.challenges.add(new Challenge(user, tab, BenchmarkUsers.challenge(client, tab, user)));
		});
	}

	@Override
	public Outcome perform(LoadWorker worker) throws IOException {
		Challenge challenge = this.challenges.poll();
		if (challenge == null) {
			return Outcome.EXHAUSTED;
		}
		String code = challenge.user().claimCode(TotpCodes.currentStep());
		if (code == null) {
			return Outcome.SKIPPED;
		}
		worker.client(this.mode).verify(challenge.tab(), challenge.ephemeralToken(), code);
		return Outcome.DONE;
	}

	private record Challenge(MfaUser user, BrowserSession tab, String ephemeralToken) {

	}

}
