package dev.springmfa.benchmarks.load;

import java.util.concurrent.atomic.AtomicLong;

import org.jspecify.annotations.Nullable;

/**
 * A user of the benchmark with TOTP enabled, and the last time step the benchmark used a
 * code of: the server accepts each step's code once per user (replay protection), so a
 * user serves at most one right-code verify a step.
 */
final class MfaUser {

	private final String username;

	private final byte[] secret;

	private final AtomicLong lastUsedStep;

	MfaUser(String username, byte[] secret, long activationStep) {
		this.username = username;
		this.secret = secret;
		this.lastUsedStep = new AtomicLong(activationStep);
	}

	String username() {
		return this.username;
	}

	/**
	 * Return whether the user's code of a time step is unspent, as far as the benchmark
	 * knows.
	 * @param step the time step
	 * @return whether {@link #claimCode} would give the code now
	 */
	boolean hasUnspentCode(long step) {
		return this.lastUsedStep.get() < step;
	}

	/**
	 * Claim the user's code of a time step, once: the caller must then send it.
	 * @param step the current time step
	 * @return the code, or {@code null} if the user's code of this step or a later one
	 * was claimed already
	 */
	@Nullable String claimCode(long step) {
		long last = this.lastUsedStep.get();
		while (last < step) {
			if (this.lastUsedStep.compareAndSet(last, step)) {
				return TotpCodes.code(this.secret, step);
			}
			last = this.lastUsedStep.get();
		}
		return null;
	}

}
