package dev.springmfa;

import org.springframework.security.core.authority.FactorGrantedAuthority;

/**
 * The {@link FactorGrantedAuthority} values that this library grants, beside Spring
 * Security's own {@link FactorGrantedAuthority#PASSWORD_AUTHORITY}.
 *
 * @see org.springframework.security.authorization.AuthorizationManagerFactories#multiFactor()
 */
public final class MfaFactors {

	/**
	 * The authority of a second factor proven with a time-based one-time password (RFC
	 * 6238).
	 */
	public static final String TOTP_AUTHORITY = "FACTOR_TOTP";

	/**
	 * The authority of a second factor proven with a single-use recovery code.
	 */
	public static final String RECOVERY_CODE_AUTHORITY = "FACTOR_RECOVERY_CODE";

	private MfaFactors() {
	}

}
