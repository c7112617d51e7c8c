package dev.springmfa.authentication;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.Callable;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import dev.springmfa.MfaErrorCode;
import dev.springmfa.authentication.Race.Result;
import dev.springmfa.authenticator.TotpAuthenticatorService;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.security.core.userdetails.User;
import org.springframework.security.provisioning.InMemoryUserDetailsManager;
import org.springframework.test.context.TestPropertySource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The attempt budget against a burst, on two application instances that share one
 * database: however many codes arrive at once, no more are checked than
 * {@code mfa.lockout.max-attempts} allows before the second factor locks, and a right
 * code among them is accepted only while budget is left.
 * <p>
 * What was checked, and in which order, is read from the database itself: a trigger logs
 * every update of the authenticator row, and the row lock that each attempt holds makes
 * the log's order the order in which the attempts were decided.
 */
@TestPropertySource(properties = "mfa.lockout.max-attempts=" + AbstractAttemptBudgetTests.BUDGET)
abstract class AbstractAttemptBudgetTests extends AbstractMfaDatabaseTests {

	static final int BUDGET = 5;

	private static final int BURST = 64;

	private static final int BURSTS_WITH_THE_RIGHT_CODE = 8;

	private ConfigurableApplicationContext otherInstance;

	private Services instanceOne;

	private Services instanceTwo;

	/**
	 * Log every update of {@code mfa_authenticator} into {@code mfa_attempt_log}: the
	 * user, and the failures and accepted codes before and after, in the order of the
	 * updates.
	 * @param jdbc the database of the test
	 */
	abstract void installAttemptLog(JdbcTemplate jdbc);

	@BeforeEach
	void startSecondInstanceOnTheSameDatabase() {
		installAttemptLog(this.jdbc);
		this.otherInstance = startAnotherInstance("mfa.lockout.max-attempts=" + BUDGET);
		this.instanceOne = new Services(this.verificationService, this.authenticatorService);
		this.instanceTwo = new Services(this.otherInstance.getBean(MfaVerificationService.class),
				this.otherInstance.getBean(TotpAuthenticatorService.class));
	}

	@AfterEach
	void stopSecondInstance() {
		this.otherInstance.close();
	}

	@ParameterizedTest
	@EnumSource
	void attemptWhenSixtyFourWrongCodesArriveAtOnceOnTwoInstancesThenOnlyTheBudgetIsChecked(Operation operation)
			throws Exception {
		ActivatedUser user = activatedUserOnBothInstances();
		String wrongCode = wrongCode(user);
		List<Callable<Object>> attempts = new ArrayList<>();
		for (int i = 0; i < BURST; i++) {
			attempts.add(operation.attempt(this, instance(i), user, wrongCode));
		}
		List<Result<Object>> results = Race.run(attempts);
		assertThat(winners(results)).isEmpty();
		List<MfaErrorCode> errorCodes = errorCodes(results);
		// The budget's last failure locks: it and every later attempt answer 429.
		assertThat(errorCodes).hasSize(BURST).isSubsetOf(MfaErrorCode.INVALID_CODE, MfaErrorCode.TOO_MANY_ATTEMPTS);
		assertThat(errorCodes).filteredOn(MfaErrorCode.INVALID_CODE::equals).hasSize(BUDGET - 1);
		assertThat(attemptLog(user)).hasSize(BUDGET).allSatisfy((entry) -> assertThat(entry.isFailure()).isTrue());
		assertThat(failedAttempts(user)).isEqualTo(BUDGET);
	}

	@ParameterizedTest
	@EnumSource(names = { "VERIFY", "STEP_UP" })
	void attemptWhenTheRightCodeHidesInABurstThenItIsAcceptedOnlyWhileBudgetIsLeft(Operation operation)
			throws Exception {
		for (int burst = 0; burst < BURSTS_WITH_THE_RIGHT_CODE; burst++) {
			ActivatedUser user = activatedUserOnBothInstances();
			String wrongCode = wrongCode(user);
			List<Callable<Object>> attempts = new ArrayList<>();
			for (int i = 0; i < BURST; i++) {
				attempts.add(operation.attempt(this, instance(i), user, wrongCode));
			}
			attempts.add(operation.attempt(this, instance(BURST), user, unusedTotpCode(user)));
			// The right code's place in the burst is left to the scheduler.
			Collections.shuffle(attempts);
			List<Result<Object>> results = Race.run(attempts);
			List<AttemptLogEntry> log = attemptLog(user);
			assertThat(errorCodes(results)).isSubsetOf(MfaErrorCode.INVALID_CODE, MfaErrorCode.TOO_MANY_ATTEMPTS,
					MfaErrorCode.INVALID_TOKEN);
			assertThat(winners(results)).hasSizeLessThanOrEqualTo(1);
			assertThat(log).filteredOn(AttemptLogEntry::isAcceptance).hasSize(winners(results).size());
			// Every decision saw the failures of all before it: none went past the
			// budget,
			// and the right code was accepted only while the budget was not spent.
			assertThat(log).allSatisfy((entry) -> {
				assertThat(entry.newFailed()).isLessThanOrEqualTo(BUDGET);
				if (entry.isAcceptance()) {
					assertThat(entry.oldFailed()).isLessThan(BUDGET);
				}
			});
			int checkedBeforeTheRightCode = (int) log.stream().takeWhile((entry) -> !entry.isAcceptance()).count();
			if (winners(results).isEmpty()) {
				assertThat(checkedBeforeTheRightCode).isEqualTo(BUDGET);
			}
			else {
				assertThat(checkedBeforeTheRightCode).isLessThan(BUDGET);
			}
		}
	}

