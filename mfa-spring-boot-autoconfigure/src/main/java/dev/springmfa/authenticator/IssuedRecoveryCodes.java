package dev.springmfa.authenticator;

import java.nio.charset.StandardCharsets;
import java.util.List;

import dev.springmfa.crypto.EncryptedValue;
import dev.springmfa.crypto.SecretEncryptor;
import dev.springmfa.recovery.RecoveryCodeGenerator;

/**
 * A new set of recovery codes, as enrolment and regeneration hand them out: in clear for
 * the user, shown once, and encrypted for the repository.
 *
 * @param codes the codes, formatted
 * @param encrypted the codes, normalized and encrypted for the user
 */
record IssuedRecoveryCodes(List<String> codes, List<EncryptedValue> encrypted) {

	static IssuedRecoveryCodes generate(RecoveryCodeGenerator generator, int count, SecretEncryptor encryptor,
			String userId) {
		List<String> codes = generator.generate(count);
		String context = SecondFactorVerifier.recoveryCodeContext(userId);
		List<EncryptedValue> encrypted = codes.stream()
			.map((code) -> encryptor.encrypt(RecoveryCodeGenerator.normalize(code).getBytes(StandardCharsets.US_ASCII),
					context))
			.toList();
		return new IssuedRecoveryCodes(codes, encrypted);
	}

	@Override
	public String toString() {
		return "IssuedRecoveryCodes[count=" + this.codes.size() + "]";
	}

}
