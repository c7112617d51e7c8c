package dev.springmfa;

import java.time.Instant;
import java.util.Collection;

import org.jspecify.annotations.Nullable;

import org.springframework.security.core.Authentication;
import org.springframework.security.core.GrantedAuthority;
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

	/**
	 * A plain authority, not a factor, that the starter's own login adds for a user who
	 * had no second factor when logging in, so that telling whether the login must have
	 * one costs no query. Turning MFA on replaces it with the TOTP factor in the session
	 * that did it and ends the user's other sessions.
	 */
	public static final String NOT_ENROLLED_AUTHORITY = "MFA_NOT_ENROLLED";

	private MfaFactors() {
	}

	/**
	 * Return whether an authority is a second factor of the starter's.
	 * @param authority the authority
	 * @return whether it is {@link #TOTP_AUTHORITY} or {@link #RECOVERY_CODE_AUTHORITY}
	 */
	public static boolean isSecondFactor(@Nullable String authority) {
		return TOTP_AUTHORITY.equals(authority) || RECOVERY_CODE_AUTHORITY.equals(authority);
	}

	/**
	 * Return whether authorities hold a second factor of the starter's.
	 * @param authorities the authorities
	 * @return whether one of them is a second factor
	 */
	public static boolean hasSecondFactor(Collection<? extends GrantedAuthority> authorities) {
		return authorities.stream().anyMatch((authority) -> isSecondFactor(authority.getAuthority()));
	}

	/**
	 * Return an authentication like the given one, carrying a newly proven second factor
	 * in place of any earlier second factor and of {@link #NOT_ENROLLED_AUTHORITY}.
	 * @param authentication the current authentication
	 * @param factorAuthority {@link #TOTP_AUTHORITY} or {@link #RECOVERY_CODE_AUTHORITY}
	 * @param provenAt when the factor was proven
	 * @return the new authentication
	 */
	public static Authentication withSecondFactor(Authentication authentication, String factorAuthority,
			Instant provenAt) {
		return authentication.toBuilder().authorities((authorities) -> {
			authorities.removeIf((authority) -> isSecondFactor(authority.getAuthority())
					|| NOT_ENROLLED_AUTHORITY.equals(authority.getAuthority()));
			authorities.add(FactorGrantedAuthority.withAuthority(factorAuthority).issuedAt(provenAt).build());
		}).build();
	}

}
