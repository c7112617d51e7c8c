package dev.springmfa.recovery;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.List;

import org.jspecify.annotations.Nullable;

import dev.springmfa.crypto.SecretEncryptor;
import org.springframework.util.Assert;

/**
 * Issues recovery codes and keeps them at rest as {@code mfa.recovery-codes.storage}
 * says: {@link Mode#ENCRYPTED encrypted}, so that the unused codes can be listed again,
 * or {@link Mode#HASHED hashed}, so that they are shown once only and a database dump
 * holds them in no form that can be read back (OWASP ASVS 5.0 §6.5.2). A hashed code
 * starts with an id, kept in clear beside its hash, that finds its row: an attempt costs
 * one row and one hash, not one per stored code.
 * <p>
 * The mode decides how new codes are made and stored, and whether they can be listed.
 * Codes stored before a change of mode are still checked the way they were stored, so
 * that changing it locks no one out.
 *
 * @author springmfa
 */
public final class RecoveryCodeStorage {

	private final Mode mode;

	private final RecoveryCodeGenerator generator;

	private final SecretEncryptor encryptor;

	private final RecoveryCodeHasher hasher;

	/**
	 * Create a new instance.
	 * @param mode how new codes are stored
	 * @param generator generates the codes
	 * @param encryptor encrypts and decrypts codes stored encrypted
	 * @param hashKeyMaterial at least 256 bits from which the key of new hashes is
	 * derived (HKDF)
	 * @param previousHashKeyMaterial earlier key material, whose keys only check codes
	 * hashed under them
	 */
	public RecoveryCodeStorage(Mode mode, RecoveryCodeGenerator generator, SecretEncryptor encryptor,
			byte[] hashKeyMaterial, List<byte[]> previousHashKeyMaterial) {
		Assert.notNull(mode, "mode cannot be null");
		Assert.notNull(generator, "generator cannot be null");
		Assert.notNull(encryptor, "encryptor cannot be null");
		this.mode = mode;
		this.generator = generator;
		this.encryptor = encryptor;
		this.hasher = new RecoveryCodeHasher(hashKeyMaterial, previousHashKeyMaterial);
	}

	/**
	 * Return how new codes are stored.
	 * @return the mode
	 */
	public Mode mode() {
		return this.mode;
	}

	/**
	 * Generate new codes in the shape this storage needs: {@code xxxx-xxxx} to be
	 * encrypted, {@code xxxxx-xxxxx} (with an id) to be hashed.
	 * @param count the number of codes, between 1 and 100
	 * @return the codes, formatted for the user
	 */
	public List<String> generate(int count) {
		return (this.mode == Mode.HASHED) ? this.generator.generateWithIds(count) : this.generator.generate(count);
	}

	/**
	 * Return a code of {@link #generate} as it is to be stored.
	 * @param code the code, formatted or normalized
	 * @param context the user the code belongs to ({@code recovery-code:<user id>}),
	 * bound to what is stored so that it cannot be moved to another user's row
	 * @return the code encrypted, or hashed
	 */
	public StoredRecoveryCode store(String code, String context) {
		Assert.notNull(code, "code cannot be null");
		Assert.notNull(context, "context cannot be null");
		String normalized = RecoveryCodeGenerator.normalize(code);
		if (this.mode == Mode.HASHED) {
			return this.hasher.hash(normalized, context);
		}
		return new StoredRecoveryCode.Encrypted(
				this.encryptor.encrypt(normalized.getBytes(StandardCharsets.US_ASCII), context));
	}

	/**
	 * Return the code that a stored value holds, for listing it again.
	 * @param stored the stored code
	 * @param context the context the code was stored with
	 * @return the code, formatted, or {@code null} if it was hashed
	 */
	public @Nullable String reveal(StoredRecoveryCode stored, String context) {
		Assert.notNull(stored, "stored cannot be null");
		if (stored instanceof StoredRecoveryCode.Encrypted encrypted) {
			return RecoveryCodeGenerator
				.format(new String(this.encryptor.decrypt(encrypted.value(), context), StandardCharsets.US_ASCII));
		}
		return null;
	}

	/**
	 * Return whether a code is the stored one, compared in constant time: decrypted, or
	 * hashed once with the salt and key of the stored hash.
	 * @param stored the stored code
	 * @param normalized the code as typed, {@link RecoveryCodeGenerator#normalize
	 * normalized}
	 * @param context the user of the attempt
	 * @return whether they match
	 * @throws IllegalStateException if the key that protects the stored code is not held
	 */
	public boolean matches(StoredRecoveryCode stored, String normalized, String context) {
		Assert.notNull(stored, "stored cannot be null");
		Assert.notNull(normalized, "normalized cannot be null");
		if (stored instanceof StoredRecoveryCode.Hashed hashed) {
			return hashed.codeId().equals(RecoveryCodeGenerator.idOf(normalized))
					&& this.hasher.matches(hashed, normalized, context);
		}
		byte[] code = this.encryptor.decrypt(((StoredRecoveryCode.Encrypted) stored).value(), context);
		return MessageDigest.isEqual(code, normalized.getBytes(StandardCharsets.US_ASCII));
	}

	/**
	 * How recovery codes are kept at rest.
	 */
	public enum Mode {

		/**
		 * Encrypted with the {@link SecretEncryptor}: the unused codes can be listed
		 * again.
		 */
		ENCRYPTED,

		/**
		 * As keyed hashes: the codes are shown once, when they are issued, and only
		 * checked after.
		 */
		HASHED

	}

}