	@Test
	void verifyWhenEachTokenOfABurstIsUsedFiveTimesThenEachCountsTowardsTheOneAccountBudget() throws Exception {
		ActivatedUser user = activatedUserOnBothInstances();
		String wrongCode = wrongCode(user);
		List<Callable<Object>> attempts = new ArrayList<>();
		for (String token : ephemeralTokens(user, BURST / BUDGET)) {
			for (int i = 0; i < BUDGET; i++) {
				Services instance = instance(attempts.size());
				attempts.add(() -> instance.verification().verify(token, wrongCode));
			}
		}
		Race.run(attempts);
		// The budget belongs to the account, not to a token or a session.
		assertThat(attemptLog(user)).hasSize(BUDGET);
		assertThat(failedAttempts(user)).isEqualTo(BUDGET);
	}

	private ActivatedUser activatedUserOnBothInstances() {
		ActivatedUser user = activatedUser();
		this.otherInstance.getBean(InMemoryUserDetailsManager.class)
			.createUser(User.withUsername(user.username()).password("{noop}password").roles("USER").build());
		return user;
	}

	private Services instance(int index) {
		return (index % 2 == 0) ? this.instanceOne : this.instanceTwo;
	}

	private List<AttemptLogEntry> attemptLog(ActivatedUser user) {
		return this.jdbc.query(
				"select old_failed, new_failed, old_accepted, new_accepted from mfa_attempt_log where user_id = ? "
						+ "order by seq",
				(row, rowNumber) -> new AttemptLogEntry(row.getInt(1), row.getInt(2), row.getLong(3), row.getLong(4)),
				user.username());
	}

	/**
	 * The services of one application instance.
	 *
	 * @param verification the second login step
	 * @param authenticators step-up, deactivation and regeneration
	 */
	record Services(MfaVerificationService verification, TotpAuthenticatorService authenticators) {

	}

	/**
	 * Each way to check a code.
	 */
	enum Operation {

		VERIFY {
			@Override
			Callable<Object> attempt(AbstractAttemptBudgetTests test, Services instance, ActivatedUser user,
					String code) {
				// A token of its own for each attempt, as an attacker who logs in again
				// for each guess would have.
				String token = test.ephemeralToken(user);
				return () -> instance.verification().verify(token, code);
			}
		},

		STEP_UP {
			@Override
			Callable<Object> attempt(AbstractAttemptBudgetTests test, Services instance, ActivatedUser user,
					String code) {
				return () -> instance.authenticators().stepUp(user.username(), code);
			}
		},

		DEACTIVATE {
			@Override
			Callable<Object> attempt(AbstractAttemptBudgetTests test, Services instance, ActivatedUser user,
					String code) {
				return () -> {
					instance.authenticators().deactivate(user.username(), code);
					return true;
				};
			}
		},

		REGENERATE {
			@Override
			Callable<Object> attempt(AbstractAttemptBudgetTests test, Services instance, ActivatedUser user,
					String code) {
				return () -> instance.authenticators().regenerateRecoveryCodes(user.username(), code);
			}
		};

		abstract Callable<Object> attempt(AbstractAttemptBudgetTests test, Services instance, ActivatedUser user,
				String code);

	}

	/**
	 * One update of an authenticator row, as the trigger logged it.
	 *
	 * @param oldFailed the failures before
	 * @param newFailed the failures after
	 * @param oldAccepted the accepted codes before
	 * @param newAccepted the accepted codes after
	 */
	record AttemptLogEntry(int oldFailed, int newFailed, long oldAccepted, long newAccepted) {

		boolean isAcceptance() {
			return this.newAccepted > this.oldAccepted;
		}

		boolean isFailure() {
			return this.newFailed == this.oldFailed + 1;
		}

	}

}
