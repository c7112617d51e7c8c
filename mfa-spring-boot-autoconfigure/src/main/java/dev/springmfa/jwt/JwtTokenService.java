package dev.springmfa.jwt;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Collection;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import io.jsonwebtoken.Claims;
import io.jsonwebtoken.JwtBuilder;
import io.jsonwebtoken.JwtException;
import io.jsonwebtoken.JwtParser;
import io.jsonwebtoken.Jws;
import io.jsonwebtoken.Jwts;
import org.jspecify.annotations.Nullable;

import dev.springmfa.MfaException;
import dev.springmfa.token.MfaTokenService.IssuedToken;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.core.authority.FactorGrantedAuthority;
import org.springframework.util.Assert;

/**
 * Issues and checks the access and refresh tokens of {@code mfa.login.mode=jwt}. Both
 * carry the factors of the login ({@code amr}, {@code amr_times}) and a purpose claim; an
 * access token is also a JWT profile for access tokens (RFC 9068): typed {@code at+jwt},
 * with {@code client_id}. Each kind has its own key, so a token of one kind, or an
 * ephemeral or activation token, never verifies as another. Whether a refresh token is
 * spent is the {@link RefreshTokenRepository}'s business.
 */
public class JwtTokenService {

	static final String PURPOSE = "pur";

	static final String ACCESS = "access";

	static final String REFRESH = "refresh";

	static final String ACCESS_TOKEN_TYPE = "at+jwt";

	private static final String AUTHORITIES = "authorities";

	private static final String CLIENT_ID = "client_id";

	private static final String AUTH_TIME = "auth_time";

	private static final String USER_ID = "uid";

	private static final String FAMILY = "fam";

	private static final String PASSWORD_FINGERPRINT = "pwf";

	private final JwtSigningKeys accessTokenKeys;

	private final JwtSigningKeys refreshTokenKeys;

	private final Settings settings;

	private final Clock clock;

	// Built once: a parser is immutable and thread-safe, so one serves every request.
	private final JwtParser accessTokenParser;

	private final JwtParser refreshTokenParser;

	/**
	 * Create a new instance.
	 * @param accessTokenKeys sign and verify access tokens
	 * @param refreshTokenKeys sign and verify refresh tokens, which only this service
	 * reads
	 * @param settings issuer, audience and lifetimes
	 * @param clock the clock
	 */
	public JwtTokenService(JwtSigningKeys accessTokenKeys, JwtSigningKeys refreshTokenKeys, Settings settings,
			Clock clock) {
		Assert.notNull(accessTokenKeys, "accessTokenKeys cannot be null");
		Assert.notNull(refreshTokenKeys, "refreshTokenKeys cannot be null");
		Assert.notNull(settings, "settings cannot be null");
		Assert.notNull(clock, "clock cannot be null");
		this.accessTokenKeys = accessTokenKeys;
		this.refreshTokenKeys = refreshTokenKeys;
		this.settings = settings;
		this.clock = clock;
		this.accessTokenParser = parser(accessTokenKeys, ACCESS, settings.audience());
		this.refreshTokenParser = parser(refreshTokenKeys, REFRESH, settings.issuer());
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
			.claim(PURPOSE, ACCESS)
			.claim(AUTHORITIES, AuthenticationMethods.otherAuthoritiesOf(authorities))
			.claim(AuthenticationMethods.AMR, AuthenticationMethods.amr(factors))
			.claim(AuthenticationMethods.AMR_TIMES, AuthenticationMethods.times(factors))
			.issuedAt(Date.from(now))
			.expiration(Date.from(now.plus(this.settings.accessTokenTtl())));
		lastFactorTime(factors).ifPresent((time) -> builder.claim(AUTH_TIME, time.getEpochSecond()));
		return this.accessTokenKeys.sign(builder).compact();
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
		Instant now = this.clock.instant();
		RefreshToken token = new RefreshToken(UUID.randomUUID().toString(), familyId, username, userId,
				passwordFingerprint, factors, now, now.plus(this.settings.refreshTokenTtl()));
		JwtBuilder builder = Jwts.builder()
			.id(token.id())
			.issuer(this.settings.issuer())
			.audience()
			.add(this.settings.issuer())
			.and()
			.subject(username)
			.claim(PURPOSE, REFRESH)
			.claim(FAMILY, familyId)
			.claim(USER_ID, userId)
			.claim(PASSWORD_FINGERPRINT, passwordFingerprint)
			.claim(AuthenticationMethods.AMR, AuthenticationMethods.amr(factors))
			.claim(AuthenticationMethods.AMR_TIMES, AuthenticationMethods.times(factors))
			.issuedAt(Date.from(now))
			.expiration(Date.from(token.expiresAt()));
		return new IssuedToken<>(token, this.refreshTokenKeys.sign(builder).compact(), this.settings.refreshTokenTtl());
	}

