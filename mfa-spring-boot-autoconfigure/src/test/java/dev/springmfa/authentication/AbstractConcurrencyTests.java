package dev.springmfa.authentication;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.stream.Collectors;

import org.junit.jupiter.api.Test;

import dev.springmfa.MfaErrorCode;
import dev.springmfa.MfaFactors;
import dev.springmfa.authentication.Race.Result;
import dev.springmfa.authenticator.TotpEnrollmentService.TotpActivation;
import dev.springmfa.recovery.RecoveryCodeGenerator;
import dev.springmfa.totp.Base32;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.core.userdetails.User;
import org.springframework.test.context.TestPropertySource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Concurrent attempts at one single-use thing (a recovery code, a TOTP time step, an
 * ephemeral token, an activation) against a real database: the row lock and the
 * conditional updates of the repositories must let exactly one of them win. Lockout is
 * kept out of the way here; {@link AbstractLockoutTests} covers it.
 */
@TestPropertySource(properties = { "mfa.lockout.max-attempts=50", "mfa.recovery-codes.count=20" })
abstract class AbstractConcurrencyTests extends AbstractMfaDatabaseTests {

	private static final int THREADS = 16;

	@Test
	void confirmActivationWhenCodeFromNewSecretThenRecoveryCodesIssued() {
		ActivatedUser user = activatedUser();
		assertThat(user.recoveryCodes()).hasSize(20).doesNotHaveDuplicates();
		assertThat(unusedRecoveryCodes(user.username(), user.recoveryCodes()))
			.containsExactlyInAnyOrderElementsOf(user.recoveryCodes());
		assertThat(this.enrollmentService.isEnabled(user.username())).isTrue();
	}

	@Test
	void confirmActivationWhenSixteenThreadsRaceThenExactlyOneWins() throws Exception {
		String username = "alice-" + UUID.randomUUID();
		this.users.createUser(User.withUsername(username).password("{noop}password").build());
		TotpActivation activation = this.enrollmentService.beginActivation(username, username);
		String code = this.totp.generate(Base32.decode(activation.secret()), Instant.now());
		List<Callable<List<String>>> attempts = new ArrayList<>();
		for (int i = 0; i < THREADS; i++) {
			attempts.add(() -> this.enrollmentService.confirmActivation(username, activation.activationToken(), code));
		}
		List<Result<List<String>>> results = Race.run(attempts);
		assertThat(winners(results)).hasSize(1);
		assertThat(errorCodes(results)).hasSize(THREADS - 1).containsOnly(MfaErrorCode.MFA_ALREADY_ENABLED);
		assertThat(this.jdbc.queryForObject("select count(*) from mfa_authenticator where user_id = ?", Integer.class,
				username))
			.isEqualTo(1);
		assertThat(unusedRecoveryCodes(username, winners(results).get(0)))
			.containsExactlyInAnyOrderElementsOf(winners(results).get(0));
	}

	@Test
	void verifyWhenSixteenThreadsSpendOneRecoveryCodeThenExactlyOneWins() throws Exception {
		ActivatedUser user = activatedUser();
		String recoveryCode = user.recoveryCodes().get(0);
		List<Callable<Authentication>> attempts = new ArrayList<>();
		for (String token : ephemeralTokens(user, THREADS)) {
			attempts.add(() -> this.verificationService.verify(token, recoveryCode));
		}
		List<Result<Authentication>> results = Race.run(attempts);
		assertThat(winners(results)).singleElement()
			.satisfies((authentication) -> assertThat(factors(authentication))
				.contains(MfaFactors.RECOVERY_CODE_AUTHORITY));
		// The winner's accepted code spends every token issued before it: the losers'
		// tokens are spent before their code is looked at.
		assertThat(errorCodes(results)).hasSize(THREADS - 1).containsOnly(MfaErrorCode.INVALID_TOKEN);
		assertThat(unusedRecoveryCodes(user.username(), user.recoveryCodes())).hasSize(user.recoveryCodes().size() - 1)
			.doesNotContain(recoveryCode);
	}

	@Test
	void stepUpWhenSixteenThreadsSpendOneRecoveryCodeThenExactlyOneWins() throws Exception {
		ActivatedUser user = activatedUser();
		String recoveryCode = user.recoveryCodes().get(0);
		List<Callable<String>> attempts = new ArrayList<>();
		for (int i = 0; i < THREADS; i++) {
			attempts.add(() -> this.authenticatorService.stepUp(user.username(), recoveryCode));
		}
		List<Result<String>> results = Race.run(attempts);
		assertThat(winners(results)).containsExactly(MfaFactors.RECOVERY_CODE_AUTHORITY);
		assertThat(errorCodes(results)).hasSize(THREADS - 1).containsOnly(MfaErrorCode.INVALID_CODE);
		assertThat(unusedRecoveryCodes(user.username(), user.recoveryCodes())).hasSize(user.recoveryCodes().size() - 1)
			.doesNotContain(recoveryCode);
		assertThat(failedAttempts(user)).isEqualTo(THREADS - 1);
	}

	@Test
	void stepUpWhenSixteenThreadsReplayOneTotpCodeThenExactlyOneWins() throws Exception {
		ActivatedUser user = activatedUser();
		String code = unusedTotpCode(user);
		List<Callable<String>> attempts = new ArrayList<>();
		for (int i = 0; i < THREADS; i++) {
			attempts.add(() -> this.authenticatorService.stepUp(user.username(), code));
		}
		List<Result<String>> results = Race.run(attempts);
		assertThat(winners(results)).containsExactly(MfaFactors.TOTP_AUTHORITY);
		assertThat(errorCodes(results)).hasSize(THREADS - 1).containsOnly(MfaErrorCode.INVALID_CODE);
	}

