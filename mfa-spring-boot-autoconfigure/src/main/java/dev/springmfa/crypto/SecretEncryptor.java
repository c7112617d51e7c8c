package dev.springmfa.crypto;

import java.util.List;

/**
 * Protects the secrets that the starter keeps at rest: each user's TOTP secret, recovery
 * codes, and the secret inside an activation token. The starter encrypts through this
 * interface alone and stores only what it returns.
 * <p>
 * An implementation must guarantee:
 * <ul>
 * <li>confidentiality and integrity: what {@link #encrypt} returns reveals nothing of the
 * plaintext, and {@link #decrypt} throws rather than return anything but the plaintext
 * for a value that was altered;</li>
 * <li>binding to the context: a value decrypts only with the context it was encrypted
 * with, so that a value copied to another user's row or to another purpose is
 * refused;</li>
 * <li>that every value it ever returned, under any key it still holds, stays decryptable:
 * an authenticator whose secret cannot be decrypted is lost to its user.</li>
 * </ul>
 * The default, {@link #aesGcm(byte[], List)}, is AES-256-GCM with the context as
 * associated data. Define a bean of this type to keep the keys elsewhere, in a KMS or an
 * HSM for example; the starter's encryptor then backs off and needs no
 * {@code mfa.encryption.key}, as long as {@code mfa.signing.key} is set.
 *
 * @author springmfa
 */
public interface SecretEncryptor {

	/**
	 * Encrypt a value with the current key.
	 * @param plaintext the value to encrypt
	 * @param context where the value is used (for example {@code totp-secret:alice}),
	 * bound to the result so that it cannot be moved to another row or purpose
	 * @return the encrypted value, with the id of the key that encrypted it
	 */
	EncryptedValue encrypt(byte[] plaintext, String context);

	/**
	 * Decrypt a value with the key that encrypted it.
	 * @param value the encrypted value
	 * @param context the context the value was encrypted with
	 * @return the plaintext
	 * @throws IllegalStateException if the key is unknown, or the value was tampered with
	 * or encrypted for another context
	 */
	byte[] decrypt(EncryptedValue value, String context);

	/**
	 * Return whether a value was encrypted with the current key, so that a caller can
	 * re-encrypt values written under a previous key before that key is retired.
	 * @param value the encrypted value
	 * @return {@code true} if the value was encrypted with the current key
	 */
	boolean isCurrent(EncryptedValue value);

	/**
	 * Return an encryptor that encrypts with AES-256-GCM under {@code currentKey} and
	 * decrypts values written under {@code currentKey} or any of {@code previousKeys}, so
	 * that keys can be rotated. Each value records the {@link KeyIds#of(byte[]) id} of
	 * its key.
	 * @param currentKey the 256-bit key used to encrypt new values
	 * @param previousKeys 256-bit keys that are only used to decrypt existing values
	 * @return the encryptor
	 * @throws IllegalArgumentException if a key is not 256 bits long
	 */
	static SecretEncryptor aesGcm(byte[] currentKey, List<byte[]> previousKeys) {
		return new AesGcmSecretEncryptor(currentKey, previousKeys);
	}

}
