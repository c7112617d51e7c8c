package dev.springmfa.authenticator;

import java.time.Instant;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Index;
import jakarta.persistence.Table;
import jakarta.persistence.UniqueConstraint;
import org.jspecify.annotations.Nullable;

import dev.springmfa.crypto.EncryptedValue;
import dev.springmfa.recovery.StoredRecoveryCode;
import org.springframework.util.Assert;

/**
 * One recovery code of an authenticator, kept encrypted so that the unused codes can be
 * listed again without a database dump revealing them, or, with
 * {@code mfa.recovery-codes.storage=hashed}, as a keyed hash under the id the code
 * carries in clear, so that it can only be checked.
 */
@Entity(name = "MfaRecoveryCode")
@Table(name = "mfa_recovery_code",
		indexes = @Index(name = "ix_mfa_recovery_code_authenticator", columnList = "authenticator_id"),
		uniqueConstraints = @UniqueConstraint(name = "uk_mfa_recovery_code_code_id",
				columnNames = { "authenticator_id", "code_id" }))
public class RecoveryCode {

	@Id
	@GeneratedValue(strategy = GenerationType.IDENTITY)
	private @Nullable Long id;

	@Column(name = "authenticator_id", nullable = false)
	private Long authenticatorId;

	@Column(name = "key_id", nullable = false, length = 32)
	private String keyId;

	@Column(name = "code_ciphertext", length = 255)
	private @Nullable String codeCiphertext;

	@Column(name = "code_id", length = 8)
	private @Nullable String codeId;

	@Column(name = "code_salt", length = 32)
	private @Nullable String codeSalt;

	@Column(name = "code_hash", length = 64)
	private @Nullable String codeHash;

	@Column(name = "created_at", nullable = false)
	private Instant createdAt;

	@Column(name = "used_at")
	private @Nullable Instant usedAt;

	@SuppressWarnings("NullAway.Init")
	protected RecoveryCode() {
	}

	RecoveryCode(Long authenticatorId, StoredRecoveryCode code, Instant now) {
		this.authenticatorId = authenticatorId;
		this.keyId = code.keyId();
		if (code instanceof StoredRecoveryCode.Hashed hashed) {
			this.codeId = hashed.codeId();
			this.codeSalt = hashed.salt();
			this.codeHash = hashed.hash();
		}
		else {
			this.codeCiphertext = ((StoredRecoveryCode.Encrypted) code).value().ciphertextBase64();
		}
		this.createdAt = now;
	}

	public @Nullable Long getId() {
		return this.id;
	}

	public Long getAuthenticatorId() {
		return this.authenticatorId;
	}

	/**
	 * Return the code as stored: encrypted, or hashed.
	 * @return the code
	 */
	public StoredRecoveryCode getCode() {
		String ciphertext = this.codeCiphertext;
		if (ciphertext != null) {
			return new StoredRecoveryCode.Encrypted(EncryptedValue.of(this.keyId, ciphertext));
		}
		String id = this.codeId;
		String salt = this.codeSalt;
		String hash = this.codeHash;
		Assert.state(id != null && salt != null && hash != null, "recovery code has neither ciphertext nor hash");
		return new StoredRecoveryCode.Hashed(id, this.keyId, salt, hash);
	}

	public Instant getCreatedAt() {
		return this.createdAt;
	}

	public @Nullable Instant getUsedAt() {
		return this.usedAt;
	}

}