	/**
	 * Check an access token's signature, algorithm, kind, issuer, audience and expiry.
	 * @param token the compact token
	 * @return its claims
	 * @throws MfaException {@code invalid_token} if it is not a valid access token
	 */
	public AccessToken parseAccessToken(String token) {
		Jws<Claims> jws = parse(this.accessTokenParser, token);
		if (!ACCESS_TOKEN_TYPE.equals(jws.getHeader().getType())) {
			throw MfaException.invalidToken();
		}
		Claims claims = jws.getPayload();
		List<?> authorities = claims.get(AUTHORITIES, List.class);
		if (claims.getSubject() == null || authorities == null) {
			throw MfaException.invalidToken();
		}
		return new AccessToken(claims.getSubject(), authorities.stream().map(String::valueOf).toList(), factors(claims),
				claims.getIssuedAt().toInstant(), claims.getExpiration().toInstant());
	}

	/**
	 * Check a refresh token's signature, algorithm, kind, issuer and expiry.
	 * @param token the compact token
	 * @return its claims
	 * @throws MfaException {@code invalid_token} if it is not a valid refresh token
	 */
	public RefreshToken parseRefreshToken(String token) {
		Claims claims = parse(this.refreshTokenParser, token).getPayload();
		String familyId = claims.get(FAMILY, String.class);
		String userId = claims.get(USER_ID, String.class);
		if (claims.getId() == null || claims.getSubject() == null || familyId == null || userId == null) {
			throw MfaException.invalidToken();
		}
		return new RefreshToken(claims.getId(), familyId, claims.getSubject(), userId,
				claims.get(PASSWORD_FINGERPRINT, String.class), factors(claims), claims.getIssuedAt().toInstant(),
				claims.getExpiration().toInstant());
	}

	/**
	 * Return the lifetime of an access token.
	 * @return the lifetime
	 */
	public Duration accessTokenTtl() {
		return this.settings.accessTokenTtl();
	}

	private JwtParser parser(JwtSigningKeys keys, String purpose, String audience) {
		return keys.verify(Jwts.parser())
			.clock(() -> Date.from(this.clock.instant()))
			.requireIssuer(this.settings.issuer())
			.requireAudience(audience)
			.require(PURPOSE, purpose)
			.build();
	}

	private static Jws<Claims> parse(JwtParser parser, String token) {
		try {
			return parser.parseSignedClaims(token);
		}
		catch (JwtException | IllegalArgumentException ex) {
			throw MfaException.invalidToken();
		}
	}

	private static List<FactorGrantedAuthority> factors(Claims claims) {
		List<?> amr = claims.get(AuthenticationMethods.AMR, List.class);
		Map<?, ?> times = claims.get(AuthenticationMethods.AMR_TIMES, Map.class);
		if (amr == null || times == null) {
			throw MfaException.invalidToken();
		}
		return AuthenticationMethods.factors(amr, times);
	}

	private static Optional<Instant> lastFactorTime(List<FactorGrantedAuthority> factors) {
		return factors.stream().map(FactorGrantedAuthority::getIssuedAt).max(Instant::compareTo);
	}

	/**
	 * Issuer, audience, client and lifetimes of the tokens.
	 *
	 * @param issuer the {@code iss} of every token
	 * @param audience the {@code aud} of access tokens
	 * @param clientId the {@code client_id} of access tokens (RFC 9068)
	 * @param accessTokenTtl lifetime of an access token
	 * @param refreshTokenTtl lifetime of a refresh token
	 */
	public record Settings(String issuer, String audience, String clientId, Duration accessTokenTtl,
			Duration refreshTokenTtl) {

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
		 * @param refreshTokenTtl lifetime of a refresh token
		 */
		public Settings(String issuer, String audience, Duration accessTokenTtl, Duration refreshTokenTtl) {
			this(issuer, audience, issuer, accessTokenTtl, refreshTokenTtl);
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

	/**
	 * The claims of a refresh token.
	 *
	 * @param id its id, which the {@link RefreshTokenRepository} spends
	 * @param familyId the family of tokens rotated from one login
	 * @param username the user
	 * @param userId the user id
	 * @param passwordFingerprint a fingerprint of the password hash at login, or
	 * {@code null}
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

}
