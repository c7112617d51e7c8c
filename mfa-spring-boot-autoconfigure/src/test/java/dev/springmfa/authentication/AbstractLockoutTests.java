package dev.springmfa.authentication;

import java.util.List;

import org.junit.jupiter.api.Test;

import dev.springmfa.MfaErrorCode;
import dev.springmfa.TooManyMfaAttemptsException;
import dev.springmfa.audit.MfaAuditEventType;
import dev.springmfa.authentication.Race.Result;
import org.springframework.security.core.Authentication;
import org.springframework.test.context.TestPropertySource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * Concurrent failures against a real database: each one must be counted towards the
 * lockout, none lost to a concurrent update of the same authenticator row.
 */
@TestPropertySource(properties = "mfa.lockout.max-attempts=5")
abstract class AbstractLockoutTests extends AbstractMfaDatabaseTests {

	private static final int THREADS = 10;

	@Test
	void verifyWhenTenThreadsSendWrongCodesAtOnceThenEveryFailureIsCountedAndLocks() throws Exception {
		ActivatedUser user = activatedUser();
		List<Result<Authentication>> results = raceWrongCodes(user, THREADS);
		assertThat(winners(results)).isEmpty();
		List<MfaErrorCode> errorCodes = errorCodes(results);
		assertThat(errorCodes).hasSize(THREADS).isSubsetOf(MfaErrorCode.INVALID_CODE, MfaErrorCode.TOO_MANY_ATTEMPTS);
		// A thread that finds the authenticator locked already is refused before its
		// code is checked and is not counted; each counted failure is published once.
		long counted = this.auditEvents.of(user.username())
			.stream()
			.filter((event) -> event.getType() == MfaAuditEventType.VERIFY_FAILED)
			.count();
		assertThat(counted).isGreaterThanOrEqualTo(5);
		assertThat(failedAttempts(user)).isEqualTo(counted);
		// The 5th and the 10th counted failures lock, the others are plain wrong codes.
		assertThat(errorCodes.stream().filter(MfaErrorCode.INVALID_CODE::equals).count())
			.isEqualTo(counted - counted / 5);
		assertThatExceptionOfType(TooManyMfaAttemptsException.class)
			.isThrownBy(() -> this.verificationService.verify(ephemeralToken(user), unusedTotpCode(user)))
			.satisfies((ex) -> {
				assertThat(ex.getErrorCode()).isEqualTo(MfaErrorCode.TOO_MANY_ATTEMPTS);
				assertThat(ex.getRetryAfter()).isPositive();
			});
	}

}
