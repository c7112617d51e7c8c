package dev.springmfa.autoconfigure;

import java.util.ArrayList;
import java.util.Base64;
import java.util.List;

import org.jspecify.annotations.Nullable;

import dev.springmfa.jwt.JwtSigningKeys;
import org.springframework.util.Assert;

/**
 * The keys of {@code mfa.encryption}, {@code mfa.signing} and {@code mfa.jwt}, decoded
 * once when {@link MfaProperties} are bound and validated, and shared by every bean that
 * needs one.
 */
final class MfaKeys {

	private final byte @Nullable [] encryptionKey;

	private final List<byte[]> previousEncryptionKeys;

	private final byte[] keyMaterial;

	private final @Nullable JwtSigningKeys accessTokenKeyPair;

	MfaKeys(byte @Nullable [] encryptionKey, List<byte[]> previousEncryptionKeys, byte[] keyMaterial,
			@Nullable JwtSigningKeys accessTokenKeyPair) {
		this.encryptionKey = encryptionKey;
		this.previousEncryptionKeys = List.copyOf(previousEncryptionKeys);
		this.keyMaterial = keyMaterial;
		this.accessTokenKeyPair = accessTokenKeyPair;
	}

	/**
	 * Return the AES key of {@code mfa.encryption.key}.
	 * @return the key
	 * @throws MfaConfigurationException if it is not set, which binding allows only where
	 * {@code mfa.signing.key} is, for an application with its own
	 * {@link dev.springmfa.crypto.SecretEncryptor}
	 */
	byte[] encryptionKey() {
		if (this.encryptionKey == null) {
			throw new MfaConfigurationException("mfa.encryption.key", "is not set",
					MfaPropertiesValidator.MAKE_KEY + " Or define a SecretEncryptor bean of your own.");
		}
		return this.encryptionKey;
	}

	List<byte[]> previousEncryptionKeys() {
		return this.previousEncryptionKeys;
	}

	/**
	 * Return the secret from which every signing key is derived, one per kind of token:
	 * {@code mfa.signing.key}, else {@code mfa.encryption.key}.
	 * @return the key material
	 */
	byte[] keyMaterial() {
		return this.keyMaterial;
	}

	/**
	 * Return the key material from which the key that hashes recovery codes is derived,
	 * the current one first: the encryption keys, because they rotate through
	 * {@code mfa.encryption.previous-keys}, so that a code hashed before a rotation is
	 * still checked; {@code mfa.signing.key}, which has no previous keys, only where no
	 * encryption key is set (an application with its own
	 * {@link dev.springmfa.crypto.SecretEncryptor}).
	 * @return the key material, the current first
	 */
	List<byte[]> recoveryCodeHashKeys() {
		if (this.encryptionKey == null) {
			return List.of(this.keyMaterial);
		}
		List<byte[]> keys = new ArrayList<>();
		keys.add(this.encryptionKey);
		keys.addAll(this.previousEncryptionKeys);
		return keys;
	}

	/**
	 * Return the key pair of {@code mfa.jwt.private-key} and {@code mfa.jwt.public-key}.
	 * @return the keys, or {@code null} where access tokens are signed with HMAC
	 */
	@Nullable JwtSigningKeys accessTokenKeyPair() {
		return this.accessTokenKeyPair;
	}

	/**
	 * Decode a base64 encoded key from a configuration property.
	 * @param base64 the key, in the standard or URL-safe base64 alphabet
	 * @param propertyName the name of the property the key came from, used in error
	 * messages
	 * @return the decoded key bytes
	 * @throws IllegalArgumentException if the value is not valid base64
	 */
	static byte[] decodeKey(String base64, String propertyName) {
		Assert.notNull(base64, "base64 cannot be null");
		Assert.notNull(propertyName, "propertyName cannot be null");
		String trimmed = base64.trim();
		if (trimmed.isEmpty()) {
			throw new IllegalArgumentException(propertyName + " must be base64 encoded, but is empty");
		}
		// Normalize URL-safe input so one decoder accepts both alphabets
		String standard = trimmed.replace('-', '+').replace('_', '/');
		try {
			return Base64.getDecoder().decode(standard);
		}
		catch (IllegalArgumentException ex) {
			// The cause is left out on purpose: its message may quote part of the key
			throw new IllegalArgumentException(
					propertyName + " must be base64 encoded (standard or URL-safe alphabet)");
		}
	}

}
