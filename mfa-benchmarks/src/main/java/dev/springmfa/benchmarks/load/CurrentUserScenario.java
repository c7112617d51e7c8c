package dev.springmfa.benchmarks.load;

import java.io.IOException;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import org.jspecify.annotations.Nullable;

/**
 * An authenticated call, {@code GET /api/auth/user}, of an MFA user with both factors:
 * with the session cookie on the session server, or with the access token as a bearer
 * token on the jwt server. Each worker logs in, untimed, and keeps its login for a
 * minute, well within the two minutes after which the benchmark's servers end an idle
 * session.
 */
final class CurrentUserScenario implements Scenario {

	private static final long LOGIN_LIFETIME = Duration.ofMinutes(1).toNanos();

	private final BenchmarkUsers users;

	private final ServerMode mode;

	private final Map<LoadWorker, Credential> credentials = new ConcurrentHashMap<>();

	private @Nullable LoadWorkers loggedIn;

	private long loggedInAt;

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
		if (this.loggedIn == workers && System.nanoTime() - this.loggedInAt < LOGIN_LIFETIME) {
			return;
		}
		this.credentials.clear();
		workers.forEachWorker(
				(worker, index) -> this.credentials.put(worker, this.users.completeLogin(worker.client(this.mode))));
		this.loggedIn = workers;
		this.loggedInAt = System.nanoTime();
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
