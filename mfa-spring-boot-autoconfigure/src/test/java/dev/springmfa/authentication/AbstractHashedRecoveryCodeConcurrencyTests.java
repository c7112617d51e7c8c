package dev.springmfa.authentication;

import java.util.List;

import org.junit.jupiter.api.Test;

import dev.springmfa.authenticator.AuthenticatorRepository;
import dev.springmfa.authenticator.RecoveryCode;
import dev.springmfa.recovery.RecoveryCodeGenerator;
import dev.springmfa.recovery.RecoveryCodeStorage;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.context.TestPropertySource;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@link AbstractConcurrencyTests} with recovery codes stored hashed: a code is found by
 * the id it starts with and checked with one hash, under the same row lock, and still
 * wins once however many requests spend it at once. The service lists no code in this
 * mode, so the tests tell the unused codes by their stored hashes.
 */
@TestPropertySource(properties = "mfa.recovery-codes.storage=hashed")
abstract class AbstractHashedRecoveryCodeConcurrencyTests extends AbstractConcurrencyTests {

	@Autowired
	AuthenticatorRepository authenticators;

	@Autowired
	RecoveryCodeStorage storage;

	@Autowired
	PlatformTransactionManager transactionManager;

	@Test
	void databaseWhenCodesHashedThenEachRowHoldsTheIdOfItsCodeAndNoCiphertext() {
		ActivatedUser user = activatedUser();
		List<String> ids = user.recoveryCodes()
			.stream()
			.map((code) -> RecoveryCodeGenerator.idOf(RecoveryCodeGenerator.normalize(code)))
			.toList();
		assertThat(ids).doesNotContainNull().doesNotHaveDuplicates();
		String rows = "from mfa_recovery_code c join mfa_authenticator a on a.id = c.authenticator_id where a.user_id = ?";
		assertThat(this.jdbc.queryForList("select c.code_id " + rows, String.class, user.username()))
			.containsExactlyInAnyOrderElementsOf(ids);
		assertThat(this.jdbc.queryForObject("select count(*) " + rows + " and (c.code_ciphertext is not null "
				+ "or c.code_salt is null or c.code_hash is null)", Integer.class, user.username()))
			.isZero();
	}

	@Override
	List<String> unusedRecoveryCodes(String username, List<String> issued) {
		assertThat(this.authenticatorService.recoveryCodes(username).codes()).isEmpty();
		List<RecoveryCode> unused = new TransactionTemplate(this.transactionManager)
			.execute((status) -> this.authenticators
				.findUnusedRecoveryCodes(this.authenticators.findByUserId(username).orElseThrow().getId()));
		String context = "recovery-code:" + username;
		List<String> stillUnused = issued.stream()
			.filter((code) -> unused.stream()
				.anyMatch((row) -> this.storage.matches(row.getCode(), RecoveryCodeGenerator.normalize(code), context)))
			.toList();
		assertThat(this.authenticatorService.recoveryCodes(username).remaining()).isEqualTo(unused.size());
		return stillUnused;
	}

}
