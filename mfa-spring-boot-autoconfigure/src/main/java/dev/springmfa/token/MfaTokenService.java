package dev.springmfa.token;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Date;
import java.util.UUID;

import javax.crypto.Mac;
import javax.crypto.SecretKey;
import javax.crypto.spec.SecretKeySpec;

import io.jsonwebtoken.Claims;
import io.jsonwebtoken.JwtException;
import io.jsonwebtoken.Jwts;
import org.jspecify.annotations.Nullable;

import dev.springmfa.MfaException;
import dev.springmfa.crypto.EncryptedValue;
import dev.springmfa.crypto.Hkdf;
import dev.springmfa.crypto.SecretEncryptor;
import org.springframework.util.Assert;

/**
 * Issues and checks the HMAC-signed JWTs of the MFA flow. Each carries a purpose claim,
 * so a token is accepted only where its kind belongs, and nothing secret: an activation
 * token carries its TOTP secret encrypted.
 */
public class MfaTokenService {

	static final String PURPOSE = "pur";

	static final String EPHEMERAL = "mfa_ephemeral";

	static final String ACTIVATION = "totp_activation";

	private static final String USER_ID = "uid";

	private static final String PASSWORD_FINGERPRINT = "pwf";

	private static final String AUTH_TIME = "auth_time";

	private static final String SECRET = "sec";

	private static final String SECRET_KEY_ID = "kid";

	private final SecretKey signingKey;

	private final SecretKey fingerprintKey;

	private final SecretEncryptor encryptor;

	private final Duration ephemeralTokenTtl;

	private final Duration activationTokenTtl;

	private final Clock clock;

	/**
	 * Create a new instance.
	 * @param keyMaterial at least 256 bits from which the signing key is derived (HKDF),
	 * so that the configured key itself never signs anything
	 * @param encryptor encrypts the secret inside activation tokens
	 * @param ephemeralTokenTtl lifetime of an ephemeral token
	 * @param activationTokenTtl lifetime of an activation token
	 * @param clock the clock
	 */
	public MfaTokenService(byte[] keyMaterial, SecretEncryptor encryptor, Duration ephemeralTokenTtl,
			Duration activationTokenTtl, Clock clock) {
		Assert.isTrue(keyMaterial.length >= 32, "keyMaterial must have at least 256 bits");
		Assert.notNull(encryptor, "encryptor cannot be null");
		Assert.notNull(clock, "clock cannot be null");
		this.signingKey = new SecretKeySpec(Hkdf.deriveKey(keyMaterial, "mfa-token-signing", 32), "HmacSHA256");
		this.fingerprintKey = new SecretKeySpec(Hkdf.deriveKey(keyMaterial, "mfa-password-fingerprint", 32),
				"HmacSHA256");
		this.encryptor = encryptor;
		this.ephemeralTokenTtl = ephemeralTokenTtl;
		this.activationTokenTtl = activationTokenTtl;
		this.clock = clock;
	}

	/**
	 * Issue an ephemeral token for a user who passed the first factor.
	 * @param username the login name
	 * @param userId the user id
	 * @param passwordFingerprint see {@link #fingerprint(String)}, or {@code null}
	 * @return the token's claims and its compact form
	 */
	public IssuedToken<EphemeralToken> issueEphemeralToken(String username, String userId,
			@Nullable String passwordFingerprint) {
		Instant now = this.clock.instant();
		EphemeralToken token = new EphemeralToken(UUID.randomUUID().toString(), username, userId, passwordFingerprint,
				now, now.plus(this.ephemeralTokenTtl));
		String compact = Jwts.builder()
			.id(token.id())
			.subject(username)
			.claim(PURPOSE, EPHEMERAL)
			.claim(USER_ID, userId)
			.claim(PASSWORD_FINGERPRINT, passwordFingerprint)
			.claim(AUTH_TIME, now.getEpochSecond())
			.issuedAt(Date.from(now))
			.expiration(Date.from(token.expiresAt()))
			.signWith(this.signingKey, Jwts.SIG.HS256)
			.compact();
		return new IssuedToken<>(token, compact, this.ephemeralTokenTtl);
	}

