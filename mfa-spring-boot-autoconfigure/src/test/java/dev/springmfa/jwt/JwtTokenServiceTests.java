package dev.springmfa.jwt;

import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PublicKey;
import java.security.spec.ECGenParameterSpec;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Date;
import java.util.List;
import java.util.Map;

import javax.crypto.spec.SecretKeySpec;

import io.jsonwebtoken.Claims;
import io.jsonwebtoken.Jwts;
import org.junit.jupiter.api.Test;

import dev.springmfa.InvalidMfaTokenException;
import dev.springmfa.MfaErrorCode;
import dev.springmfa.MfaFactors;
import dev.springmfa.crypto.Hkdf;
import dev.springmfa.crypto.KeyIds;
import dev.springmfa.jwt.JwtTokenService.AccessToken;
import dev.springmfa.token.JacksonJwtDeserializer;
import dev.springmfa.token.JacksonJwtSerializer;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.core.authority.FactorGrantedAuthority;
import org.springframework.security.core.authority.SimpleGrantedAuthority;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

class JwtTokenServiceTests {

	private static final byte[] KEY = "0123456789abcdef0123456789abcdef".getBytes();

	private static final Instant NOW = Instant.parse("2026-11-25T10:00:00Z");

	private static final JwtTokenService.Settings SETTINGS = new JwtTokenService.Settings("https://login.example",
			"orders-api", Duration.ofMinutes(15));

	private static final List<GrantedAuthority> AUTHORITIES = List.of(new SimpleGrantedAuthority("ROLE_USER"),
			FactorGrantedAuthority.withAuthority(FactorGrantedAuthority.PASSWORD_AUTHORITY)
				.issuedAt(NOW.minusSeconds(40))
				.build(),
			FactorGrantedAuthority.withAuthority(MfaFactors.TOTP_AUTHORITY).issuedAt(NOW.minusSeconds(10)).build());

	private final JwtTokenService tokens = service(JwtSigningKeys.hmac(KEY, "access"), clockAt(NOW));

	private final RefreshTokenService refreshTokens = refreshService(clockAt(NOW));

	@Test
	void parseAccessTokenWhenIssuedThenAuthoritiesAndFactorsWithTimesRoundTrip() {
		AccessToken token = this.tokens.parseAccessToken(this.tokens.issueAccessToken("alice", AUTHORITIES));
		assertThat(token.username()).isEqualTo("alice");
		assertThat(token.authorities()).containsExactly("ROLE_USER");
		assertThat(token.factors()).extracting(FactorGrantedAuthority::getAuthority)
			.containsExactly("FACTOR_PASSWORD", "FACTOR_TOTP");
		assertThat(token.factors()).extracting(FactorGrantedAuthority::getIssuedAt)
			.containsExactly(NOW.minusSeconds(40), NOW.minusSeconds(10));
		assertThat(token.expiresAt()).isEqualTo(NOW.plus(Duration.ofMinutes(15)));
	}

	@Test
	void parseWhenTokenOfTheOtherKindThenInvalidToken() {
		String access = this.tokens.issueAccessToken("alice", AUTHORITIES);
		String refresh = this.refreshTokens.issueRefreshToken("f", "alice", "alice", null, List.of()).value();
		assertInvalidToken(() -> this.refreshTokens.parseRefreshToken(access));
		assertInvalidToken(() -> this.tokens.parseAccessToken(refresh));
	}

	@Test
	void parseWhenExpiredThenInvalidToken() {
		String access = this.tokens.issueAccessToken("alice", AUTHORITIES);
		String refresh = this.refreshTokens.issueRefreshToken("f", "alice", "alice", null, List.of()).value();
		JwtTokenService later = service(JwtSigningKeys.hmac(KEY, "access"), clockAt(NOW.plus(Duration.ofDays(8))));
		RefreshTokenService laterRefresh = refreshService(clockAt(NOW.plus(Duration.ofDays(8))));
		assertInvalidToken(() -> later.parseAccessToken(access));
		assertInvalidToken(() -> laterRefresh.parseRefreshToken(refresh));
	}

