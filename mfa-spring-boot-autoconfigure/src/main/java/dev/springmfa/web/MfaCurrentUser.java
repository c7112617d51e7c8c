package dev.springmfa.web;

import org.jspecify.annotations.Nullable;

import dev.springmfa.MfaErrorCode;
import dev.springmfa.MfaException;
import dev.springmfa.MfaUserIdResolver;
import dev.springmfa.authorization.MfaEnrollment;
import org.springframework.lang.Contract;
import org.springframework.security.authentication.AuthenticationTrustResolver;
import org.springframework.security.authentication.AuthenticationTrustResolverImpl;
import org.springframework.security.core.Authentication;

/**
 * Resolves the user of an authenticated MFA endpoint, refusing anonymous calls even where
 * the application's authorization rules let them through.
 */
public class MfaCurrentUser {

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
	 * @throws MfaException {@code unauthenticated} when there is no login,
	 * {@code mfa_required} when an enrolled user's login lacks the second factor, even
	 * where the application's rules let the request through
	 */
	@Contract("null -> fail")
	public String userId(@Nullable Authentication authentication) {
		if (!this.trustResolver.isAuthenticated(authentication)) {
			throw new MfaException(MfaErrorCode.UNAUTHENTICATED, "A complete login is required");
		}
		if (this.enrollment.lacksSecondFactor(authentication)) {
			throw new MfaException(MfaErrorCode.MFA_REQUIRED,
					"This request needs the second factor: confirm the login with a code");
		}
		return this.userIdResolver.resolve(authentication);
	}

}
