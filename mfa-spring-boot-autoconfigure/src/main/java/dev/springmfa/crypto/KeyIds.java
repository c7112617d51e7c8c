package dev.springmfa.crypto;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

import org.springframework.util.Assert;

/**
 * Names keys without revealing them, so that every key the starter uses (the encryption
 * keys that {@link EncryptedValue} records, the public key of a jwt) is named alike.
 *
 * @author springmfa
 */
public final class KeyIds {

	private KeyIds() {
	}

	/**
	 * Return the id of a key: the lowercase hex encoding of the first 8 bytes of its
	 * SHA-256 digest.
	 * @param key the key
	 * @return the 16 character key id
	 */
	public static String of(byte[] key) {
		Assert.notNull(key, "key cannot be null");
		try {
			byte[] digest = MessageDigest.getInstance("SHA-256").digest(key);
			return HexFormat.of().formatHex(digest, 0, 8);
		}
		catch (NoSuchAlgorithmException ex) {
			throw new IllegalStateException("SHA-256 is not available", ex);
		}
	}

}
