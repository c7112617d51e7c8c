package dev.springmfa.authenticator;

import java.time.Duration;

import org.junit.jupiter.api.Test;

import dev.springmfa.autoconfigure.MfaProperties;
import dev.springmfa.totp.TotpGenerator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/**
 * The figures of the brute-force budget in {@code docs/security.md}, computed from the
 * defaults themselves: how many codes an attacker who knows the password can try, as fast
 * as the lockout lets them, and the chance that one of them is right. Each guess is a
 * well-formed 6-digit code; with one step of drift either side, three codes are right at
 * any moment.
 */
class BruteForceBudgetTests {

	private static final Duration YEAR = Duration.ofDays(365);

	private final MfaProperties.Lockout defaults = new MfaProperties().getLockout();

	private final LockoutPolicy policy = LockoutPolicy.exponential(this.defaults.getMaxAttempts(),
			this.defaults.getDuration(), this.defaults.getMaxConsecutiveFailures());

	private final MfaProperties.Totp totp = new MfaProperties().getTotp();

	@Test
	void defaultsLockForGoodAfterAHundredFailuresAsNistCapsIt() {
		assertThat(guessesWithin(Duration.ofDays(365 * 1000))).isEqualTo(100);
		assertThat(chanceOfAnyRight(100)).isCloseTo(3.0e-4, within(0.05e-4));
	}

	@Test
	void defaultsAllowEightyGuessesInAYearOfContinuousAttack() {
		assertThat(guessesWithin(YEAR)).isEqualTo(80);
		assertThat(chanceOfAnyRight(80)).isCloseTo(2.4e-4, within(0.05e-4));
	}

	@Test
	void defaultsAllowThirtyFiveGuessesADayWhenTheUserLogsInDaily() {
		// Each success of the user ends the run of consecutive failures, and with it the
		// doubling of the locks: the attacker starts again at the shortest lock.
		int perDay = guessesWithin(Duration.ofDays(1));
		assertThat(perDay).isEqualTo(35);
		assertThat(chanceOfAnyRight(perDay * 365)).isCloseTo(0.0376, within(0.0005));
	}

	@Test
	void rightCodesAtAnyMomentAreTheStepsOfTheDriftWindow() {
		TotpGenerator generator = new TotpGenerator(this.totp.getAlgorithm(), this.totp.getDigits(),
				this.totp.getPeriod(), this.totp.getAllowedDriftSteps());
		assertThat(generator.digits()).isEqualTo(6);
		assertThat(rightCodes()).isEqualTo(3);
	}

	// Guess whenever the second factor is not locked; every guess fails, and the lock
	// that the policy asks for follows at once.
	private int guessesWithin(Duration horizon) {
		Duration elapsed = Duration.ZERO;
		int failures = 0;
		while (failures < this.policy.maxConsecutiveFailures() && elapsed.compareTo(horizon) < 0) {
			failures++;
			Duration lock = this.policy.lockDurationAfter(failures);
			if (lock != null) {
				elapsed = elapsed.plus(lock);
			}
		}
		return failures;
	}

	private double chanceOfAnyRight(int guesses) {
		double oneGuessRight = rightCodes() / Math.pow(10, this.totp.getDigits());
		return 1 - Math.pow(1 - oneGuessRight, guesses);
	}

	private int rightCodes() {
		return 2 * this.totp.getAllowedDriftSteps() + 1;
	}

}
