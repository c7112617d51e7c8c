package dev.springmfa.web;

import java.util.List;

import org.jspecify.annotations.Nullable;

import dev.springmfa.MfaFactors;
import dev.springmfa.MfaUserIdResolver;
import dev.springmfa.authorization.MfaEnrollment;
import org.springframework.lang.Contract;
import org.springframework.security.authentication.AuthenticationTrustResolver;
import org.springframework.security.authentication.AuthenticationTrustResolverImpl;
import org.springframework.security.authentication.InsufficientAuthenticationException;
import org.springframework.security.authorization.AuthorizationDeniedException;
import org.springframework.security.authorization.FactorAuthorizationDecision;
import org.springframework.security.authorization.RequiredFactor;
import org.springframework.security.authorization.RequiredFactorError;
import org.springframework.security.core.Authentication;

/**
 * Resolves the user of an authenticated MFA endpoint, refusing anonymous calls even where
 * the application's authorization rules let them through.
 */
public final class MfaCurrentUser {

	// What Spring Security's multi-factor rule decides for a login without the second
	// factor: either one would do.
	private static final FactorAuthorizationDecision SECOND_FACTOR_MISSING = new FactorAuthorizationDecision(
			List.of(RequiredFactorError.createMissing(RequiredFactor.withAuthority(MfaFactors.TOTP_AUTHORITY).build()),
					RequiredFactorError
						.createMissing(RequiredFactor.withAuthority(MfaFactors.RECOVERY_CODE_AUTHORITY).build())));

	private final MfaUserIdResolver userIdResolver;

	private final MfaEnrollment enrollment;

	private final AuthenticationTrustResolver trustResolver = new AuthenticationTrustResolverImpl();

	/**
	 * Create a new instance.
	 * @param userIdResolver resolves the user id
	 * @param enrollment tells whether the user must have proven a second factor
	 */
	public MfaCurrentUser(MfaUserIdResolver userIdResolver, MfaEnrollment enrollment) {
		this.userIdResolver = userIdResolver;
		this.enrollment = enrollment;
	}

	/**
	 * Return the user id of an authentication.
	 * @param authentication the current authentication
	 * @return the user id
	 * @throws InsufficientAuthenticationException when there is no login
	 * @throws AuthorizationDeniedException when an enrolled user's login lacks the second
	 * factor, even where the application's rules let the request through
	 */
	@Contract("null -> fail")
	public String userId(@Nullable Authentication authentication) {
		if (!this.trustResolver.isAuthenticated(authentication)) {
			throw new InsufficientAuthenticationException("A complete login is required");
		}
		if (this.enrollment.lacksSecondFactor(authentication)) {
			throw new AuthorizationDeniedException("The second factor is required", SECOND_FACTOR_MISSING);
		}
		return this.userIdResolver.resolve(authentication);
	}

}
