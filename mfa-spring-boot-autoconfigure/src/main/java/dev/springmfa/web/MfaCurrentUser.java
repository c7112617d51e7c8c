package dev.springmfa.web;

import org.jspecify.annotations.Nullable;

import dev.springmfa.MfaErrorCode;
import dev.springmfa.MfaException;
import dev.springmfa.MfaUserIdResolver;
import org.springframework.security.authentication.AuthenticationTrustResolver;
import org.springframework.security.authentication.AuthenticationTrustResolverImpl;
import org.springframework.security.core.Authentication;

/**
 * Resolves the user of an authenticated MFA endpoint, refusing anonymous calls even
 * where the application's authorization rules let them through.
 */
public class MfaCurrentUser {

	private final MfaUserIdResolver userIdResolver;

	private final AuthenticationTrustResolver trustResolver = new AuthenticationTrustResolverImpl();

	/**
	 * Create a new instance.
	 * @param userIdResolver resolves the user id
	 */
	public MfaCurrentUser(MfaUserIdResolver userIdResolver) {
		this.userIdResolver = userIdResolver;
	}

	/**
	 * Return the user id of an authentication.
	 * @param authentication the current authentication
	 * @return the user id
	 * @throws MfaException {@code unauthenticated} when there is no complete login
	 */
	public String userId(@Nullable Authentication authentication) {
		if (!this.trustResolver.isAuthenticated(authentication)) {
			throw new MfaException(MfaErrorCode.UNAUTHENTICATED, "A complete login is required");
		}
		return this.userIdResolver.resolve(authentication);
	}

}
