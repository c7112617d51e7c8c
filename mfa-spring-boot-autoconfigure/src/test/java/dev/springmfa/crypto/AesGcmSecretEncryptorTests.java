package dev.springmfa.crypto;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;

/**
 * Tests for {@link SecretEncryptor#aesGcm(byte[], List)}.
 */
class AesGcmSecretEncryptorTests {

	private static final byte[] KEY = key(1);

	private static final byte[] OLD_KEY = key(2);

	private static final byte[] PLAINTEXT = "JBSWY3DPEHPK3PXP".getBytes(StandardCharsets.US_ASCII);

	private static final String CONTEXT = "totp-secret:alice";

	@Test
	void decryptWhenEncryptedWithSameContextThenReturnsPlaintext() {
		SecretEncryptor encryptor = SecretEncryptor.aesGcm(KEY, List.of());
		EncryptedValue value = encryptor.encrypt(PLAINTEXT, CONTEXT);
		assertThat(value.keyId()).isEqualTo(KeyIds.of(KEY));
		assertThat(value.ciphertext()).hasSize(12 + PLAINTEXT.length + 16);
		assertThat(encryptor.decrypt(value, CONTEXT)).isEqualTo(PLAINTEXT);
	}

	@Test
	void decryptWhenRoundTrippedThroughBase64ThenReturnsPlaintext() {
		SecretEncryptor encryptor = SecretEncryptor.aesGcm(KEY, List.of());
		EncryptedValue value = encryptor.encrypt(PLAINTEXT, CONTEXT);
		EncryptedValue stored = EncryptedValue.of(value.keyId(), value.ciphertextBase64());
		assertThat(stored).isEqualTo(value).hasSameHashCodeAs(value);
		assertThat(encryptor.decrypt(stored, CONTEXT)).isEqualTo(PLAINTEXT);
	}

	@Test
	void encryptWhenCalledTwiceThenUsesDifferentNonces() {
		SecretEncryptor encryptor = SecretEncryptor.aesGcm(KEY, List.of());
		byte[] first = encryptor.encrypt(PLAINTEXT, CONTEXT).ciphertext();
		byte[] second = encryptor.encrypt(PLAINTEXT, CONTEXT).ciphertext();
		assertThat(Arrays.copyOf(first, 12)).isNotEqualTo(Arrays.copyOf(second, 12));
		assertThat(first).isNotEqualTo(second);
	}

	@Test
	void decryptWhenContextDiffersThenException() {
		SecretEncryptor encryptor = SecretEncryptor.aesGcm(KEY, List.of());
		EncryptedValue value = encryptor.encrypt(PLAINTEXT, CONTEXT);
		assertThatIllegalStateException().isThrownBy(() -> encryptor.decrypt(value, "totp-secret:bob"))
			.withMessage("Could not decrypt value (wrong key or tampered data)");
	}

	@Test
	void decryptWhenByteTamperedThenException() {
		SecretEncryptor encryptor = SecretEncryptor.aesGcm(KEY, List.of());
		EncryptedValue value = encryptor.encrypt(PLAINTEXT, CONTEXT);
		byte[] tampered = value.ciphertext();
		tampered[20] ^= 1;
		EncryptedValue tamperedValue = new EncryptedValue(value.keyId(), tampered);
		assertThatIllegalStateException().isThrownBy(() -> encryptor.decrypt(tamperedValue, CONTEXT))
			.withMessage("Could not decrypt value (wrong key or tampered data)");
	}

	@Test
	void decryptWhenCiphertextTooShortThenException() {
		SecretEncryptor encryptor = SecretEncryptor.aesGcm(KEY, List.of());
		EncryptedValue value = new EncryptedValue(KeyIds.of(KEY), new byte[5]);
		assertThatIllegalStateException().isThrownBy(() -> encryptor.decrypt(value, CONTEXT));
	}

	@Test
	void decryptWhenEncryptedWithPreviousKeyThenReturnsPlaintext() {
		EncryptedValue old = SecretEncryptor.aesGcm(OLD_KEY, List.of()).encrypt(PLAINTEXT, CONTEXT);
		SecretEncryptor rotated = SecretEncryptor.aesGcm(KEY, List.of(OLD_KEY));
		assertThat(rotated.isCurrent(old)).isFalse();
		assertThat(rotated.decrypt(old, CONTEXT)).isEqualTo(PLAINTEXT);
		EncryptedValue reencrypted = rotated.encrypt(PLAINTEXT, CONTEXT);
		assertThat(rotated.isCurrent(reencrypted)).isTrue();
	}

	@Test
	void decryptWhenKeyIdUnknownThenExceptionNamesPreviousKeysProperty() {
		EncryptedValue old = SecretEncryptor.aesGcm(OLD_KEY, List.of()).encrypt(PLAINTEXT, CONTEXT);
		SecretEncryptor encryptor = SecretEncryptor.aesGcm(KEY, List.of());
		assertThatIllegalStateException().isThrownBy(() -> encryptor.decrypt(old, CONTEXT))
			.withMessage("No encryption key with id " + KeyIds.of(OLD_KEY)
					+ "; add the key that encrypted this value to mfa.encryption.previous-keys");
	}

	@Test
	void aesGcmWhenKeyTooShortThenException() {
		assertThatIllegalArgumentException().isThrownBy(() -> SecretEncryptor.aesGcm(new byte[16], List.of()))
			.withMessage("encryption key must be 256 bits (32 bytes), got 16 bytes");
		assertThatIllegalArgumentException().isThrownBy(() -> SecretEncryptor.aesGcm(KEY, List.of(new byte[31])))
			.withMessage("encryption key must be 256 bits (32 bytes), got 31 bytes");
	}

	@Test
	void keyIdWhenKeyGivenThenSixteenLowercaseHexCharacters() {
		assertThat(KeyIds.of(KEY)).matches("[0-9a-f]{16}").isNotEqualTo(KeyIds.of(OLD_KEY));
	}

	@Test
	void toStringWhenCalledThenShowsOnlyKeyId() {
		EncryptedValue value = SecretEncryptor.aesGcm(KEY, List.of()).encrypt(PLAINTEXT, CONTEXT);
		assertThat(value.toString()).isEqualTo("EncryptedValue[keyId=" + value.keyId() + "]");
	}

	private static byte[] key(int seed) {
		byte[] key = new byte[32];
		for (int i = 0; i < key.length; i++) {
			key[i] = (byte) (seed * 31 + i);
		}
		return key;
	}

}
