package dev.springmfa.authenticator;

import java.time.Duration;

import org.jspecify.annotations.Nullable;

/**
 * When the second factor locks after failed codes, and for how long. The starter counts
 * each user's consecutive failed codes on the {@link Authenticator} (a success resets the
 * count), asks the policy after each failure, and refuses every code, even a right one,
 * while the lock lasts.
 * <p>
 * An implementation must be a pure function of its arguments (it is asked inside the
 * transaction that counts the failure, on any instance of the application) and must
 * guarantee:
 * <ul>
 * <li>that some count locks, so that guessing is bounded: {@link #lockDurationAfter}
 * returns a duration for every count of at least {@link #maxConsecutiveFailures()};</li>
 * <li>that {@link #maxConsecutiveFailures()} is positive: at that count the second factor
 * stays locked until {@link TotpSupportDeskService#resetLockout} is called, and the
 * repository refuses to accept a code for it even if a lock's end has passed.</li>
 * </ul>
 * The default, {@link #exponential(int, Duration, int)}, is configured by
 * {@code mfa.lockout.*}. Define a bean of this type to replace it.
 *
 * @author springmfa
 */
public interface LockoutPolicy {

	/**
	 * Return how long a failure locks the second factor, counted from that failure.
	 * @param failures the consecutive failures, this one included
	 * @return the lock duration (also the {@code Retry-After} of the answer), or
	 * {@code null} if this failure does not lock
	 */
	@Nullable Duration lockDurationAfter(int failures);

	/**
	 * Return the count of consecutive failures at which the second factor stays locked
	 * until a reset.
	 * @return the count, positive
	 */
	int maxConsecutiveFailures();

	/**
	 * Return the policy of {@code mfa.lockout}: every {@code maxAttempts} consecutive
	 * failures lock the second factor, each lock twice as long as the one before, and at
	 * {@code maxConsecutiveFailures} (NIST SP 800-63B §5.2.2 caps it at 100) it stays
	 * locked until a reset.
	 * @param maxAttempts failures in a row that lock the second factor
	 * @param duration how long the first lock lasts
	 * @param maxConsecutiveFailures failures in a row after which only a reset unlocks
	 * @return the policy
	 * @throws IllegalArgumentException if {@code maxAttempts} or {@code duration} is not
	 * positive, or {@code maxConsecutiveFailures} is below {@code maxAttempts}
	 */
	static LockoutPolicy exponential(int maxAttempts, Duration duration, int maxConsecutiveFailures) {
		return new ExponentialLockoutPolicy(maxAttempts, duration, maxConsecutiveFailures);
	}

}
