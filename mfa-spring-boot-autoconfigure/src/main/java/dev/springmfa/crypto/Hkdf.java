package dev.springmfa.crypto;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;

import javax.crypto.Mac;
import javax.crypto.SecretKey;
import javax.crypto.spec.SecretKeySpec;

import org.springframework.util.Assert;

/**
 * HMAC-based key derivation function (HKDF) with SHA-256 as described in
 * <a href="https://www.rfc-editor.org/rfc/rfc5869">RFC 5869</a>.
 *
 * @author springmfa
 */
public final class Hkdf {

	private static final String HMAC_SHA256 = "HmacSHA256";

	private static final int HASH_LENGTH = 32;

	private static final int MAX_LENGTH = 255 * HASH_LENGTH;

	private Hkdf() {
	}

	/**
	 * Derive the HMAC-SHA256 key of one purpose from key material, so that the configured
	 * key itself never signs anything and each purpose has a key of its own.
	 * @param keyMaterial at least 256 bits
	 * @param purpose what the key is for, the {@code info} of the derivation
	 * @return a 256-bit key for {@code HmacSHA256}
	 */
	public static SecretKey hmacSha256Key(byte[] keyMaterial, String purpose) {
		Assert.notNull(keyMaterial, "keyMaterial cannot be null");
		Assert.isTrue(keyMaterial.length >= HASH_LENGTH, "keyMaterial must have at least 256 bits");
		Assert.hasText(purpose, "purpose cannot be empty");
		return new SecretKeySpec(deriveKey(keyMaterial, purpose, HASH_LENGTH), HMAC_SHA256);
	}

	/**
	 * Derive a key from the given input key material using an all-zero salt.
	 * @param inputKeyMaterial the input key material
	 * @param info the context and application specific information, encoded as UTF-8
	 * @param length the length of the derived key in bytes (at most 8160)
	 * @return the derived key
	 */
	public static byte[] deriveKey(byte[] inputKeyMaterial, String info, int length) {
		Assert.notNull(inputKeyMaterial, "inputKeyMaterial cannot be null");
		Assert.notNull(info, "info cannot be null");
		return derive(new byte[0], inputKeyMaterial, info.getBytes(StandardCharsets.UTF_8), length);
	}

	/**
	 * Run the extract and expand steps of HKDF-SHA256.
	 * @param salt the salt, an empty array meaning {@code HashLen} zero bytes
	 * @param inputKeyMaterial the input key material
	 * @param info the context and application specific information
	 * @param length the length of the derived key in bytes (at most 8160)
	 * @return the derived key
	 */
	public static byte[] derive(byte[] salt, byte[] inputKeyMaterial, byte[] info, int length) {
		Assert.notNull(salt, "salt cannot be null");
		Assert.notNull(inputKeyMaterial, "inputKeyMaterial cannot be null");
		Assert.notNull(info, "info cannot be null");
		Assert.isTrue(length > 0 && length <= MAX_LENGTH, "length must be between 1 and " + MAX_LENGTH);
		// RFC 5869 section 2.2: a missing salt is HashLen zero bytes (SecretKeySpec
		// rejects empty keys)
		byte[] effectiveSalt = (salt.length != 0) ? salt : new byte[HASH_LENGTH];
		byte[] pseudoRandomKey = hmac(effectiveSalt, inputKeyMaterial);
		return expand(pseudoRandomKey, info, length);
	}

	private static byte[] expand(byte[] pseudoRandomKey, byte[] info, int length) {
		try {
			Mac mac = Mac.getInstance(HMAC_SHA256);
			mac.init(new SecretKeySpec(pseudoRandomKey, HMAC_SHA256));
			ByteArrayOutputStream output = new ByteArrayOutputStream(length);
			byte[] block = new byte[0];
			for (int counter = 1; output.size() < length; counter++) {
				mac.update(block);
				mac.update(info);
				mac.update((byte) counter);
				block = mac.doFinal();
				output.write(block, 0, Math.min(block.length, length - output.size()));
			}
			return output.toByteArray();
		}
		catch (GeneralSecurityException ex) {
			throw new IllegalStateException("HmacSHA256 is not available", ex);
		}
	}

	private static byte[] hmac(byte[] key, byte[] data) {
		try {
			Mac mac = Mac.getInstance(HMAC_SHA256);
			mac.init(new SecretKeySpec(key, HMAC_SHA256));
			return mac.doFinal(data);
		}
		catch (GeneralSecurityException ex) {
			throw new IllegalStateException("HmacSHA256 is not available", ex);
		}
	}

}