	/**
	 * Check an ephemeral token's signature, kind and expiry. Whether it is spent is the
	 * {@link EphemeralTokenRepository}'s business.
	 * @param token the compact token
	 * @return its claims
	 * @throws MfaException {@code invalid_token} if it is not a valid ephemeral token
	 */
	public EphemeralToken parseEphemeralToken(String token) {
		Claims claims = parse(token, EPHEMERAL);
		Number authTime = claims.get(AUTH_TIME, Number.class);
		String userId = claims.get(USER_ID, String.class);
		if (claims.getId() == null || claims.getSubject() == null || userId == null || authTime == null) {
			throw MfaException.invalidToken();
		}
		return new EphemeralToken(claims.getId(), claims.getSubject(), userId,
				claims.get(PASSWORD_FINGERPRINT, String.class), Instant.ofEpochSecond(authTime.longValue()),
				claims.getExpiration().toInstant());
	}

	/**
	 * Issue a token that binds a TOTP secret to the user who is activating it.
	 * @param userId the user
	 * @param secret the raw TOTP secret
	 * @return the compact token
	 */
	public String issueActivationToken(String userId, byte[] secret) {
		Instant now = this.clock.instant();
		EncryptedValue encrypted = this.encryptor.encrypt(secret, activationContext(userId));
		return Jwts.builder()
			.id(UUID.randomUUID().toString())
			.subject(userId)
			.claim(PURPOSE, ACTIVATION)
			.claim(SECRET, encrypted.ciphertextBase64())
			.claim(SECRET_KEY_ID, encrypted.keyId())
			.issuedAt(Date.from(now))
			.expiration(Date.from(now.plus(this.activationTokenTtl)))
			.signWith(this.signingKey, Jwts.SIG.HS256)
			.compact();
	}

	/**
	 * Check an activation token and return the secret it binds to the user.
	 * @param token the compact token
	 * @param userId the user who confirms the activation
	 * @return the raw TOTP secret
	 * @throws MfaException {@code invalid_token} if the token is invalid, expired, of
	 * another kind or issued to another user
	 */
	public byte[] parseActivationToken(String token, String userId) {
		Claims claims = parse(token, ACTIVATION);
		String secret = claims.get(SECRET, String.class);
		String keyId = claims.get(SECRET_KEY_ID, String.class);
		if (!userId.equals(claims.getSubject()) || secret == null || keyId == null) {
			throw MfaException.invalidToken();
		}
		try {
			return this.encryptor.decrypt(EncryptedValue.of(keyId, secret), activationContext(userId));
		}
		catch (RuntimeException ex) {
			throw MfaException.invalidToken();
		}
	}

	/**
	 * Return a keyed hash of a password hash: it changes when the password does, and
	 * reveals nothing of it.
	 * @param passwordHash the stored password hash
	 * @return the fingerprint
	 */
	public String fingerprint(String passwordHash) {
		try {
			Mac mac = Mac.getInstance("HmacSHA256");
			mac.init(this.fingerprintKey);
			byte[] digest = mac.doFinal(passwordHash.getBytes(StandardCharsets.UTF_8));
			return Base64.getUrlEncoder().withoutPadding().encodeToString(digest);
		}
		catch (java.security.GeneralSecurityException ex) {
			throw new IllegalStateException("HmacSHA256 is not available", ex);
		}
	}

	private Claims parse(String token, String purpose) {
		try {
			return Jwts.parser()
				.verifyWith(this.signingKey)
				.clock(() -> Date.from(this.clock.instant()))
				.require(PURPOSE, purpose)
				.build()
				.parseSignedClaims(token)
				.getPayload();
		}
		catch (JwtException | IllegalArgumentException ex) {
			throw MfaException.invalidToken();
		}
	}

	private static String activationContext(String userId) {
		return "totp-activation:" + userId;
	}

	/**
	 * A token just issued.
	 *
	 * @param <T> the type of its claims
	 * @param claims the claims
	 * @param value the compact token
	 * @param ttl its lifetime
	 */
	public record IssuedToken<T>(T claims, String value, Duration ttl) {

		@Override
		public String toString() {
			return "IssuedToken[" + this.claims + "]";
		}

	}

}
