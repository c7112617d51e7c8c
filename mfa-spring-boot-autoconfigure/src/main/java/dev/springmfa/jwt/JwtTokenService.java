package dev.springmfa.jwt;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Collection;
import java.util.Date;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import io.jsonwebtoken.Claims;
import io.jsonwebtoken.JwtBuilder;
import io.jsonwebtoken.JwtParser;
import io.jsonwebtoken.Jws;
import io.jsonwebtoken.Jwts;

import dev.springmfa.InvalidMfaTokenException;
import dev.springmfa.token.CompactTokens;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.core.authority.FactorGrantedAuthority;
import org.springframework.util.Assert;

/**
 * Issues and checks the access tokens of {@code mfa.login.mode=jwt}: JWT profiles for
 * access tokens (RFC 9068), typed {@code at+jwt}, with {@code client_id}, that carry the
 * factors of the login ({@code amr}, {@code amr_times}) and a purpose claim, so that
 * other services can check them as well. Access tokens have a key of their own, so a
 * refresh, ephemeral or activation token never verifies as one.
 *
 * @see RefreshTokenService
 */
public final class JwtTokenService {

	private static final String ACCESS = "access";

	private static final String ACCESS_TOKEN_TYPE = "at+jwt";

	private static final String AUTHORITIES = "authorities";

	private static final String CLIENT_ID = "client_id";

	private static final String AUTH_TIME = "auth_time";

	private final JwtSigningKeys accessTokenKeys;

	private final Settings settings;

	private final Clock clock;

	// Built once: a parser is immutable and thread-safe, so one serves every request.
	private final JwtParser accessTokenParser;

	/**
	 * Create a new instance.
	 * @param accessTokenKeys sign and verify access tokens
	 * @param settings issuer, audience, client and lifetime
	 * @param clock the clock
	 */
	public JwtTokenService(JwtSigningKeys accessTokenKeys, Settings settings, Clock clock) {
		Assert.notNull(accessTokenKeys, "accessTokenKeys cannot be null");
		Assert.notNull(settings, "settings cannot be null");
		Assert.notNull(clock, "clock cannot be null");
		this.accessTokenKeys = accessTokenKeys;
		this.settings = settings;
		this.clock = clock;
		this.accessTokenParser = JwtClaims.parser(accessTokenKeys, clock, settings.issuer(), settings.audience(),
				ACCESS);
	}

	/**
	 * Issue an access token.
	 * @param username the user
	 * @param authorities the authorities of the login, its factors among them
	 * @return the compact token
	 */
	public String issueAccessToken(String username, Collection<? extends GrantedAuthority> authorities) {
		Instant now = this.clock.instant();
		List<FactorGrantedAuthority> factors = AuthenticationMethods.factorsOf(authorities);
		JwtBuilder builder = Jwts.builder()
			.header()
			.type(ACCESS_TOKEN_TYPE)
			.and()
			.id(UUID.randomUUID().toString())
			.issuer(this.settings.issuer())
			.audience()
			.add(this.settings.audience())
			.and()
			.subject(username)
			.claim(CLIENT_ID, this.settings.clientId())
			.claim(JwtClaims.PURPOSE, ACCESS)
			.claim(AUTHORITIES, AuthenticationMethods.otherAuthoritiesOf(authorities))
			.claim(AuthenticationMethods.AMR, AuthenticationMethods.amr(factors))
			.claim(AuthenticationMethods.AMR_TIMES, AuthenticationMethods.times(factors))
			.issuedAt(Date.from(now))
			.expiration(Date.from(now.plus(this.settings.accessTokenTtl())));
		lastFactorTime(factors).ifPresent((time) -> builder.claim(AUTH_TIME, time.getEpochSecond()));
		return this.accessTokenKeys.sign(builder).compact();
	}

	/**
	 * Check an access token's signature, algorithm, kind, issuer, audience and expiry.
	 * @param token the compact token
	 * @return its claims
	 * @throws InvalidMfaTokenException if it is not a valid access token
	 */
	public AccessToken parseAccessToken(String token) {
		Jws<Claims> jws = CompactTokens.parse(this.accessTokenParser, token);
		if (!ACCESS_TOKEN_TYPE.equals(jws.getHeader().getType())) {
			throw new InvalidMfaTokenException();
		}
		Claims claims = jws.getPayload();
		List<?> authorities = claims.get(AUTHORITIES, List.class);
		if (claims.getSubject() == null || authorities == null) {
			throw new InvalidMfaTokenException();
		}
		return new AccessToken(claims.getSubject(), authorities.stream().map(String::valueOf).toList(),
				JwtClaims.factors(claims), claims.getIssuedAt().toInstant(), claims.getExpiration().toInstant());
	}

	/**
	 * Return the lifetime of an access token.
	 * @return the lifetime
	 */
	public Duration accessTokenTtl() {
		return this.settings.accessTokenTtl();
	}

	private static Optional<Instant> lastFactorTime(List<FactorGrantedAuthority> factors) {
		return factors.stream().map(FactorGrantedAuthority::getIssuedAt).max(Instant::compareTo);
	}

	/**
	 * Issuer, audience, client and lifetime of the access tokens.
	 *
	 * @param issuer the {@code iss} of every token
	 * @param audience the {@code aud} of access tokens
	 * @param clientId the {@code client_id} of access tokens (RFC 9068)
	 * @param accessTokenTtl lifetime of an access token
	 */
	public record Settings(String issuer, String audience, String clientId, Duration accessTokenTtl) {

		public Settings {
			Assert.hasText(issuer, "issuer cannot be empty");
			Assert.hasText(audience, "audience cannot be empty");
			Assert.hasText(clientId, "clientId cannot be empty");
		}

		/**
		 * Create settings whose client is the issuer: an application that logs its own
		 * front end in.
		 * @param issuer the {@code iss} of every token, and the {@code client_id}
		 * @param audience the {@code aud} of access tokens
		 * @param accessTokenTtl lifetime of an access token
		 */
		public Settings(String issuer, String audience, Duration accessTokenTtl) {
			this(issuer, audience, issuer, accessTokenTtl);
		}

	}

	/**
	 * The claims of a valid access token.
	 *
	 * @param username the user
	 * @param authorities the authorities that are not factors
	 * @param factors the factors, with the time each was proven
	 * @param issuedAt when the token was issued
	 * @param expiresAt when it expires
	 */
	public record AccessToken(String username, List<String> authorities, List<FactorGrantedAuthority> factors,
			Instant issuedAt, Instant expiresAt) {
	}

}
