package dev.springmfa.benchmarks.load;

import java.io.IOException;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import org.jspecify.annotations.Nullable;

/**
 * An authenticated call, {@code GET /api/auth/user}, of an MFA user with both factors:
 * with the session cookie on the session server, or with the access token as a bearer
 * token on the jwt server. Each worker logs in once, untimed, and keeps its login.
 */
final class CurrentUserScenario implements Scenario {

	private final BenchmarkUsers users;

	private final ServerMode mode;

	private final Map<LoadWorker, Credential> credentials = new ConcurrentHashMap<>();

	private @Nullable LoadWorkers loggedIn;

	CurrentUserScenario(BenchmarkUsers users, ServerMode mode) {
		this.users = users;
		this.mode = mode;
	}

	@Override
	public String name() {
		return (this.mode == ServerMode.JWT) ? "bearer call (jwt mode)" : "session call (session mode)";
	}

	@Override
	public void prepare(LoadWorkers workers, int operations) {
		if (this.loggedIn == workers) {
			return;
		}
		this.credentials.clear();
		workers.forEachWorker(
				(worker, index) -> this.credentials.put(worker, this.users.completeLogin(worker.client(this.mode))));
		this.loggedIn = workers;
	}

	@Override
	public Outcome perform(LoadWorker worker) throws IOException {
		Credential credential = this.credentials.get(worker);
		if (credential == null) {
			throw new IllegalStateException("The worker has not logged in");
		}
		worker.client(this.mode).currentUser(credential);
		return Outcome.DONE;
	}

}