	@Test
	void parseAccessTokenWhenIssuerOrAudienceDiffersThenInvalidToken() {
		String access = this.tokens.issueAccessToken("alice", AUTHORITIES);
		JwtTokenService otherAudience = new JwtTokenService(JwtSigningKeys.hmac(KEY, "access"),
				new JwtTokenService.Settings("https://login.example", "billing-api", Duration.ofMinutes(15)),
				clockAt(NOW));
		JwtTokenService otherIssuer = new JwtTokenService(JwtSigningKeys.hmac(KEY, "access"),
				new JwtTokenService.Settings("https://evil.example", "orders-api", Duration.ofMinutes(15)),
				clockAt(NOW));
		assertInvalidToken(() -> otherAudience.parseAccessToken(access));
		assertInvalidToken(() -> otherIssuer.parseAccessToken(access));
	}

	@Test
	void parseAccessTokenWhenSignedWithEcKeyThenOtherServicesVerifyWithThePublicKeyAlone() throws Exception {
		KeyPair pair = ecKeyPair();
		JwtSigningKeys keys = JwtSigningKeys.keyPair(pair.getPrivate(), pair.getPublic());
		assertThat(keys.algorithm()).isEqualTo("ES256");
		JwtTokenService service = service(keys, clockAt(NOW));
		String access = service.issueAccessToken("alice", AUTHORITIES);
		assertThat(service.parseAccessToken(access).username()).isEqualTo("alice");
		Claims claims = verifiedClaims(pair.getPublic(), access);
		assertThat(claims.get("amr", List.class)).containsExactly("pwd", "otp", "mfa");
	}

	@Test
	void issueAccessTokenWhenKeyPairThenKidNamesThePublicKeyAsEncryptionKeysAreNamed() throws Exception {
		KeyPair pair = ecKeyPair();
		String access = service(JwtSigningKeys.keyPair(pair.getPrivate(), pair.getPublic()), clockAt(NOW))
			.issueAccessToken("alice", AUTHORITIES);
		String kid = Jwts.parser()
			.json(new JacksonJwtDeserializer())
			.verifyWith(pair.getPublic())
			.clock(() -> Date.from(NOW))
			.build()
			.parseSignedClaims(access)
			.getHeader()
			.getKeyId();
		assertThat(kid).isEqualTo(KeyIds.of(pair.getPublic().getEncoded())).matches("[0-9a-f]{16}");
	}

	@Test
	void issueAccessTokenWhenHmacKeysThenNoKid() {
		String access = this.tokens.issueAccessToken("alice", AUTHORITIES);
		String kid = Jwts.parser()
			.json(new JacksonJwtDeserializer())
			.verifyWith(Hkdf.hmacSha256Key(KEY, "access"))
			.clock(() -> Date.from(NOW))
			.build()
			.parseSignedClaims(access)
			.getHeader()
			.getKeyId();
		assertThat(kid).isNull();
	}

	@Test
	void parseAccessTokenWhenRsaPairSignsWithAnotherRsaAlgorithmThenInvalidToken() throws Exception {
		KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
		generator.initialize(2048);
		KeyPair pair = generator.generateKeyPair();
		JwtTokenService service = service(JwtSigningKeys.keyPair(pair.getPrivate(), pair.getPublic()), clockAt(NOW));
		String access = service.issueAccessToken("alice", AUTHORITIES);
		Claims claims = verifiedClaims(pair.getPublic(), access);
		// Same key, same claims, PS256 instead of RS256: a valid signature jjwt accepts
		// by default.
		String pss = Jwts.builder()
			.json(new JacksonJwtSerializer())
			.header()
			.type("at+jwt")
			.and()
			.claims(claims)
			.signWith(pair.getPrivate(), Jwts.SIG.PS256)
			.compact();
		assertThat(Jwts.parser()
			.json(new JacksonJwtDeserializer())
			.verifyWith(pair.getPublic())
			.clock(() -> Date.from(NOW))
			.build()
			.parse(pss)).isNotNull();
		assertInvalidToken(() -> service.parseAccessToken(pss));
	}

