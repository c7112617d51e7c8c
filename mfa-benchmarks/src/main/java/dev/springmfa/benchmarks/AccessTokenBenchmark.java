package dev.springmfa.benchmarks;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.Key;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PublicKey;
import java.security.spec.AlgorithmParameterSpec;
import java.security.spec.ECGenParameterSpec;
import java.security.spec.RSAKeyGenParameterSpec;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Date;
import java.util.List;
import java.util.concurrent.TimeUnit;

import javax.crypto.SecretKey;

import io.jsonwebtoken.Claims;
import io.jsonwebtoken.Jws;
import io.jsonwebtoken.JwtParserBuilder;
import io.jsonwebtoken.Jwts;
import io.jsonwebtoken.security.SecureDigestAlgorithm;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

import dev.springmfa.MfaFactors;
import dev.springmfa.crypto.Hkdf;
import dev.springmfa.jwt.JwtSigningKeys;
import dev.springmfa.jwt.JwtTokenService;
import dev.springmfa.token.JacksonJwtDeserializer;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.core.authority.FactorGrantedAuthority;
import org.springframework.security.core.authority.SimpleGrantedAuthority;

/**
 * What a jwt access token costs: checking one, as the bearer filter does on every
 * request, and issuing one, as login and refresh do, for each algorithm the starter signs
 * with. {@link #parseWithParserBuiltPerCall()} is the baseline of the parser that
 * {@link JwtTokenService} now builds once: a new jjwt parser for every token.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Fork(1)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 2)
public class AccessTokenBenchmark {

	private static final String ISSUER = "https://login.example";

	private static final String AUDIENCE = "orders-api";

	private static final String USERNAME = "alice";

	private static final String ACCESS_PURPOSE = "mfa-access-token";

	// Fixed, so that the token issued in setup never expires during a run.
	private static final Instant NOW = Instant.parse("2026-11-25T08:00:00Z");

	/**
	 * The signing algorithm of the access tokens.
	 */
	@Param({ "HS256", "RS256", "ES256" })
	public String algorithm;

	private final Clock clock = Clock.fixed(NOW, ZoneOffset.UTC);

	private JwtTokenService tokenService;

	private List<GrantedAuthority> authorities;

	private String token;

	// Set by the key helpers that setUp() calls.
	@SuppressWarnings("NullAway.Init")
	private Key verificationKey;

	@SuppressWarnings("NullAway.Init")
	private SecureDigestAlgorithm<?, ?> signatureAlgorithm;

	/**
	 * Create the keys of the algorithm, the token service and one access token.
	 * @throws GeneralSecurityException if the JDK cannot generate the key pair
	 */
	@Setup
	public void setUp() throws GeneralSecurityException {
		JwtSigningKeys accessTokenKeys = switch (this.algorithm) {
			case "HS256" -> hmacKeys();
			case "RS256" ->
				keyPairKeys("RSA", new RSAKeyGenParameterSpec(2048, RSAKeyGenParameterSpec.F4), Jwts.SIG.RS256);
			case "ES256" -> keyPairKeys("EC", new ECGenParameterSpec("secp256r1"), Jwts.SIG.ES256);
			default -> throw new IllegalArgumentException("Unknown algorithm " + this.algorithm);
		};
		if (!accessTokenKeys.algorithm().equals(this.algorithm)) {
			throw new IllegalStateException(
					"Keys sign with " + accessTokenKeys.algorithm() + ", not " + this.algorithm);
		}
		this.tokenService = new JwtTokenService(accessTokenKeys,
				new JwtTokenService.Settings(ISSUER, AUDIENCE, Duration.ofMinutes(15)), this.clock);
		this.authorities = List.of(new SimpleGrantedAuthority("ROLE_USER"),
				FactorGrantedAuthority.withAuthority(FactorGrantedAuthority.PASSWORD_AUTHORITY)
					.issuedAt(NOW.minusSeconds(20))
					.build(),
				FactorGrantedAuthority.withAuthority(MfaFactors.TOTP_AUTHORITY).issuedAt(NOW.minusSeconds(10)).build());
		this.token = this.tokenService.issueAccessToken(USERNAME, this.authorities);
		// Both paths must accept the token, or the benchmark would time the failure.
		this.tokenService.parseAccessToken(this.token);
		parseWithParserBuiltPerCall();
	}

	/**
	 * Check the access token with the service's parser, built once.
	 * @return the token's claims
	 */
	@Benchmark
	public JwtTokenService.AccessToken parseAccessToken() {
		return this.tokenService.parseAccessToken(this.token);
	}

	/**
	 * Check the access token with a parser built for this token only, as the service did
	 * before it kept its parsers.
	 * @return the token's claims
	 */
	@Benchmark
	public Jws<Claims> parseWithParserBuiltPerCall() {
		JwtParserBuilder builder = Jwts.parser().json(new JacksonJwtDeserializer());
		if (this.verificationKey instanceof SecretKey secretKey) {
			builder.verifyWith(secretKey);
		}
		else {
			builder.verifyWith((PublicKey) this.verificationKey);
		}
		return builder.sig()
			.clear()
			.add(this.signatureAlgorithm)
			.and()
			.clock(() -> Date.from(this.clock.instant()))
			.requireIssuer(ISSUER)
			.requireAudience(AUDIENCE)
			.require("pur", "access")
			.build()
			.parseSignedClaims(this.token);
	}

	/**
	 * Issue an access token.
	 * @return the token
	 */
	@Benchmark
	public String issueAccessToken() {
		return this.tokenService.issueAccessToken(USERNAME, this.authorities);
	}

	private JwtSigningKeys hmacKeys() {
		byte[] keyMaterial = keyMaterial("access");
		// The key that JwtSigningKeys.hmac derives, which the per-call parser needs in
		// hand
		this.verificationKey = Hkdf.hmacSha256Key(keyMaterial, ACCESS_PURPOSE);
		this.signatureAlgorithm = Jwts.SIG.HS256;
		return JwtSigningKeys.hmac(keyMaterial, ACCESS_PURPOSE);
	}

	private JwtSigningKeys keyPairKeys(String type, AlgorithmParameterSpec parameters,
			SecureDigestAlgorithm<?, ?> signatureAlgorithm) throws GeneralSecurityException {
		KeyPairGenerator generator = KeyPairGenerator.getInstance(type);
		generator.initialize(parameters);
		KeyPair pair = generator.generateKeyPair();
		this.verificationKey = pair.getPublic();
		this.signatureAlgorithm = signatureAlgorithm;
		return JwtSigningKeys.keyPair(pair.getPrivate(), pair.getPublic());
	}

	private static byte[] keyMaterial(String name) {
		return ("benchmark key material for the " + name + " tokens, 256 bits or more")
			.getBytes(StandardCharsets.US_ASCII);
	}

}
