package dev.springmfa.jwt;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import dev.springmfa.InvalidMfaTokenException;
import dev.springmfa.MfaFactors;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.core.authority.FactorGrantedAuthority;

/**
 * Translates between Spring Security's {@link FactorGrantedAuthority factors} and the
 * claims of a token: RFC 8176's {@code amr} ({@code pwd}, {@code otp}, and
 * {@code recovery_code} for a recovery code, which RFC 8176 does not register; other
 * factors by their lower-case name without {@code FACTOR_}; {@code mfa} is added when
 * there is more than one), and {@code amr_times}, the time each was proven.
 */
final class AuthenticationMethods {

	static final String AMR = "amr";

	static final String AMR_TIMES = "amr_times";

	static final String MULTIPLE_FACTORS = "mfa";

	private static final Map<String, String> METHODS = Map.of(FactorGrantedAuthority.PASSWORD_AUTHORITY, "pwd",
			MfaFactors.TOTP_AUTHORITY, "otp", MfaFactors.RECOVERY_CODE_AUTHORITY, "recovery_code");

	private static final String FACTOR_PREFIX = "FACTOR_";

	private AuthenticationMethods() {
	}

	/**
	 * Return the factors among authorities.
	 * @param authorities the authorities of a login
	 * @return its factors
	 */
	static List<FactorGrantedAuthority> factorsOf(Collection<? extends GrantedAuthority> authorities) {
		return authorities.stream()
			.filter(FactorGrantedAuthority.class::isInstance)
			.map(FactorGrantedAuthority.class::cast)
			.toList();
	}

	/**
	 * Return the authorities that are not factors, by name.
	 * @param authorities the authorities of a login
	 * @return the others, such as roles
	 */
	static List<String> otherAuthoritiesOf(Collection<? extends GrantedAuthority> authorities) {
		return authorities.stream()
			.filter((authority) -> !(authority instanceof FactorGrantedAuthority))
			.map(GrantedAuthority::getAuthority)
			.toList();
	}

	/**
	 * Return the {@code amr} claim of factors.
	 * @param factors the factors
	 * @return the method of each, and {@code mfa} if more than one
	 */
	static List<String> amr(List<FactorGrantedAuthority> factors) {
		List<String> amr = new ArrayList<>(factors.stream().map(AuthenticationMethods::method).toList());
		if (factors.size() > 1) {
			amr.add(MULTIPLE_FACTORS);
		}
		return amr;
	}

	/**
	 * Return the {@code amr_times} claim of factors.
	 * @param factors the factors
	 * @return the epoch second at which each was proven, by method
	 */
	static Map<String, Long> times(List<FactorGrantedAuthority> factors) {
		Map<String, Long> times = new LinkedHashMap<>();
		factors.forEach((factor) -> times.put(method(factor), factor.getIssuedAt().getEpochSecond()));
		return times;
	}

	/**
	 * Return the factors of an {@code amr} and an {@code amr_times} claim.
	 * @param amr the methods
	 * @param times the time of each method
	 * @return the factors with their original times
	 * @throws InvalidMfaTokenException if a method has no time
	 */
	static List<FactorGrantedAuthority> factors(List<?> amr, Map<?, ?> times) {
		List<FactorGrantedAuthority> factors = new ArrayList<>();
		for (Object method : amr) {
			if (MULTIPLE_FACTORS.equals(method)) {
				continue;
			}
			if (!(method instanceof String name) || !(times.get(name) instanceof Number time)) {
				throw new InvalidMfaTokenException();
			}
			factors.add(FactorGrantedAuthority.withAuthority(authority(name))
				.issuedAt(Instant.ofEpochSecond(time.longValue()))
				.build());
		}
		return factors;
	}

	private static String method(FactorGrantedAuthority factor) {
		String authority = factor.getAuthority();
		String method = METHODS.get(authority);
		if (method != null) {
			return method;
		}
		String name = authority.startsWith(FACTOR_PREFIX) ? authority.substring(FACTOR_PREFIX.length()) : authority;
		return name.toLowerCase(Locale.ROOT);
	}

	private static String authority(String method) {
		return METHODS.entrySet()
			.stream()
			.filter((entry) -> entry.getValue().equals(method))
			.map(Map.Entry::getKey)
			.findFirst()
			.orElseGet(() -> FACTOR_PREFIX + method.toUpperCase(Locale.ROOT));
	}

}
