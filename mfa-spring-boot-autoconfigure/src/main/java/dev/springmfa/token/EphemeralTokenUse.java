package dev.springmfa.token;

import java.time.Instant;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.PostLoad;
import jakarta.persistence.PostPersist;
import jakarta.persistence.Table;
import jakarta.persistence.Transient;
import org.jspecify.annotations.Nullable;

import org.springframework.data.domain.Persistable;

/**
 * The server-side record of an ephemeral token: its failed attempts and whether it is
 * spent. Shared by every application instance on the database.
 */
@Entity(name = "MfaEphemeralTokenUse")
@Table(name = "mfa_ephemeral_token")
public class EphemeralTokenUse implements Persistable<String> {

	@Id
	@Column(name = "id", length = 64)
	private String id;

	@Column(name = "user_id", nullable = false, length = 255)
	private String userId;

	@Column(name = "expires_at", nullable = false)
	private Instant expiresAt;

	@Column(name = "failed_attempts", nullable = false)
	private int failedAttempts;

	@Column(name = "spent_at")
	private @Nullable Instant spentAt;

	// The id is assigned, not generated: without this Spring Data would take a new record
	// for a stored one and merge it (a select, then the insert) instead of persisting it.
	@Transient
	private boolean stored;

	@SuppressWarnings("NullAway.Init")
	protected EphemeralTokenUse() {
	}

	EphemeralTokenUse(String id, String userId, Instant expiresAt) {
		this.id = id;
		this.userId = userId;
		this.expiresAt = expiresAt;
	}

	@Override
	public String getId() {
		return this.id;
	}

	public String getUserId() {
		return this.userId;
	}

	public Instant getExpiresAt() {
		return this.expiresAt;
	}

	public int getFailedAttempts() {
		return this.failedAttempts;
	}

	public @Nullable Instant getSpentAt() {
		return this.spentAt;
	}

	@Override
	public boolean isNew() {
		return !this.stored;
	}

	@PostPersist
	@PostLoad
	void markStored() {
		this.stored = true;
	}

}
