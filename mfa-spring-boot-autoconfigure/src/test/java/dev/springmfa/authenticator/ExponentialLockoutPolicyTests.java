package dev.springmfa.authenticator;

import java.time.Duration;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

/**
 * Tests for {@link LockoutPolicy#exponential(int, Duration, int)}.
 */
class ExponentialLockoutPolicyTests {

	private final LockoutPolicy policy = LockoutPolicy.exponential(5, Duration.ofMinutes(15), 100);

	@Test
	void lockDurationAfterWhenBelowMaxAttemptsThenNoLock() {
		assertThat(this.policy.lockDurationAfter(1)).isNull();
		assertThat(this.policy.lockDurationAfter(4)).isNull();
		assertThat(this.policy.lockDurationAfter(6)).isNull();
	}

	@Test
	void lockDurationAfterWhenEachFurtherLockThenDoubles() {
		assertThat(this.policy.lockDurationAfter(5)).isEqualTo(Duration.ofMinutes(15));
		assertThat(this.policy.lockDurationAfter(10)).isEqualTo(Duration.ofMinutes(30));
		assertThat(this.policy.lockDurationAfter(15)).isEqualTo(Duration.ofMinutes(60));
		assertThat(this.policy.lockDurationAfter(95)).isEqualTo(Duration.ofMinutes(15).multipliedBy(1 << 18));
	}

	@Test
	void lockDurationAfterWhenMaxConsecutiveFailuresReachedThenLockedUntilReset() {
		assertThat(this.policy.lockDurationAfter(100)).isEqualTo(ExponentialLockoutPolicy.UNTIL_RESET);
		assertThat(this.policy.lockDurationAfter(101)).isEqualTo(ExponentialLockoutPolicy.UNTIL_RESET);
	}

	@Test
	void lockDurationAfterWhenManyLocksThenDurationDoesNotOverflow() {
		LockoutPolicy lenient = LockoutPolicy.exponential(1, Duration.ofMinutes(15), 10_000);
		assertThat(lenient.lockDurationAfter(5_000)).isPositive();
	}

	@Test
	void exponentialWhenMaxConsecutiveFailuresBelowMaxAttemptsThenRefused() {
		assertThatIllegalArgumentException().isThrownBy(() -> LockoutPolicy.exponential(5, Duration.ofMinutes(1), 4));
	}

}