	@Test
	void deactivateWhenSixteenThreadsSpendOneRecoveryCodeThenExactlyOneWins() throws Exception {
		ActivatedUser user = activatedUser();
		String recoveryCode = user.recoveryCodes().get(0);
		List<Callable<Boolean>> attempts = new ArrayList<>();
		for (int i = 0; i < THREADS; i++) {
			attempts.add(() -> {
				this.authenticatorService.deactivate(user.username(), recoveryCode);
				return true;
			});
		}
		List<Result<Boolean>> results = Race.run(attempts);
		assertThat(winners(results)).hasSize(1);
		// A loser that starts after the winner's commit finds no authenticator at all.
		assertThat(errorCodes(results)).hasSize(THREADS - 1)
			.isSubsetOf(MfaErrorCode.INVALID_CODE, MfaErrorCode.MFA_NOT_ENABLED);
		assertThat(this.enrollmentService.isEnabled(user.username())).isFalse();
		assertThat(this.jdbc.queryForObject("select count(*) from mfa_recovery_code c where not exists "
				+ "(select 1 from mfa_authenticator a where a.id = c.authenticator_id)", Integer.class))
			.isZero();
	}

	@Test
	void verifyWhenSixteenThreadsReplayOneTotpCodeThenExactlyOneWins() throws Exception {
		ActivatedUser user = activatedUser();
		String code = unusedTotpCode(user);
		List<Callable<Authentication>> attempts = new ArrayList<>();
		for (String token : ephemeralTokens(user, THREADS)) {
			attempts.add(() -> this.verificationService.verify(token, code));
		}
		List<Result<Authentication>> results = Race.run(attempts);
		assertThat(winners(results)).singleElement()
			.satisfies((authentication) -> assertThat(factors(authentication)).contains(MfaFactors.TOTP_AUTHORITY));
		assertThat(errorCodes(results)).hasSize(THREADS - 1).containsOnly(MfaErrorCode.INVALID_TOKEN);
	}

	@Test
	void verifyWhenSixteenThreadsSpendOneTokenThenExactlyOneWinsAndOneRecoveryCodeIsUsed() throws Exception {
		ActivatedUser user = activatedUser();
		assertThat(user.recoveryCodes()).hasSizeGreaterThanOrEqualTo(THREADS);
		String token = ephemeralToken(user);
		List<Callable<Authentication>> attempts = new ArrayList<>();
		for (String recoveryCode : user.recoveryCodes().subList(0, THREADS)) {
			attempts.add(() -> this.verificationService.verify(token, recoveryCode));
		}
		List<Result<Authentication>> results = Race.run(attempts);
		assertThat(winners(results)).singleElement()
			.satisfies((authentication) -> assertThat(factors(authentication))
				.contains(MfaFactors.RECOVERY_CODE_AUTHORITY));
		assertThat(errorCodes(results)).hasSize(THREADS - 1).containsOnly(MfaErrorCode.INVALID_TOKEN);
		// The token is checked first, under the authenticator's lock: a loser's code must
		// still be unused.
		List<String> unused = unusedRecoveryCodes(user.username(), user.recoveryCodes());
		assertThat(unused).hasSize(user.recoveryCodes().size() - 1);
		for (int i = 0; i < THREADS; i++) {
			if (!results.get(i).succeeded()) {
				assertThat(unused).contains(user.recoveryCodes().get(i));
			}
		}
	}

	@Test
	void verifyWhenSixteenThreadsSendWrongCodesThenSixteenFailuresAreCounted() throws Exception {
		ActivatedUser user = activatedUser();
		List<Result<Authentication>> results = raceWrongCodes(user, THREADS);
		assertThat(winners(results)).isEmpty();
		assertThat(errorCodes(results)).hasSize(THREADS).containsOnly(MfaErrorCode.INVALID_CODE);
		assertThat(failedAttempts(user)).isEqualTo(THREADS);
	}

	@Test
	void databaseWhenDumpedAfterActivationThenHoldsNoSecretInClear() {
		ActivatedUser user = activatedUser();
		ephemeralToken(user);
		String dump = dump("mfa_authenticator", "mfa_recovery_code");
		assertThat(dump).contains(user.username());
		List<String> secrets = new ArrayList<>();
		secrets.add(user.base32Secret());
		secrets.add(user.base32Secret().replace("=", ""));
		secrets.add(HexFormat.of().formatHex(user.secret()));
		secrets.add(Base64.getEncoder().encodeToString(user.secret()));
		secrets.add(Base64.getUrlEncoder().withoutPadding().encodeToString(user.secret()));
		for (String recoveryCode : user.recoveryCodes()) {
			secrets.add(recoveryCode);
			secrets.add(RecoveryCodeGenerator.normalize(recoveryCode));
		}
		for (String secret : secrets) {
			assertThat(dump).doesNotContainIgnoringCase(secret);
		}
	}

	/**
	 * Return the codes of a user that are still unused, as the service lists them.
	 * @param username the user
	 * @param issued the codes issued to the user
	 * @return the unused codes
	 */
	List<String> unusedRecoveryCodes(String username, List<String> issued) {
		return this.authenticatorService.recoveryCodes(username).codes();
	}

	private String dump(String... tables) {
		StringBuilder dump = new StringBuilder();
		for (String table : tables) {
			for (Map<String, Object> row : this.jdbc.queryForList("select * from " + table)) {
				dump.append(table)
					.append(row.values().stream().map(String::valueOf).collect(Collectors.joining("|", "[", "]\n")));
			}
		}
		return dump.toString();
	}

	private static List<String> factors(Authentication authentication) {
		return authentication.getAuthorities().stream().map(GrantedAuthority::getAuthority).toList();
	}

}