	@Test
	void parseAccessTokenWhenHmacSignedWithThePublicKeyThenInvalidToken() throws Exception {
		KeyPair pair = ecKeyPair();
		JwtTokenService service = service(JwtSigningKeys.keyPair(pair.getPrivate(), pair.getPublic()), clockAt(NOW));
		String access = service.issueAccessToken("alice", AUTHORITIES);
		Claims claims = verifiedClaims(pair.getPublic(), access);
		byte[] publicKeyAsSecret = pair.getPublic().getEncoded();
		String confused = Jwts.builder()
			.json(new JacksonJwtSerializer())
			.header()
			.type("at+jwt")
			.and()
			.claims(claims)
			.signWith(new SecretKeySpec(publicKeyAsSecret, "HmacSHA256"), Jwts.SIG.HS256)
			.compact();
		assertInvalidToken(() -> service.parseAccessToken(confused));
	}

	@Test
	void keyPairWhenKeysOfDifferentPairsThenRefused() throws Exception {
		KeyPair one = ecKeyPair();
		KeyPair other = ecKeyPair();
		assertThatIllegalArgumentException()
			.isThrownBy(() -> JwtSigningKeys.keyPair(one.getPrivate(), other.getPublic()))
			.withMessageContaining("does not match");
	}

	@Test
	void keyPairWhenRsaKeyTooShortThenRefused() throws Exception {
		KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
		generator.initialize(1024);
		KeyPair pair = generator.generateKeyPair();
		assertThatIllegalArgumentException()
			.isThrownBy(() -> JwtSigningKeys.keyPair(pair.getPrivate(), pair.getPublic()))
			.withMessageContaining("2048");
	}

	@Test
	void amrWhenUnknownFactorThenRoundTripsByName() {
		List<FactorGrantedAuthority> factors = List
			.of(FactorGrantedAuthority.withAuthority(FactorGrantedAuthority.WEBAUTHN_AUTHORITY).issuedAt(NOW).build());
		assertThat(AuthenticationMethods.amr(factors)).containsExactly("webauthn");
		assertThat(
				AuthenticationMethods.factors(AuthenticationMethods.amr(factors), AuthenticationMethods.times(factors)))
			.isEqualTo(factors);
	}

	@Test
	void factorsWhenMethodHasNoTimeThenInvalidToken() {
		assertInvalidToken(() -> AuthenticationMethods.factors(List.of("pwd", "otp"), Map.of("pwd", 1)));
	}

	// As another service checks a token: with the public key alone.
	private static Claims verifiedClaims(PublicKey publicKey, String token) {
		return Jwts.parser()
			.json(new JacksonJwtDeserializer())
			.verifyWith(publicKey)
			.clock(() -> Date.from(NOW))
			.build()
			.parseSignedClaims(token)
			.getPayload();
	}

	private static JwtTokenService service(JwtSigningKeys accessTokenKeys, Clock clock) {
		return new JwtTokenService(accessTokenKeys, SETTINGS, clock);
	}

	private static RefreshTokenService refreshService(Clock clock) {
		return new RefreshTokenService(JwtSigningKeys.hmac(KEY, "refresh"), "https://login.example", Duration.ofDays(7),
				clock);
	}

	private static KeyPair ecKeyPair() throws Exception {
		KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
		generator.initialize(new ECGenParameterSpec("secp256r1"));
		return generator.generateKeyPair();
	}

	private static Clock clockAt(Instant instant) {
		return Clock.fixed(instant, ZoneOffset.UTC);
	}

	private static void assertInvalidToken(org.assertj.core.api.ThrowableAssert.ThrowingCallable call) {
		assertThatExceptionOfType(InvalidMfaTokenException.class).isThrownBy(call)
			.satisfies((ex) -> assertThat(ex.getErrorCode()).isEqualTo(MfaErrorCode.INVALID_TOKEN));
	}

}
