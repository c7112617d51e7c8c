package dev.springmfa.autoconfigure;

import java.util.Arrays;
import java.util.Base64;
import java.util.List;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

/**
 * Tests for {@link MfaKeys}.
 */
class MfaKeysTests {

	@Test
	void decodeKeyWhenStandardOrUrlSafeBase64ThenDecodes() {
		byte[] key = new byte[32];
		Arrays.fill(key, (byte) 0xFB);
		String standard = Base64.getEncoder().encodeToString(key);
		String urlSafe = Base64.getUrlEncoder().withoutPadding().encodeToString(key);
		assertThat(standard).contains("+");
		assertThat(urlSafe).contains("-");
		assertThat(MfaKeys.decodeKey("  " + standard + "\n", "mfa.encryption.key")).isEqualTo(key);
		assertThat(MfaKeys.decodeKey(urlSafe, "mfa.encryption.key")).isEqualTo(key);
	}

	@Test
	void decodeKeyWhenNotBase64ThenExceptionNamesProperty() {
		assertThatIllegalArgumentException().isThrownBy(() -> MfaKeys.decodeKey("not base64!", "mfa.encryption.key"))
			.withMessageStartingWith("mfa.encryption.key must be base64");
		assertThatIllegalArgumentException().isThrownBy(() -> MfaKeys.decodeKey(" ", "mfa.encryption.key"))
			.withMessageStartingWith("mfa.encryption.key must be base64");
	}

	@Test
	void recoveryCodeHashKeysWhenEncryptionKeySetThenTheEncryptionKeysThatRotateCurrentFirst() {
		byte[] current = filled(1);
		byte[] previous = filled(2);
		byte[] signing = filled(3);
		MfaKeys keys = new MfaKeys(current, List.of(previous), signing, null);
		assertThat(keys.recoveryCodeHashKeys()).containsExactly(current, previous);
	}

	@Test
	void recoveryCodeHashKeysWhenNoEncryptionKeyThenTheSigningKeyAlone() {
		byte[] signing = filled(3);
		MfaKeys keys = new MfaKeys(null, List.of(), signing, null);
		assertThat(keys.recoveryCodeHashKeys()).containsExactly(signing);
	}

	private static byte[] filled(int value) {
		byte[] key = new byte[32];
		Arrays.fill(key, (byte) value);
		return key;
	}

}
