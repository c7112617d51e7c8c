package dev.springmfa.authenticator;

import java.time.Instant;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import jakarta.persistence.UniqueConstraint;
import org.jspecify.annotations.Nullable;

import dev.springmfa.crypto.EncryptedValue;

/**
 * A user's TOTP authenticator: the encrypted secret, the last accepted time step (for
 * replay protection), the count of accepted codes (which spends the ephemeral tokens
 * issued before) and the attempt budget of the second factor. One per user.
 */
@Entity(name = "MfaAuthenticator")
@Table(name = "mfa_authenticator", uniqueConstraints = @UniqueConstraint(name = "uk_mfa_authenticator_user_type",
		columnNames = { "user_id", "type" }))
public class Authenticator {

	/** The type of a TOTP authenticator. */
	public static final String TOTP = "totp";

	@Id
	@GeneratedValue(strategy = GenerationType.IDENTITY)
	private @Nullable Long id;

	@Column(name = "user_id", nullable = false, length = 255)
	private String userId;

	@Column(name = "type", nullable = false, length = 32)
	private String type = TOTP;

	@Column(name = "secret_key_id", nullable = false, length = 32)
	private String secretKeyId;

	@Column(name = "secret_ciphertext", nullable = false, length = 512)
	private String secretCiphertext;

	@Column(name = "last_used_step")
	private @Nullable Long lastUsedStep;

	@Column(name = "accepted_codes", nullable = false)
	private long acceptedCodes;

	@Column(name = "failed_attempts", nullable = false)
	private int failedAttempts;

	@Column(name = "locked_until")
	private @Nullable Instant lockedUntil;

	@Column(name = "created_at", nullable = false)
	private Instant createdAt;

	@Column(name = "enabled_at", nullable = false)
	private Instant enabledAt;

	@Column(name = "last_used_at")
	private @Nullable Instant lastUsedAt;

	@SuppressWarnings("NullAway.Init")
	protected Authenticator() {
	}

	/**
	 * Create an enabled TOTP authenticator.
	 * @param userId the user
	 * @param secret the encrypted TOTP secret
	 * @param acceptedStep the time step of the code that confirmed the activation, never
	 * accepted again
	 * @param now the activation time
	 */
	public Authenticator(String userId, EncryptedValue secret, long acceptedStep, Instant now) {
		this.userId = userId;
		this.secretKeyId = secret.keyId();
		this.secretCiphertext = secret.ciphertextBase64();
		this.lastUsedStep = acceptedStep;
		this.createdAt = now;
		this.enabledAt = now;
	}

	public @Nullable Long getId() {
		return this.id;
	}

	public String getUserId() {
		return this.userId;
	}

	public String getType() {
		return this.type;
	}

	/**
	 * Return the encrypted TOTP secret.
	 * @return the secret
	 */
	public EncryptedValue getSecret() {
		return EncryptedValue.of(this.secretKeyId, this.secretCiphertext);
	}

	public @Nullable Long getLastUsedStep() {
		return this.lastUsedStep;
	}

	/**
	 * Return how many codes this authenticator has accepted. An ephemeral token carries
	 * the count at its issue, and is spent once the count has moved on.
	 * @return the count of accepted codes
	 */
	public long getAcceptedCodes() {
		return this.acceptedCodes;
	}

	public int getFailedAttempts() {
		return this.failedAttempts;
	}

	public @Nullable Instant getLockedUntil() {
		return this.lockedUntil;
	}

	public Instant getCreatedAt() {
		return this.createdAt;
	}

	public Instant getEnabledAt() {
		return this.enabledAt;
	}

	public @Nullable Instant getLastUsedAt() {
		return this.lastUsedAt;
	}

}
