package dev.springmfa.jwt;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import java.util.UUID;

import io.jsonwebtoken.Claims;
import io.jsonwebtoken.JwtBuilder;
import io.jsonwebtoken.JwtParser;
import io.jsonwebtoken.Jwts;
import org.jspecify.annotations.Nullable;

import dev.springmfa.InvalidMfaTokenException;
import dev.springmfa.token.CompactTokens;
import dev.springmfa.token.IssuedToken;
import org.springframework.security.core.authority.FactorGrantedAuthority;
import org.springframework.util.Assert;

/**
 * Issues and checks the refresh tokens of {@code mfa.login.mode=jwt}. A refresh token
 * carries the factors of the login and their times ({@code amr}, {@code amr_times}), its
 * family and a fingerprint of the password; its audience is the issuer itself, since no
 * other service reads it, and it has a key of its own, so that no other kind of token
 * verifies as one. Whether a refresh token is spent is the
 * {@link RefreshTokenRepository}'s business.
 */
public final class RefreshTokenService {

	private static final String REFRESH = "refresh";

	private static final String USER_ID = "uid";

	private static final String FAMILY = "fam";

	private static final String PASSWORD_FINGERPRINT = "pwf";

	private final JwtSigningKeys keys;

	private final String issuer;

	private final Duration refreshTokenTtl;

	private final Clock clock;

	private final JwtParser parser;

	/**
	 * Create a new instance.
	 * @param keys sign and verify refresh tokens
	 * @param issuer the {@code iss} and {@code aud} of every refresh token
	 * @param refreshTokenTtl lifetime of a refresh token
	 * @param clock the clock
	 */
	public RefreshTokenService(JwtSigningKeys keys, String issuer, Duration refreshTokenTtl, Clock clock) {
		Assert.notNull(keys, "keys cannot be null");
		Assert.hasText(issuer, "issuer cannot be empty");
		Assert.notNull(refreshTokenTtl, "refreshTokenTtl cannot be null");
		Assert.notNull(clock, "clock cannot be null");
		this.keys = keys;
		this.issuer = issuer;
		this.refreshTokenTtl = refreshTokenTtl;
		this.clock = clock;
		this.parser = JwtClaims.parser(keys, clock, issuer, issuer, REFRESH);
	}

	/**
	 * Issue a refresh token.
	 * @param familyId the family: a new one at login, the spent token's on rotation
	 * @param username the user
	 * @param userId the user id
	 * @param passwordFingerprint a fingerprint of the password hash, or {@code null}
	 * @param factors the factors of the login, with their original times
	 * @return the token's claims and its compact form
	 */
	public IssuedToken<RefreshToken> issueRefreshToken(String familyId, String username, String userId,
			@Nullable String passwordFingerprint, List<FactorGrantedAuthority> factors) {
		return sign(newRefreshToken(familyId, username, userId, passwordFingerprint, factors));
	}

	// The claims apart from their signing, so that a login records them in the
	// transaction that reads what they need and signs them after it, holding no
	// connection while an RSA or EC key signs.
	RefreshToken newRefreshToken(String familyId, String username, String userId, @Nullable String passwordFingerprint,
			List<FactorGrantedAuthority> factors) {
		Instant now = this.clock.instant();
		return new RefreshToken(UUID.randomUUID().toString(), familyId, username, userId, passwordFingerprint, factors,
				now, now.plus(this.refreshTokenTtl));
	}

	IssuedToken<RefreshToken> sign(RefreshToken token) {
		JwtBuilder builder = Jwts.builder()
			.id(token.id())
			.issuer(this.issuer)
			.audience()
			.add(this.issuer)
			.and()
			.subject(token.username())
			.claim(JwtClaims.PURPOSE, REFRESH)
			.claim(FAMILY, token.familyId())
			.claim(USER_ID, token.userId())
			.claim(PASSWORD_FINGERPRINT, token.passwordFingerprint())
			.claim(AuthenticationMethods.AMR, AuthenticationMethods.amr(token.factors()))
			.claim(AuthenticationMethods.AMR_TIMES, AuthenticationMethods.times(token.factors()))
			.issuedAt(Date.from(token.issuedAt()))
			.expiration(Date.from(token.expiresAt()));
		return new IssuedToken<>(token, this.keys.sign(builder).compact(), this.refreshTokenTtl);
	}

	/**
	 * Check a refresh token's signature, algorithm, kind, issuer and expiry.
	 * @param token the compact token
	 * @return its claims
	 * @throws InvalidMfaTokenException if it is not a valid refresh token
	 */
	public RefreshToken parseRefreshToken(String token) {
		Claims claims = CompactTokens.parse(this.parser, token).getPayload();
		String familyId = claims.get(FAMILY, String.class);
		String userId = claims.get(USER_ID, String.class);
		if (claims.getId() == null || claims.getSubject() == null || familyId == null || userId == null) {
			throw new InvalidMfaTokenException();
		}
		return new RefreshToken(claims.getId(), familyId, claims.getSubject(), userId,
				claims.get(PASSWORD_FINGERPRINT, String.class), JwtClaims.factors(claims),
				claims.getIssuedAt().toInstant(), claims.getExpiration().toInstant());
	}

}
