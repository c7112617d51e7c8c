package dev.springmfa.recovery;

import dev.springmfa.crypto.EncryptedValue;
import org.springframework.util.Assert;

/**
 * A recovery code as it is kept at rest: {@link Encrypted encrypted}, so that it can be
 * shown again, or {@link Hashed hashed}, so that it can only be checked.
 * {@link RecoveryCodeStorage} makes and checks both; a repository stores them as they
 * are.
 *
 * @author springmfa
 */
public sealed interface StoredRecoveryCode permits StoredRecoveryCode.Encrypted, StoredRecoveryCode.Hashed {

	/**
	 * Return the id of the key that protects the code, see
	 * {@link dev.springmfa.crypto.KeyIds#of(byte[])}.
	 * @return the key id
	 */
	String keyId();

	/**
	 * A code encrypted by the {@link dev.springmfa.crypto.SecretEncryptor}.
	 *
	 * @param value the normalized code, encrypted for its user
	 */
	record Encrypted(EncryptedValue value) implements StoredRecoveryCode {

		/**
		 * Create a new instance.
		 * @param value the normalized code, encrypted for its user
		 */
		public Encrypted {
			Assert.notNull(value, "value cannot be null");
		}

		@Override
		public String keyId() {
			return this.value.keyId();
		}

	}

	/**
	 * A code kept as a keyed hash (HMAC-SHA256) of its user, a salt of its own and the
	 * code, under the id that the code carries in clear.
	 *
	 * @param codeId the id at the start of the code, unique among the codes of its
	 * authenticator
	 * @param keyId the id of the key material that the hash key is derived from
	 * @param salt the random salt, in base64
	 * @param hash the HMAC, in base64
	 */
	record Hashed(String codeId, String keyId, String salt, String hash) implements StoredRecoveryCode {

		/**
		 * Create a new instance.
		 * @param codeId the id at the start of the code
		 * @param keyId the id of the key material of the hash key
		 * @param salt the random salt, in base64
		 * @param hash the HMAC, in base64
		 */
		public Hashed {
			Assert.hasText(codeId, "codeId cannot be empty");
			Assert.hasText(keyId, "keyId cannot be empty");
			Assert.hasText(salt, "salt cannot be empty");
			Assert.hasText(hash, "hash cannot be empty");
		}

		@Override
		public String toString() {
			// The hash stays out of logs: with the key it is a test of guesses
			return "Hashed[codeId=" + this.codeId + ", keyId=" + this.keyId + "]";
		}

	}

}
