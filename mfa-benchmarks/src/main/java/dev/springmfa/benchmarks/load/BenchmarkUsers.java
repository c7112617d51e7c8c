package dev.springmfa.benchmarks.load;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicLong;

import org.jspecify.annotations.Nullable;

import dev.springmfa.totp.Base32;

/**
 * The users of a run, made through the demo's own endpoints on the session server: users
 * without MFA, registered only, and MFA users, registered, logged in and with TOTP
 * activated. MFA users are handed out in turn, least recently used first, so that a
 * user's code is spent at most once a time step.
 */
final class BenchmarkUsers {

	/**
	 * The password of every user.
	 */
	static final String PASSWORD = "load-benchmark password";

	private final List<MfaUser> mfaUsers = new CopyOnWriteArrayList<>();

	private final List<String> plainUsers = new CopyOnWriteArrayList<>();

	private final AtomicLong next = new AtomicLong();

	/**
	 * Register users without MFA until there are as many as asked for.
	 * @param workers the workers that register them
	 * @param count the number of users
	 */
	void ensurePlainUsers(LoadWorkers workers, int count) {
		int start = this.plainUsers.size();
		workers.forEachIndex(count - start, (worker, index) -> {
			String username = String.format(Locale.ROOT, "plain-%06d", start + index);
			DemoClient client = worker.client(ServerMode.SESSION);
			client.register(client.open(), username, PASSWORD);
			this.plainUsers.add(username);
		});
	}

	/**
	 * Make MFA users until there are as many as asked for.
	 * @param workers the workers that make them
	 * @param count the number of users
	 */
	void ensureMfaUsers(LoadWorkers workers, int count) {
		int start = this.mfaUsers.size();
		if (count <= start) {
			return;
		}
		long began = System.nanoTime();
		List<MfaUser> made = new CopyOnWriteArrayList<>();
		workers.forEachIndex(count - start, (worker, index) -> made
			.add(activate(worker.client(ServerMode.SESSION), String.format(Locale.ROOT, "mfa-%06d", start + index))));
		this.mfaUsers.addAll(made);
		Progress.log(String.format(Locale.ROOT, "Made %d MFA users in %.1f s, %d in all", count - start,
				(System.nanoTime() - began) / 1e9, this.mfaUsers.size()));
	}

	/**
	 * Return the number of MFA users.
	 * @return the count
	 */
	int mfaUserCount() {
		return this.mfaUsers.size();
	}

	/**
	 * Return MFA users in turn, least recently handed out first.
	 * @param count how many, at most the number of users for them to be distinct
	 * @return the users
	 */
	List<MfaUser> nextMfaUsers(int count) {
		List<MfaUser> users = new ArrayList<>(count);
		int size = this.mfaUsers.size();
		for (int i = 0; i < count; i++) {
			users.add(this.mfaUsers.get((int) (this.next.getAndIncrement() % size)));
		}
		return users;
	}

	/**
	 * Return a user without MFA, in turn.
	 * @param index any number, such as a worker's operation count
	 * @return the username
	 */
	String plainUser(int index) {
		return this.plainUsers.get(Math.floorMod(index, this.plainUsers.size()));
	}

	/**
	 * Log a user in with both factors, taking the next user whose code of the current
	 * step is unspent; if a round before spent every user's, in the next step.
	 * @param client the client of the server to log in on
	 * @return the complete login
	 * @throws IOException if a request fails
	 */
	Credential completeLogin(DemoClient client) throws IOException {
		for (int attempt = 0; attempt < 2; attempt++) {
			for (int tries = 0; tries < this.mfaUsers.size(); tries++) {
				MfaUser user = nextMfaUsers(1).get(0);
				if (user.hasUnspentCode(TotpCodes.currentStep())) {
					BrowserSession tab = client.open();
					String ephemeralToken = challenge(client, tab, user);
					String code = user.claimCode(TotpCodes.currentStep());
					if (code != null) {
						return client.verify(tab, ephemeralToken, code);
					}
				}
			}
			sleep(TotpCodes.millisToNextStep() + 200);
		}
		throw new IllegalStateException("No MFA user has an unspent code");
	}

	/**
	 * Send the password step of an MFA user's login.
	 * @param client the client
	 * @param tab the browser tab
	 * @param user the user
	 * @return the ephemeral token for the code step
	 * @throws IOException if the request fails
	 */
	static String challenge(DemoClient client, BrowserSession tab, MfaUser user) throws IOException {
		String ephemeralToken = client.login(tab, user.username(), PASSWORD).ephemeralToken();
		if (ephemeralToken == null) {
			throw new IllegalStateException("No MFA challenge for " + user.username());
		}
		return ephemeralToken;
	}

	private static MfaUser activate(DemoClient client, String username) throws IOException {
		BrowserSession tab = client.open();
		client.register(tab, username, PASSWORD);
		requireComplete(client.login(tab, username, PASSWORD).credential(), username);
		DemoClient.Activation activation = client.beginActivation(tab);
		byte[] secret = Base32.decode(activation.secret());
		long step = TotpCodes.currentStep();
		client.confirmActivation(tab, activation.activationToken(), TotpCodes.code(secret, step));
		// The activation spent the code of this step.
		return new MfaUser(username, secret, step);
	}

	private static Credential requireComplete(@Nullable Credential credential, String username) {
		if (credential == null) {
			throw new IllegalStateException(username + " has MFA before its activation");
		}
		return credential;
	}

	private static void sleep(long millis) throws IOException {
		try {
			Thread.sleep(millis);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IOException("Interrupted", ex);
		}
	}

}
