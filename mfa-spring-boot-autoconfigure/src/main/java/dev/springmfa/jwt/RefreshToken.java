package dev.springmfa.jwt;

import java.time.Instant;
import java.util.List;

import org.jspecify.annotations.Nullable;

import org.springframework.security.core.authority.FactorGrantedAuthority;

/**
 * The claims of a refresh token.
 *
 * @param id its id, which the {@link RefreshTokenRepository} spends
 * @param familyId the family of tokens rotated from one login
 * @param username the user
 * @param userId the user id
 * @param passwordFingerprint a fingerprint of the password hash at login, or {@code null}
 * @param factors the factors of the login, with their original times
 * @param issuedAt when the token was issued
 * @param expiresAt when it expires
 */
public record RefreshToken(String id, String familyId, String username, String userId,
		@Nullable String passwordFingerprint, List<FactorGrantedAuthority> factors, Instant issuedAt,
		Instant expiresAt) {

	@Override
	public String toString() {
		return "RefreshToken[id=" + this.id + ", familyId=" + this.familyId + ", userId=" + this.userId + "]";
	}

}
