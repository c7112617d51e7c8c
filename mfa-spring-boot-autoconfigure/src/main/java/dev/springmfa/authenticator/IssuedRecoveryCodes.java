package dev.springmfa.authenticator;

import java.util.List;

import dev.springmfa.recovery.RecoveryCodeStorage;
import dev.springmfa.recovery.StoredRecoveryCode;

/**
 * A new set of recovery codes, as enrolment and regeneration hand them out: in clear for
 * the user, shown once, and encrypted or hashed for the repository.
 *
 * @param codes the codes, formatted
 * @param stored the codes as stored for the user, encrypted or hashed
 */
record IssuedRecoveryCodes(List<String> codes, List<StoredRecoveryCode> stored) {

	static IssuedRecoveryCodes generate(RecoveryCodeStorage storage, int count, String userId) {
		List<String> codes = storage.generate(count);
		String context = SecondFactorVerifier.recoveryCodeContext(userId);
		List<StoredRecoveryCode> stored = codes.stream().map((code) -> storage.store(code, context)).toList();
		return new IssuedRecoveryCodes(codes, stored);
	}

	@Override
	public String toString() {
		return "IssuedRecoveryCodes[count=" + this.codes.size() + "]";
	}

}
