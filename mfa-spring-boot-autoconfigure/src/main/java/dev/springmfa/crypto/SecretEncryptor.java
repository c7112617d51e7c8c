package dev.springmfa.crypto;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.Base64;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import javax.crypto.AEADBadTagException;
import javax.crypto.Cipher;
import javax.crypto.SecretKey;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;

import org.springframework.util.Assert;

/**
 * Encrypts and decrypts secrets with AES-256-GCM. Values are always encrypted with the
 * current key, previous keys are only used to decrypt values written before a key
 * rotation.
 *
 * @author springmfa
 */
public final class SecretEncryptor {

	private static final String TRANSFORMATION = "AES/GCM/NoPadding";

	private static final int KEY_LENGTH = 32;

	private static final int NONCE_LENGTH = 12;

	private static final int TAG_LENGTH_BITS = 128;

	private final SecureRandom secureRandom = new SecureRandom();

	private final String currentKeyId;

	private final Map<String, SecretKey> keys = new LinkedHashMap<>();

	/**
	 * Create a new instance.
	 * @param currentKey the 256-bit key used to encrypt new values
	 * @param previousKeys 256-bit keys that are only used to decrypt existing values
	 */
	public SecretEncryptor(byte[] currentKey, List<byte[]> previousKeys) {
		Assert.notNull(currentKey, "currentKey cannot be null");
		Assert.notNull(previousKeys, "previousKeys cannot be null");
		Assert.noNullElements(previousKeys, "previousKeys cannot contain null elements");
		this.currentKeyId = addKey(currentKey);
		previousKeys.forEach(this::addKey);
	}

	private String addKey(byte[] key) {
		checkKeyLength(key);
		String id = keyId(key);
		this.keys.putIfAbsent(id, new SecretKeySpec(key, "AES"));
		return id;
	}

	private static void checkKeyLength(byte[] key) {
		if (key.length != KEY_LENGTH) {
			throw new IllegalArgumentException(
					"encryption key must be 256 bits (32 bytes), got " + key.length + " bytes");
		}
	}

	/**
	 * Return the id of a key: the lowercase hex encoding of the first 8 bytes of its
	 * SHA-256 digest. The id identifies the key without revealing it.
	 * @param key the key
	 * @return the 16 character key id
	 */
	public static String keyId(byte[] key) {
		Assert.notNull(key, "key cannot be null");
		try {
			byte[] digest = MessageDigest.getInstance("SHA-256").digest(key);
			return HexFormat.of().formatHex(digest, 0, 8);
		}
		catch (NoSuchAlgorithmException ex) {
			throw new IllegalStateException("SHA-256 is not available", ex);
		}
	}

	/**
	 * Decode a base64 encoded key from a configuration property.
	 * @param base64 the key, in the standard or URL-safe base64 alphabet
	 * @param propertyName the name of the property the key came from, used in error
	 * messages
	 * @return the decoded key bytes
	 * @throws IllegalArgumentException if the value is not valid base64
	 */
	public static byte[] decodeKey(String base64, String propertyName) {
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

	/**
	 * Encrypt a value with the current key.
	 * @param plaintext the value to encrypt
	 * @param context where the value is used (for example {@code totp-secret:alice}),
	 * bound to the ciphertext as associated data so that it cannot be moved to another
	 * row or purpose
	 * @return the encrypted value
	 */
	public EncryptedValue encrypt(byte[] plaintext, String context) {
		Assert.notNull(plaintext, "plaintext cannot be null");
		Assert.notNull(context, "context cannot be null");
		byte[] nonce = new byte[NONCE_LENGTH];
		this.secureRandom.nextBytes(nonce);
		try {
			Cipher cipher = Cipher.getInstance(TRANSFORMATION);
			cipher.init(Cipher.ENCRYPT_MODE, this.keys.get(this.currentKeyId),
					new GCMParameterSpec(TAG_LENGTH_BITS, nonce));
			cipher.updateAAD(context.getBytes(StandardCharsets.UTF_8));
			byte[] sealed = cipher.doFinal(plaintext);
			byte[] ciphertext = ByteBuffer.allocate(NONCE_LENGTH + sealed.length).put(nonce).put(sealed).array();
			return new EncryptedValue(this.currentKeyId, ciphertext);
		}
		catch (GeneralSecurityException ex) {
			throw new IllegalStateException("Could not encrypt value", ex);
		}
	}

	/**
	 * Decrypt a value with the key that encrypted it.
	 * @param value the encrypted value
	 * @param context the context the value was encrypted with
	 * @return the plaintext
	 * @throws IllegalStateException if the key is unknown, or the value was tampered with
	 * or encrypted for another context
	 */
	public byte[] decrypt(EncryptedValue value, String context) {
		Assert.notNull(value, "value cannot be null");
		Assert.notNull(context, "context cannot be null");
		SecretKey key = this.keys.get(value.keyId());
		if (key == null) {
			throw new IllegalStateException("No encryption key with id " + value.keyId()
					+ "; add the key that encrypted this value to mfa.encryption.previous-keys");
		}
		byte[] ciphertext = value.ciphertext();
		if (ciphertext.length < NONCE_LENGTH + TAG_LENGTH_BITS / 8) {
			throw new IllegalStateException("Could not decrypt value (wrong key or tampered data)");
		}
		try {
			Cipher cipher = Cipher.getInstance(TRANSFORMATION);
			cipher.init(Cipher.DECRYPT_MODE, key,
					new GCMParameterSpec(TAG_LENGTH_BITS, Arrays.copyOfRange(ciphertext, 0, NONCE_LENGTH)));
			cipher.updateAAD(context.getBytes(StandardCharsets.UTF_8));
			return cipher.doFinal(ciphertext, NONCE_LENGTH, ciphertext.length - NONCE_LENGTH);
		}
		catch (AEADBadTagException ex) {
			throw new IllegalStateException("Could not decrypt value (wrong key or tampered data)", ex);
		}
		catch (GeneralSecurityException ex) {
			throw new IllegalStateException("Could not decrypt value", ex);
		}
	}

	/**
	 * Return the id of the key used to encrypt new values.
	 * @return the current key id
	 */
	public String currentKeyId() {
		return this.currentKeyId;
	}

	/**
	 * Return whether the given value was encrypted with the current key, so callers can
	 * re-encrypt values written with a previous key.
	 * @param value the encrypted value
	 * @return {@code true} if the value was encrypted with the current key
	 */
	public boolean isCurrent(EncryptedValue value) {
		Assert.notNull(value, "value cannot be null");
		return this.currentKeyId.equals(value.keyId());
	}

}
