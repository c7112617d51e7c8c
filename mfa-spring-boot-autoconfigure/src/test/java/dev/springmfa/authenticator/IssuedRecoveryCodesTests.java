package dev.springmfa.authenticator;

import java.util.List;

import org.junit.jupiter.api.Test;

import dev.springmfa.crypto.EncryptedValue;

import static org.assertj.core.api.Assertions.assertThat;

class IssuedRecoveryCodesTests {

	@Test
	void toStringThenCountOnly() {
		IssuedRecoveryCodes codes = new IssuedRecoveryCodes(List.of("ab12-cd34", "ef56-gh78"),
				List.of(new EncryptedValue("k1", new byte[] { 1 }), new EncryptedValue("k1", new byte[] { 2 })));
		assertThat(codes.toString()).isEqualTo("IssuedRecoveryCodes[count=2]");
	}

}
