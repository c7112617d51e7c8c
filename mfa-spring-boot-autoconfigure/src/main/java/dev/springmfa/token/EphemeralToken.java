package dev.springmfa.token;

import java.time.Instant;

import org.jspecify.annotations.Nullable;

/**
 * The claims of a verified ephemeral token: who passed the first factor, and when.
 *
 * @param id the unique token id, the key of its single-use record
 * @param username the name the user logged in with
 * @param userId the user id under which the authenticator is stored
 * @param passwordFingerprint a keyed hash of the password hash at login, to refuse the
 * second step after a password change; {@code null} if unknown
 * @param passwordAuthenticatedAt when the password was checked
 * @param expiresAt when the token expires
 */
public record EphemeralToken(String id, String username, String userId, @Nullable String passwordFingerprint,
		Instant passwordAuthenticatedAt, Instant expiresAt) {

}
