package dev.springmfa.token;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Date;
import java.util.List;

import javax.crypto.spec.SecretKeySpec;

import io.jsonwebtoken.JwtBuilder;
import io.jsonwebtoken.Jwts;
import org.junit.jupiter.api.Test;

import dev.springmfa.InvalidMfaTokenException;
import dev.springmfa.MfaErrorCode;
import dev.springmfa.authenticator.ActivationTokenService;
import dev.springmfa.crypto.SecretEncryptor;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

class MfaTokenServiceTests {

	private static final byte[] KEY = "0123456789abcdef0123456789abcdef".getBytes(StandardCharsets.US_ASCII);

	private static final Instant NOW = Instant.parse("2026-11-25T10:00:00Z");

	private static final EphemeralToken.Binding BINDING = new EphemeralToken.Binding(7, 3, 2);

	private final MfaTokenService tokens = service(Clock.fixed(NOW, ZoneOffset.UTC));

	@Test
	void parseEphemeralTokenWhenIssuedThenSameClaims() {
		IssuedToken<EphemeralToken> issued = this.tokens.issueEphemeralToken("alice", "id-1", "fp", BINDING);
		EphemeralToken parsed = this.tokens.parseEphemeralToken(issued.value());
		assertThat(parsed).isEqualTo(issued.claims());
		assertThat(parsed.passwordAuthenticatedAt()).isEqualTo(NOW);
		assertThat(parsed.expiresAt()).isEqualTo(NOW.plus(Duration.ofMinutes(5)));
	}

	@Test
	void parseEphemeralTokenWhenExpiredThenInvalidToken() {
		String token = this.tokens.issueEphemeralToken("alice", "alice", null, BINDING).value();
		MfaTokenService later = service(Clock.fixed(NOW.plus(Duration.ofMinutes(6)), ZoneOffset.UTC));
		assertInvalidToken(() -> later.parseEphemeralToken(token));
	}

	@Test
	void parseEphemeralTokenWhenActivationTokenThenInvalidToken() {
		ActivationTokenService activationTokens = new ActivationTokenService(KEY,
				SecretEncryptor.aesGcm(KEY, List.of()), Duration.ofMinutes(10), Clock.fixed(NOW, ZoneOffset.UTC));
		String activation = activationTokens.issueActivationToken("alice", new byte[20]);
		assertInvalidToken(() -> this.tokens.parseEphemeralToken(activation));
	}

	@Test
	void parseEphemeralTokenWhenAlgNoneThenInvalidToken() {
		String unsigned = ephemeralClaims().compact();
		assertInvalidToken(() -> this.tokens.parseEphemeralToken(unsigned));
	}

	@Test
	void parseEphemeralTokenWhenSignedWithAnotherKeyThenInvalidToken() {
		String forged = ephemeralClaims().signWith(new SecretKeySpec(KEY, "HmacSHA256")).compact();
		assertInvalidToken(() -> this.tokens.parseEphemeralToken(forged));
	}

	@Test
	void parseEphemeralTokenWhenSignatureSpeltOtherwiseThenInvalidToken() {
		String token = this.tokens.issueEphemeralToken("alice", "alice", null, BINDING).value();
		assertInvalidToken(() -> this.tokens.parseEphemeralToken(token + "'"));
	}

	// Well-formed ephemeral claims, for tokens that only the signature should refuse.
	private static JwtBuilder ephemeralClaims() {
		return Jwts.builder()
			.json(new JacksonJwtSerializer())
			.json(new JacksonJwtSerializer())
			.id("x")
			.subject("alice")
			.claim("pur", "mfa_ephemeral")
			.claim("uid", "alice")
			.claim("auth_time", NOW.getEpochSecond())
			.expiration(Date.from(NOW.plusSeconds(60)));
	}

	private MfaTokenService service(Clock clock) {
		return new MfaTokenService(KEY, Duration.ofMinutes(5), clock);
	}

	private static void assertInvalidToken(org.assertj.core.api.ThrowableAssert.ThrowingCallable call) {
		assertThatExceptionOfType(InvalidMfaTokenException.class).isThrownBy(call)
			.satisfies((ex) -> assertThat(ex.getErrorCode()).isEqualTo(MfaErrorCode.INVALID_TOKEN));
	}

}
