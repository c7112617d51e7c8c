package dev.springmfa.authenticator;

import java.time.Instant;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Index;
import jakarta.persistence.Table;
import org.jspecify.annotations.Nullable;

import dev.springmfa.crypto.EncryptedValue;

/**
 * One recovery code of an authenticator, kept encrypted so that the unused codes can be
 * listed again without a database dump revealing them.
 */
@Entity(name = "MfaRecoveryCode")
@Table(name = "mfa_recovery_code",
		indexes = @Index(name = "ix_mfa_recovery_code_authenticator", columnList = "authenticator_id"))
public class RecoveryCode {

	@Id
	@GeneratedValue(strategy = GenerationType.IDENTITY)
	private @Nullable Long id;

	@Column(name = "authenticator_id", nullable = false)
	private Long authenticatorId;

	@Column(name = "key_id", nullable = false, length = 32)
	private String keyId;

	@Column(name = "code_ciphertext", nullable = false, length = 255)
	private String codeCiphertext;

	@Column(name = "created_at", nullable = false)
	private Instant createdAt;

	@Column(name = "used_at")
	private @Nullable Instant usedAt;

	@SuppressWarnings("NullAway.Init")
	protected RecoveryCode() {
	}

	RecoveryCode(Long authenticatorId, EncryptedValue code, Instant now) {
		this.authenticatorId = authenticatorId;
		this.keyId = code.keyId();
		this.codeCiphertext = code.ciphertextBase64();
		this.createdAt = now;
	}

	public @Nullable Long getId() {
		return this.id;
	}

	public Long getAuthenticatorId() {
		return this.authenticatorId;
	}

	/**
	 * Return the encrypted code.
	 * @return the code
	 */
	public EncryptedValue getCode() {
		return EncryptedValue.of(this.keyId, this.codeCiphertext);
	}

	public Instant getCreatedAt() {
		return this.createdAt;
	}

	public @Nullable Instant getUsedAt() {
		return this.usedAt;
	}

}
