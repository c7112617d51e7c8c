package dev.springmfa.recovery;

import java.util.Base64;
import java.util.List;

import org.junit.jupiter.api.Test;

import dev.springmfa.crypto.SecretEncryptor;
import dev.springmfa.recovery.RecoveryCodeStorage.Mode;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for {@link RecoveryCodeStorage}.
 */
class RecoveryCodeStorageTests {

	private static final byte[] KEY = Base64.getDecoder().decode("gRQP+S3aBi5IVcJfm2QQWhiijs17qGB6P2sy1KAISHw=");

	private static final String ALICE = "recovery-code:alice";

	private final RecoveryCodeGenerator generator = new RecoveryCodeGenerator();

	private final SecretEncryptor encryptor = SecretEncryptor.aesGcm(KEY, List.of());

	private final RecoveryCodeStorage encrypted = storage(Mode.ENCRYPTED);

	private final RecoveryCodeStorage hashed = storage(Mode.HASHED);

	@Test
	void generateWhenHashedThenCodesCarryDistinctIds() {
		List<String> codes = this.hashed.generate(100);
		assertThat(codes).hasSize(100).allMatch((code) -> code.matches("[0-9a-z]{5}-[0-9a-z]{5}"));
		assertThat(codes.stream().map((code) -> code.substring(0, 2))).doesNotHaveDuplicates();
		assertThat(this.encrypted.generate(10)).allMatch((code) -> code.matches("[0-9a-z]{4}-[0-9a-z]{4}"));
	}

	@Test
	void storeWhenHashedThenCodeCannotBeReadBackButMatchesAsTyped() {
		String code = this.hashed.generate(1).get(0);
		StoredRecoveryCode stored = this.hashed.store(code, ALICE);
		assertThat(stored).isInstanceOf(StoredRecoveryCode.Hashed.class);
		assertThat(((StoredRecoveryCode.Hashed) stored).codeId()).isEqualTo(code.substring(0, 2));
		assertThat(this.hashed.reveal(stored, ALICE)).isNull();
		String typed = " " + code.toUpperCase().replace("-", " - ") + " ";
		assertThat(this.hashed.matches(stored, RecoveryCodeGenerator.normalize(typed), ALICE)).isTrue();
		assertThat(this.hashed.matches(stored, RecoveryCodeGenerator.normalize(code), "recovery-code:bob")).isFalse();
	}

	@Test
	void storeWhenEncryptedThenCodeReadsBackAndMatches() {
		String code = this.encrypted.generate(1).get(0);
		StoredRecoveryCode stored = this.encrypted.store(code, ALICE);
		assertThat(stored).isInstanceOf(StoredRecoveryCode.Encrypted.class);
		assertThat(this.encrypted.reveal(stored, ALICE)).isEqualTo(code);
		assertThat(this.encrypted.matches(stored, RecoveryCodeGenerator.normalize(code), ALICE)).isTrue();
		assertThat(this.encrypted.matches(stored, "00000000", ALICE)).isFalse();
	}

	@Test
	void matchesWhenModeChangedSinceTheCodeWasStoredThenStillChecksItAsStored() {
		String hashedCode = this.hashed.generate(1).get(0);
		StoredRecoveryCode hashedStored = this.hashed.store(hashedCode, ALICE);
		String encryptedCode = this.encrypted.generate(1).get(0);
		StoredRecoveryCode encryptedStored = this.encrypted.store(encryptedCode, ALICE);
		assertThat(this.encrypted.matches(hashedStored, RecoveryCodeGenerator.normalize(hashedCode), ALICE)).isTrue();
		assertThat(this.hashed.matches(encryptedStored, RecoveryCodeGenerator.normalize(encryptedCode), ALICE))
			.isTrue();
		assertThat(this.hashed.reveal(encryptedStored, ALICE)).isEqualTo(encryptedCode);
	}

	@Test
	void matchesWhenIdOfAnotherCodeThenFalse() {
		List<String> codes = this.hashed.generate(2);
		StoredRecoveryCode first = this.hashed.store(codes.get(0), ALICE);
		String otherId = RecoveryCodeGenerator.normalize(codes.get(1)).substring(0, 2)
				+ RecoveryCodeGenerator.normalize(codes.get(0)).substring(2);
		assertThat(this.hashed.matches(first, otherId, ALICE)).isFalse();
		assertThat(this.hashed.matches(first, RecoveryCodeGenerator.normalize(codes.get(0)).substring(2), ALICE))
			.isFalse();
	}

	private RecoveryCodeStorage storage(Mode mode) {
		return new RecoveryCodeStorage(mode, this.generator, this.encryptor, KEY, List.of());
	}

}
