package dev.springmfa;

import org.springframework.security.core.Authentication;

/**
 * Strategy that tells which user an {@link Authentication} belongs to, as the key under
 * which the user's authenticator, recovery codes and lockout state are stored.
 */
@FunctionalInterface
public interface MfaUserIdResolver {

	/**
	 * Return the stable identifier of the user of the given authentication.
	 * @param authentication an authentication of the user, at least by password
	 * @return the user id, at most 255 characters
	 */
	String resolve(Authentication authentication);

	/**
	 * The default resolver, {@link Authentication#getName()}.
	 * @return the resolver
	 */
	static MfaUserIdResolver byName() {
		return Authentication::getName;
	}

}
