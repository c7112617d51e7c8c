package dev.springmfa.authenticator;

import java.time.Duration;

import org.jspecify.annotations.Nullable;

import org.springframework.util.Assert;

/**
 * The default {@link LockoutPolicy}: every {@code maxAttempts} consecutive failures lock
 * the second factor, each lock twice as long as the one before. At
 * {@code maxConsecutiveFailures} it stays locked until
 * {@link TotpSupportDeskService#resetLockout} is called.
 *
 * @author springmfa
 * @see LockoutPolicy#exponential(int, Duration, int)
 */
final class ExponentialLockoutPolicy implements LockoutPolicy {

	/** The Retry-After of a lock that only a reset ends. */
	static final Duration UNTIL_RESET = Duration.ofDays(1);

	private static final int MAX_DOUBLINGS = 20;

	private final int maxAttempts;

	private final Duration duration;

	private final int maxConsecutiveFailures;

	ExponentialLockoutPolicy(int maxAttempts, Duration duration, int maxConsecutiveFailures) {
		Assert.isTrue(maxAttempts > 0, "maxAttempts must be positive");
		Assert.notNull(duration, "duration cannot be null");
		Assert.isTrue(!duration.isNegative() && !duration.isZero(), "duration must be positive");
		Assert.isTrue(maxConsecutiveFailures >= maxAttempts, "maxConsecutiveFailures must be at least maxAttempts");
		this.maxAttempts = maxAttempts;
		this.duration = duration;
		this.maxConsecutiveFailures = maxConsecutiveFailures;
	}

	@Override
	public int maxConsecutiveFailures() {
		return this.maxConsecutiveFailures;
	}

	@Override
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

}
