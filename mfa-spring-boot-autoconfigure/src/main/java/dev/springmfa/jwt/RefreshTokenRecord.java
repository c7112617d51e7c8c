package dev.springmfa.jwt;

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
 * The server-side state of an issued refresh token: whether it is spent or revoked. The
 * token itself is never stored.
 */
@Entity(name = "MfaRefreshToken")
@Table(name = "mfa_refresh_token")
public class RefreshTokenRecord implements Persistable<String> {

	@Id
	@Column(name = "id", length = 64)
	private String id;

	@Column(name = "family_id", nullable = false, length = 64)
	private String familyId;

	@Column(name = "user_id", nullable = false, length = 255)
	private String userId;

	@Column(name = "issued_at", nullable = false)
	private Instant issuedAt;

	@Column(name = "expires_at", nullable = false)
	private Instant expiresAt;

	@Column(name = "spent_at")
	private @Nullable Instant spentAt;

	@Column(name = "revoked_at")
	private @Nullable Instant revokedAt;

	// The id is assigned, not generated: without this Spring Data would take a new record
	// for a stored one and merge it (a select, then the insert) instead of persisting it.
	@Transient
	private boolean stored;

	@SuppressWarnings("NullAway.Init")
	protected RefreshTokenRecord() {
	}

	RefreshTokenRecord(String id, String familyId, String userId, Instant issuedAt, Instant expiresAt) {
		this.id = id;
		this.familyId = familyId;
		this.userId = userId;
		this.issuedAt = issuedAt;
		this.expiresAt = expiresAt;
	}

	@Override
	public String getId() {
		return this.id;
	}

	public String getFamilyId() {
		return this.familyId;
	}

	public String getUserId() {
		return this.userId;
	}

	public Instant getIssuedAt() {
		return this.issuedAt;
	}

	public Instant getExpiresAt() {
		return this.expiresAt;
	}

	public @Nullable Instant getSpentAt() {
		return this.spentAt;
	}

	public @Nullable Instant getRevokedAt() {
		return this.revokedAt;
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
