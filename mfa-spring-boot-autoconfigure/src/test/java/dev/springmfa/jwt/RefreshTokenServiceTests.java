package dev.springmfa.jwt;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Date;
import java.util.List;

import io.jsonwebtoken.Claims;
import io.jsonwebtoken.Jwts;
import org.junit.jupiter.api.Test;

import dev.springmfa.InvalidMfaTokenException;
import dev.springmfa.MfaErrorCode;
import dev.springmfa.MfaFactors;
import dev.springmfa.crypto.Hkdf;
import dev.springmfa.token.IssuedToken;
import dev.springmfa.token.JacksonJwtDeserializer;
import org.springframework.security.core.authority.FactorGrantedAuthority;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

class RefreshTokenServiceTests {

	private static final byte[] KEY = "0123456789abcdef0123456789abcdef".getBytes();

	private static final Instant NOW = Instant.parse("2026-11-25T10:00:00Z");

	private static final String ISSUER = "https://login.example";

	private static final List<FactorGrantedAuthority> FACTORS = List.of(
			FactorGrantedAuthority.withAuthority(FactorGrantedAuthority.PASSWORD_AUTHORITY)
				.issuedAt(NOW.minusSeconds(40))
				.build(),
			FactorGrantedAuthority.withAuthority(MfaFactors.TOTP_AUTHORITY).issuedAt(NOW.minusSeconds(10)).build());

	private final RefreshTokenService tokens = service(JwtSigningKeys.hmac(KEY, "refresh"), ISSUER, NOW);

	@Test
	void parseRefreshTokenWhenIssuedThenClaimsRoundTrip() {
		List<FactorGrantedAuthority> factors = AuthenticationMethods.factorsOf(FACTORS);
		String compact = this.tokens.issueRefreshToken("family", "alice", "42", "fingerprint", factors).value();
		RefreshToken token = this.tokens.parseRefreshToken(compact);
		assertThat(token.familyId()).isEqualTo("family");
		assertThat(token.userId()).isEqualTo("42");
		assertThat(token.passwordFingerprint()).isEqualTo("fingerprint");
		assertThat(token.factors()).isEqualTo(factors);
		assertThat(token.factors()).extracting(FactorGrantedAuthority::getIssuedAt)
			.containsExactly(NOW.minusSeconds(40), NOW.minusSeconds(10));
	}

	@Test
	void issueRefreshTokenWhenIssuedThenClaimsAndTokenAgreeAndLifetimeIsTheSettings() {
		IssuedToken<RefreshToken> issued = this.tokens.issueRefreshToken("family", "alice", "42", null, FACTORS);
		assertThat(issued.ttl()).isEqualTo(Duration.ofDays(7));
		assertThat(issued.claims().issuedAt()).isEqualTo(NOW);
		assertThat(issued.claims().expiresAt()).isEqualTo(NOW.plus(Duration.ofDays(7)));
		assertThat(this.tokens.parseRefreshToken(issued.value())).isEqualTo(issued.claims());
	}

	@Test
	void issueRefreshTokenWhenIssuedThenItsAudienceIsTheIssuer() {
		String compact = this.tokens.issueRefreshToken("family", "alice", "42", null, FACTORS).value();
		Claims claims = Jwts.parser()
			.json(new JacksonJwtDeserializer())
			.verifyWith(Hkdf.hmacSha256Key(KEY, "refresh"))
			.clock(() -> Date.from(NOW))
			.build()
			.parseSignedClaims(compact)
			.getPayload();
		assertThat(claims.getIssuer()).isEqualTo(ISSUER);
		assertThat(claims.getAudience()).containsExactly(ISSUER);
		assertThat(claims.get("pur", String.class)).isEqualTo("refresh");
	}

	@Test
	void parseRefreshTokenWhenOtherIssuerOrKeyThenInvalidToken() {
		String compact = this.tokens.issueRefreshToken("family", "alice", "42", null, FACTORS).value();
		RefreshTokenService otherIssuer = service(JwtSigningKeys.hmac(KEY, "refresh"), "https://evil.example", NOW);
		RefreshTokenService otherKey = service(JwtSigningKeys.hmac(KEY, "other"), ISSUER, NOW);
		assertInvalidToken(() -> otherIssuer.parseRefreshToken(compact));
		assertInvalidToken(() -> otherKey.parseRefreshToken(compact));
	}

	@Test
	void parseRefreshTokenWhenExpiredThenInvalidToken() {
		String compact = this.tokens.issueRefreshToken("family", "alice", "42", null, FACTORS).value();
		RefreshTokenService later = service(JwtSigningKeys.hmac(KEY, "refresh"), ISSUER,
				NOW.plus(Duration.ofDays(7)).plusSeconds(1));
		assertInvalidToken(() -> later.parseRefreshToken(compact));
	}

	@Test
	void toStringWhenRefreshTokenThenNoFingerprintNorFactors() {
		RefreshToken token = this.tokens.issueRefreshToken("family", "alice", "42", "fingerprint", FACTORS).claims();
		assertThat(token.toString()).doesNotContain("fingerprint").doesNotContain("FACTOR");
	}

	private static RefreshTokenService service(JwtSigningKeys keys, String issuer, Instant now) {
		return new RefreshTokenService(keys, issuer, Duration.ofDays(7), Clock.fixed(now, ZoneOffset.UTC));
	}

	private static void assertInvalidToken(org.assertj.core.api.ThrowableAssert.ThrowingCallable call) {
		assertThatExceptionOfType(InvalidMfaTokenException.class).isThrownBy(call)
			.satisfies((ex) -> assertThat(ex.getErrorCode()).isEqualTo(MfaErrorCode.INVALID_TOKEN));
	}

}
