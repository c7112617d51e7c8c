package dev.springmfa.token;

import java.time.Instant;

import org.jspecify.annotations.Nullable;

/**
 * The claims of a verified ephemeral token: who passed the first factor, and when, and
 * the state of the user's authenticator at that moment, which makes the token single-use
 * without a row of its own.
 *
 * @param id the unique token id
 * @param username the name the user logged in with
 * @param userId the user id under which the authenticator is stored
 * @param passwordFingerprint a keyed hash of the password hash at login, to refuse the
 * second step after a password change; {@code null} if unknown
 * @param authenticator the authenticator the token was issued for
 * @param passwordAuthenticatedAt when the password was checked
 * @param expiresAt when the token expires
 */
public record EphemeralToken(String id, String username, String userId, @Nullable String passwordFingerprint,
		Binding authenticator, Instant passwordAuthenticatedAt, Instant expiresAt) {

	/**
	 * The authenticator an ephemeral token was issued for, as it stood then. The token is
	 * spent once the authenticator has accepted another code, and used up once
	 * {@code failedAttempts} has grown by the per-token budget.
	 *
	 * @param id the authenticator's id: a token of a deactivated authenticator never
	 * completes a login with the next one
	 * @param acceptedCodes the count of codes it had accepted
	 * @param failedAttempts its consecutive failures
	 */
	public record Binding(long id, long acceptedCodes, int failedAttempts) {

	}

	@Override
	public String toString() {
		return "EphemeralToken[id=" + this.id + ", userId=" + this.userId + ", expiresAt=" + this.expiresAt + "]";
	}

}
