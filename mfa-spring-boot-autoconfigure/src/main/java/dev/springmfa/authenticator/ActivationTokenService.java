package dev.springmfa.authenticator;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.UUID;

import javax.crypto.SecretKey;

import io.jsonwebtoken.Claims;
import io.jsonwebtoken.JwtParser;
import io.jsonwebtoken.Jwts;

import dev.springmfa.InvalidMfaTokenException;
import dev.springmfa.crypto.EncryptedValue;
import dev.springmfa.crypto.Hkdf;
import dev.springmfa.crypto.SecretEncryptor;
import dev.springmfa.token.CompactTokens;
import dev.springmfa.token.JacksonJwtDeserializer;
import dev.springmfa.token.JacksonJwtSerializer;
import org.springframework.util.Assert;

/**
 * Issues and checks the activation tokens of TOTP enrolment: HMAC-signed JWTs that bind a
 * new secret to the user who activates it, so that nothing is stored until the user
 * confirms a code. The secret travels encrypted. A purpose claim keeps a token of another
 * kind from passing as one.
 */
public final class ActivationTokenService {

	private static final String PURPOSE = "pur";

	private static final String ACTIVATION = "totp_activation";

	// The key of the login's ephemeral tokens (MfaTokenService): the purpose claim tells
	// the kinds apart.
	private static final String SIGNING_KEY_PURPOSE = "mfa-token-signing";

	private static final String SECRET = "sec";

	private static final String SECRET_KEY_ID = "kid";

	private final SecretKey signingKey;

	private final SecretEncryptor encryptor;

	private final Duration activationTokenTtl;

	private final Clock clock;

	// Built once: a parser is immutable and thread-safe, and building one per token cost
	// more than checking the token.
	private final JwtParser parser;

	/**
	 * Create a new instance.
	 * @param keyMaterial at least 256 bits from which the signing key is derived (HKDF),
	 * so that the configured key itself never signs anything
	 * @param encryptor encrypts the secret inside activation tokens
	 * @param activationTokenTtl lifetime of an activation token
	 * @param clock the clock
	 */
	public ActivationTokenService(byte[] keyMaterial, SecretEncryptor encryptor, Duration activationTokenTtl,
			Clock clock) {
		Assert.notNull(encryptor, "encryptor cannot be null");
		Assert.notNull(activationTokenTtl, "activationTokenTtl cannot be null");
		Assert.notNull(clock, "clock cannot be null");
		this.signingKey = Hkdf.hmacSha256Key(keyMaterial, SIGNING_KEY_PURPOSE);
		this.encryptor = encryptor;
		this.activationTokenTtl = activationTokenTtl;
		this.clock = clock;
		this.parser = Jwts.parser()
			.json(new JacksonJwtDeserializer())
			.verifyWith(this.signingKey)
			.sig()
			.clear()
			.add(Jwts.SIG.HS256)
			.and()
			.clock(() -> Date.from(this.clock.instant()))
			.require(PURPOSE, ACTIVATION)
			.build();
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
			.json(new JacksonJwtSerializer())
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
	 * @throws InvalidMfaTokenException if the token is invalid, expired, of another kind
	 * or issued to another user
	 */
	public byte[] parseActivationToken(String token, String userId) {
		Claims claims = parse(token);
		String secret = claims.get(SECRET, String.class);
		String keyId = claims.get(SECRET_KEY_ID, String.class);
		if (!userId.equals(claims.getSubject()) || secret == null || keyId == null) {
			throw new InvalidMfaTokenException();
		}
		try {
			return this.encryptor.decrypt(EncryptedValue.of(keyId, secret), activationContext(userId));
		}
		catch (RuntimeException ex) {
			throw new InvalidMfaTokenException();
		}
	}

	private Claims parse(String token) {
		return CompactTokens.parse(this.parser, token).getPayload();
	}

	private static String activationContext(String userId) {
		return "totp-activation:" + userId;
	}

}
