package dev.springmfa.crypto;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.Arrays;
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
 * The default {@link SecretEncryptor}: AES-256-GCM with a random 96-bit nonce per value
 * and the context as associated data. Values are always encrypted with the current key,
 * previous keys are only used to decrypt values written before a key rotation.
 *
 * @author springmfa
 * @see SecretEncryptor#aesGcm(byte[], List)
 */
final class AesGcmSecretEncryptor implements SecretEncryptor {

	private static final String TRANSFORMATION = "AES/GCM/NoPadding";

	private static final int KEY_LENGTH = 32;

	private static final int NONCE_LENGTH = 12;

	private static final int TAG_LENGTH_BITS = 128;

	private final SecureRandom secureRandom = new SecureRandom();

	private final String currentKeyId;

	private final Map<String, SecretKey> keys = new LinkedHashMap<>();

	AesGcmSecretEncryptor(byte[] currentKey, List<byte[]> previousKeys) {
		Assert.notNull(currentKey, "currentKey cannot be null");
		Assert.notNull(previousKeys, "previousKeys cannot be null");
		Assert.noNullElements(previousKeys, "previousKeys cannot contain null elements");
		this.currentKeyId = addKey(currentKey);
		previousKeys.forEach(this::addKey);
	}

	private String addKey(byte[] key) {
		checkKeyLength(key);
		String id = KeyIds.of(key);
		this.keys.putIfAbsent(id, new SecretKeySpec(key, "AES"));
		return id;
	}

	private static void checkKeyLength(byte[] key) {
		if (key.length != KEY_LENGTH) {
			throw new IllegalArgumentException(
					"encryption key must be 256 bits (32 bytes), got " + key.length + " bytes");
		}
	}

	@Override
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

	@Override
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

	@Override
	public boolean isCurrent(EncryptedValue value) {
		Assert.notNull(value, "value cannot be null");
		return this.currentKeyId.equals(value.keyId());
	}

}
