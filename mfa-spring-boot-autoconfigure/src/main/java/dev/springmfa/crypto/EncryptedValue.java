package dev.springmfa.crypto;

import java.util.Arrays;
import java.util.Base64;

import org.jspecify.annotations.Nullable;

import org.springframework.util.Assert;

/**
 * A value encrypted by {@link SecretEncryptor}, together with the id of the key that
 * encrypted it.
 *
 * @param keyId the id of the encryption key, see {@link KeyIds#of(byte[])}
 * @param ciphertext the encrypted bytes; for the default encryptor a 12-byte nonce
 * followed by the AES-GCM output (with its 128-bit tag)
 * @author springmfa
 */
public record EncryptedValue(String keyId, byte[] ciphertext) {

	/**
	 * Create a new instance.
	 * @param keyId the id of the encryption key
	 * @param ciphertext the nonce followed by the AES-GCM output
	 */
	public EncryptedValue {
		Assert.hasText(keyId, "keyId cannot be empty");
		Assert.notNull(ciphertext, "ciphertext cannot be null");
		ciphertext = ciphertext.clone();
	}

	/**
	 * Create an instance from a base64 encoded ciphertext, as stored in a database.
	 * @param keyId the id of the encryption key
	 * @param ciphertextBase64 the standard base64 encoding of the ciphertext
	 * @return the encrypted value
	 */
	public static EncryptedValue of(String keyId, String ciphertextBase64) {
		Assert.notNull(ciphertextBase64, "ciphertextBase64 cannot be null");
		return new EncryptedValue(keyId, Base64.getDecoder().decode(ciphertextBase64));
	}

	/**
	 * Return a copy of the nonce followed by the AES-GCM output.
	 * @return the ciphertext
	 */
	@Override
	public byte[] ciphertext() {
		return this.ciphertext.clone();
	}

	/**
	 * Return the standard base64 encoding of the ciphertext.
	 * @return the base64 encoded ciphertext
	 */
	public String ciphertextBase64() {
		return Base64.getEncoder().encodeToString(this.ciphertext);
	}

	@Override
	public boolean equals(@Nullable Object obj) {
		if (this == obj) {
			return true;
		}
		return (obj instanceof EncryptedValue other) && this.keyId.equals(other.keyId)
				&& Arrays.equals(this.ciphertext, other.ciphertext);
	}

	@Override
	public int hashCode() {
		return 31 * this.keyId.hashCode() + Arrays.hashCode(this.ciphertext);
	}

	@Override
	public String toString() {
		// The ciphertext stays out of logs: it is useless to a reader and invites offline
		// attacks
		return "EncryptedValue[keyId=" + this.keyId + "]";
	}

}
