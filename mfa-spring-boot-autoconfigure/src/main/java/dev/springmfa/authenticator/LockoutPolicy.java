package dev.springmfa.authenticator;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

import org.jspecify.annotations.Nullable;

import org.springframework.util.Assert;

/**
 * When the second factor locks after failed attempts. Every {@code maxAttempts}
 * consecutive failures lock it, each lock twice as long as the one before; a success
 * alone resets the count. At {@code maxConsecutiveFailures} (NIST SP 800-63B §5.2.2 caps
 * it at 100) it stays locked until {@link TotpSupportDeskService#resetLockout} is called.
 */
public final class LockoutPolicy {

	/** The Retry-After of a lock that only a reset ends. */
	static final Duration UNTIL_RESET = Duration.ofDays(1);

	private static final int MAX_DOUBLINGS = 20;

	private final int maxAttempts;

	private final Duration duration;

	private final int maxConsecutiveFailures;

	/**
	 * Create a new policy.
	 * @param maxAttempts failures in a row that lock the second factor
	 * @param duration how long the first lock lasts
	 * @param maxConsecutiveFailures failures in a row after which only a reset unlocks
	 */
	public LockoutPolicy(int maxAttempts, Duration duration, int maxConsecutiveFailures) {
		Assert.isTrue(maxAttempts > 0, "maxAttempts must be positive");
		Assert.isTrue(!duration.isNegative() && !duration.isZero(), "duration must be positive");
		Assert.isTrue(maxConsecutiveFailures >= maxAttempts, "maxConsecutiveFailures must be at least maxAttempts");
		this.maxAttempts = maxAttempts;
		this.duration = duration;
		this.maxConsecutiveFailures = maxConsecutiveFailures;
	}

	/**
	 * Return the failure count at which the second factor stays locked.
	 * @return the count
	 */
	public int maxConsecutiveFailures() {
		return this.maxConsecutiveFailures;
	}

	/**
	 * Return how long a failure count locks the second factor, counted from the failure
	 * that reached it.
	 * @param failures the consecutive failures, this one included
	 * @return the lock duration, or {@code null} if this failure does not lock
	 */
	public @Nullable Duration lockDurationAfter(int failures) {
		if (failures >= this.maxConsecutiveFailures) {
			return UNTIL_RESET;
		}
		// No failure counted (the authenticator is gone) never locks.
		if (failures <= 0 || failures % this.maxAttempts != 0) {
			return null;
		}
		int doublings = Math.min(failures / this.maxAttempts - 1, MAX_DOUBLINGS);
		return this.duration.multipliedBy(1L << doublings);
	}

	/**
	 * Return how long the authenticator stays locked from {@code now}.
	 * @param authenticator the authenticator
	 * @param now the current time
	 * @return the remaining lock, empty when not locked
	 */
	public Optional<Duration> remainingLock(Authenticator authenticator, Instant now) {
		if (authenticator.getFailedAttempts() >= this.maxConsecutiveFailures) {
			return Optional.of(UNTIL_RESET);
		}
		Instant lockedUntil = authenticator.getLockedUntil();
		if (lockedUntil == null || !lockedUntil.isAfter(now)) {
			return Optional.empty();
		}
		return Optional.of(Duration.between(now, lockedUntil));
	}

}
