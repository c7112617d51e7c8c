package dev.springmfa.throttle;

import java.time.Instant;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

/**
 * The failed passwords of one key of the {@link LoginThrottle}, an account or a client
 * address, counted until the end of their window. The key is a keyed hash: the table
 * holds no username and no address.
 */
@Entity(name = "MfaLoginThrottle")
@Table(name = "mfa_login_throttle")
public class LoginThrottleRecord {

	@Id
	@Column(name = "throttle_key", length = 80)
	private String id;

	@Column(name = "failures", nullable = false)
	private int failures;

	@Column(name = "expires_at", nullable = false)
	private Instant expiresAt;

	@SuppressWarnings("NullAway.Init")
	protected LoginThrottleRecord() {
	}

	public String getId() {
		return this.id;
	}

	public int getFailures() {
		return this.failures;
	}

	public Instant getExpiresAt() {
		return this.expiresAt;
	}

}
