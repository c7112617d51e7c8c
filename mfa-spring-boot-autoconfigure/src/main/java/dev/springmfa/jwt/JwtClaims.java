package dev.springmfa.jwt;

import java.time.Clock;
import java.util.Date;
import java.util.List;
import java.util.Map;

import io.jsonwebtoken.Claims;
import io.jsonwebtoken.JwtParser;
import io.jsonwebtoken.Jwts;

import dev.springmfa.InvalidMfaTokenException;
import org.springframework.security.core.authority.FactorGrantedAuthority;

/**
 * What access and refresh tokens have in common: the purpose claim that tells their kinds
 * apart, the checks of a parse, and the factors they carry.
 */
final class JwtClaims {

	static final String PURPOSE = "pur";

	private JwtClaims() {
	}

	/**
	 * Return a parser of one kind of token. A parser is immutable and thread-safe, so
	 * that one serves every request.
	 * @param keys the keys and the one algorithm of the kind
	 * @param clock the clock
	 * @param issuer the required {@code iss}
	 * @param audience the required {@code aud}
	 * @param purpose the required purpose claim
	 * @return the parser
	 */
	static JwtParser parser(JwtSigningKeys keys, Clock clock, String issuer, String audience, String purpose) {
		return keys.verify(Jwts.parser())
			.clock(() -> Date.from(clock.instant()))
			.requireIssuer(issuer)
			.requireAudience(audience)
			.require(PURPOSE, purpose)
			.build();
	}

	/**
	 * Return the factors of verified claims.
	 * @param claims the claims
	 * @return the factors with the time each was proven
	 * @throws InvalidMfaTokenException if the claims have none
	 */
	static List<FactorGrantedAuthority> factors(Claims claims) {
		List<?> amr = claims.get(AuthenticationMethods.AMR, List.class);
		Map<?, ?> times = claims.get(AuthenticationMethods.AMR_TIMES, Map.class);
		if (amr == null || times == null) {
			throw new InvalidMfaTokenException();
		}
		return AuthenticationMethods.factors(amr, times);
	}

}
