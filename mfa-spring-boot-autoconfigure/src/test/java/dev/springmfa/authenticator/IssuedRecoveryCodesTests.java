package dev.springmfa.authenticator;

import java.util.List;

import org.junit.jupiter.api.Test;

import dev.springmfa.crypto.EncryptedValue;
import dev.springmfa.recovery.StoredRecoveryCode;

import static org.assertj.core.api.Assertions.assertThat;

class IssuedRecoveryCodesTests {

	@Test
	void toStringThenCountOnly() {
		IssuedRecoveryCodes codes = new IssuedRecoveryCodes(List.of("ab12-cd34", "ef56-gh78"),
				List.of(new StoredRecoveryCode.Encrypted(new EncryptedValue("k1", new byte[] { 1 })),
						new StoredRecoveryCode.Hashed("ef", "k1", "c2FsdA==", "aGFzaA==")));
		assertThat(codes.toString()).isEqualTo("IssuedRecoveryCodes[count=2]");
	}

}
