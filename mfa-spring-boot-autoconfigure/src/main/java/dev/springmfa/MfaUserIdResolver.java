package dev.springmfa;

import org.springframework.security.core.Authentication;

/**
 * Strategy that tells which user an {@link Authentication} belongs to, as the key under
 * which the user's authenticator, recovery codes, lockout state and refresh tokens are
 * stored.
 * <p>
 * It is asked for every kind of authentication of the user: the password step of the JSON
 * login, any other login of the application (HTTP Basic, form login, remember-me), and in
 * jwt mode an {@code AccessTokenAuthenticationToken}, whose principal is the username. An
 * implementation must return, for all of them:
 * <ul>
 * <li>the same id for the same user, at every login and on every instance: a changed id
 * is a user without MFA;</li>
 * <li>different ids for different users: a shared id is a shared second factor.</li>
 * </ul>
 * The default, {@link #byName()}, is the username. Define a bean of this type to key the
 * data on something that outlives a change of username, a user's immutable id for
 * example.
 *
 * @author springmfa
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
