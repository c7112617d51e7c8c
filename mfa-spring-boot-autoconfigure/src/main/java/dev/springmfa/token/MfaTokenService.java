package dev.springmfa.token;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.UUID;

import javax.crypto.SecretKey;

import io.jsonwebtoken.Claims;
import io.jsonwebtoken.JwtParser;
import io.jsonwebtoken.Jwts;
import org.jspecify.annotations.Nullable;

import dev.springmfa.InvalidMfaTokenException;
import dev.springmfa.crypto.Hkdf;
import org.springframework.util.Assert;

/**
 * Issues and checks the ephemeral tokens of the two-step login: HMAC-signed JWTs that say
 * who passed the password step, and when, and bind the token to the state of the user's
 * authenticator (see {@link EphemeralToken.Binding}). Each carries a purpose claim, so
 * that a token of another kind signed with the same key is refused. Whether a token is
 * spent is decided against the authenticator, at the second step.
 */
public final class MfaTokenService {

	static final String PURPOSE = "pur";

	// Activation tokens are signed with the same key: the purpose claim tells them apart.
	static final String SIGNING_KEY_PURPOSE = "mfa-token-signing";

	static final String EPHEMERAL = "mfa_ephemeral";

	private static final String USER_ID = "uid";

	private static final String PASSWORD_FINGERPRINT = "pwf";

	private static final String AUTH_TIME = "auth_time";

	private static final String AUTHENTICATOR_ID = "aid";

	private static final String ACCEPTED_CODES = "acc";

	private static final String FAILED_ATTEMPTS = "fai";

	private final SecretKey signingKey;

	private final Duration ephemeralTokenTtl;

	private final Clock clock;

	// Built once: a parser is immutable and thread-safe, and building one per token cost
	// more than checking the token.
	private final JwtParser parser;

	/**
	 * Create a new instance.
	 * @param keyMaterial at least 256 bits from which the signing key is derived (HKDF),
	 * so that the configured key itself never signs anything
	 * @param ephemeralTokenTtl lifetime of an ephemeral token
	 * @param clock the clock
	 */
	public MfaTokenService(byte[] keyMaterial, Duration ephemeralTokenTtl, Clock clock) {
		Assert.notNull(ephemeralTokenTtl, "ephemeralTokenTtl cannot be null");
		Assert.notNull(clock, "clock cannot be null");
		this.signingKey = Hkdf.hmacSha256Key(keyMaterial, SIGNING_KEY_PURPOSE);
		this.ephemeralTokenTtl = ephemeralTokenTtl;
		this.clock = clock;
		this.parser = Jwts.parser()
			.json(new JacksonJwtDeserializer())
			.verifyWith(this.signingKey)
			.sig()
			.clear()
			.add(Jwts.SIG.HS256)
			.and()
			.clock(() -> Date.from(this.clock.instant()))
			.require(PURPOSE, EPHEMERAL)
			.build();
	}

	/**
	 * Issue an ephemeral token for a user who passed the first factor.
	 * @param username the login name
	 * @param userId the user id
	 * @param passwordFingerprint see {@link PasswordFingerprints}, or {@code null}
	 * @param authenticator the user's authenticator as it stands now
	 * @return the token's claims and its compact form
	 */
	public IssuedToken<EphemeralToken> issueEphemeralToken(String username, String userId,
			@Nullable String passwordFingerprint, EphemeralToken.Binding authenticator) {
		Assert.notNull(authenticator, "authenticator cannot be null");
		Instant now = this.clock.instant();
		EphemeralToken token = new EphemeralToken(UUID.randomUUID().toString(), username, userId, passwordFingerprint,
				authenticator, now, now.plus(this.ephemeralTokenTtl));
		String compact = Jwts.builder()
			.json(new JacksonJwtSerializer())
			.id(token.id())
			.subject(username)
			.claim(PURPOSE, EPHEMERAL)
			.claim(USER_ID, userId)
			.claim(PASSWORD_FINGERPRINT, passwordFingerprint)
			.claim(AUTH_TIME, now.getEpochSecond())
			.claim(AUTHENTICATOR_ID, authenticator.id())
			.claim(ACCEPTED_CODES, authenticator.acceptedCodes())
			.claim(FAILED_ATTEMPTS, authenticator.failedAttempts())
			.issuedAt(Date.from(now))
			.expiration(Date.from(token.expiresAt()))
			.signWith(this.signingKey, Jwts.SIG.HS256)
			.compact();
		return new IssuedToken<>(token, compact, this.ephemeralTokenTtl);
	}

	/**
	 * Check an ephemeral token's signature, kind and expiry. Whether it is spent is
	 * decided against the authenticator it is bound to.
	 * @param token the compact token
	 * @return its claims
	 * @throws InvalidMfaTokenException if it is not a valid ephemeral token
	 */
	public EphemeralToken parseEphemeralToken(String token) {
		Claims claims = parse(token);
		Number authTime = claims.get(AUTH_TIME, Number.class);
		String userId = claims.get(USER_ID, String.class);
		Number authenticatorId = claims.get(AUTHENTICATOR_ID, Number.class);
		Number acceptedCodes = claims.get(ACCEPTED_CODES, Number.class);
		Number failedAttempts = claims.get(FAILED_ATTEMPTS, Number.class);
		if (claims.getId() == null || claims.getSubject() == null || userId == null || authTime == null
				|| authenticatorId == null || acceptedCodes == null || failedAttempts == null) {
			throw new InvalidMfaTokenException();
		}
		EphemeralToken.Binding authenticator = new EphemeralToken.Binding(authenticatorId.longValue(),
				acceptedCodes.longValue(), failedAttempts.intValue());
		return new EphemeralToken(claims.getId(), claims.getSubject(), userId,
				claims.get(PASSWORD_FINGERPRINT, String.class), authenticator,
				Instant.ofEpochSecond(authTime.longValue()), claims.getExpiration().toInstant());
	}

	private Claims parse(String token) {
		return CompactTokens.parse(this.parser, token).getPayload();
	}

}
