package dev.springmfa.recovery;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import javax.crypto.Mac;
import javax.crypto.SecretKey;

import dev.springmfa.crypto.Hkdf;
import dev.springmfa.crypto.KeyIds;
import org.springframework.util.Assert;

/**
 * Keeps recovery codes as keyed hashes: HMAC-SHA256, under a key derived with HKDF from
 * the starter's key material, over the code's context (its user), a random salt of its
 * own and the code. A code has 40 random bits: a plain hash, salted or not, would let
 * anyone holding a database dump try every code offline in minutes. The key is not in the
 * database, so a dump alone lets no one test a guess. A slow password hash would add
 * nothing against whoever also holds the key (the same key material decrypts the TOTP
 * secrets) and would hold the authenticator's row lock for its whole cost on every
 * attempt.
 * <p>
 * Each hash records the {@link KeyIds id} of the key material its key was derived from,
 * and is checked with that key, so that codes hashed before a key rotation stay checkable
 * while the old key material is kept among the previous ones.
 */
final class RecoveryCodeHasher {

	private static final String HMAC_SHA256 = "HmacSHA256";

	private static final String PURPOSE = "mfa-recovery-code-hash";

	private static final int SALT_LENGTH = 16;

	private final SecureRandom secureRandom = new SecureRandom();

	private final String currentKeyId;

	private final SecretKey currentKey;

	private final Map<String, SecretKey> keys = new LinkedHashMap<>();

	/**
	 * Create a new instance.
	 * @param currentKeyMaterial at least 256 bits, from which the key of new hashes is
	 * derived
	 * @param previousKeyMaterial earlier key material, whose keys only check hashes made
	 * under them
	 */
	RecoveryCodeHasher(byte[] currentKeyMaterial, List<byte[]> previousKeyMaterial) {
		Assert.notNull(currentKeyMaterial, "currentKeyMaterial cannot be null");
		Assert.notNull(previousKeyMaterial, "previousKeyMaterial cannot be null");
		Assert.noNullElements(previousKeyMaterial, "previousKeyMaterial cannot contain null elements");
		this.currentKeyId = KeyIds.of(currentKeyMaterial);
		this.currentKey = Hkdf.hmacSha256Key(currentKeyMaterial, PURPOSE);
		this.keys.put(this.currentKeyId, this.currentKey);
		for (byte[] keyMaterial : previousKeyMaterial) {
			this.keys.putIfAbsent(KeyIds.of(keyMaterial), Hkdf.hmacSha256Key(keyMaterial, PURPOSE));
		}
	}

	/**
	 * Hash a code with a new salt under the current key.
	 * @param normalized the code with its id, normalized
	 * @param context the user the code belongs to, so that a hash copied to another
	 * user's row does not match
	 * @return the hash, with the code's id
	 */
	StoredRecoveryCode.Hashed hash(String normalized, String context) {
		String codeId = RecoveryCodeGenerator.idOf(normalized);
		Assert.isTrue(codeId != null, "normalized must be a recovery code with an id");
		byte[] salt = new byte[SALT_LENGTH];
		this.secureRandom.nextBytes(salt);
		byte[] hash = hmac(this.currentKey, context, salt, normalized);
		Base64.Encoder base64 = Base64.getEncoder();
		return new StoredRecoveryCode.Hashed(codeId, this.currentKeyId, base64.encodeToString(salt),
				base64.encodeToString(hash));
	}

	/**
	 * Return whether a code is the one hashed: one HMAC, compared in constant time.
	 * @param stored the hash
	 * @param normalized the code as typed, normalized
	 * @param context the user of the attempt
	 * @return whether it matches
	 * @throws IllegalStateException if the hash was made under key material this hasher
	 * does not hold
	 */
	boolean matches(StoredRecoveryCode.Hashed stored, String normalized, String context) {
		SecretKey key = this.keys.get(stored.keyId());
		if (key == null) {
			throw new IllegalStateException("No key with id " + stored.keyId()
					+ " for a hashed recovery code; add the key it was hashed under to mfa.encryption.previous-keys"
					+ " (or, with an encryptor of the application's own, set mfa.signing.key back)");
		}
		Base64.Decoder base64 = Base64.getDecoder();
		byte[] expected = base64.decode(stored.hash());
		return MessageDigest.isEqual(expected, hmac(key, context, base64.decode(stored.salt()), normalized));
	}

	// The context goes first with its length, the salt has a fixed length: no two inputs
	// run together into the same bytes.
	private static byte[] hmac(SecretKey key, String context, byte[] salt, String normalized) {
		try {
			Mac mac = Mac.getInstance(HMAC_SHA256);
			mac.init(key);
			byte[] contextBytes = context.getBytes(StandardCharsets.UTF_8);
			mac.update(ByteBuffer.allocate(Integer.BYTES).putInt(contextBytes.length).array());
			mac.update(contextBytes);
			mac.update(salt);
			return mac.doFinal(normalized.getBytes(StandardCharsets.US_ASCII));
		}
		catch (GeneralSecurityException ex) {
			throw new IllegalStateException("HmacSHA256 is not available", ex);
		}
	}

}
