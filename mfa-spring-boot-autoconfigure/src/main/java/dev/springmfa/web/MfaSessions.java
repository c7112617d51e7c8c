package dev.springmfa.web;

import jakarta.servlet.http.HttpServletRequest;

import org.springframework.security.core.Authentication;

/**
 * The sessions of a user, so that turning MFA on ends every session but the current one:
 * a session logged in with the password alone must not outlive the change.
 *
 * @see HttpSessionRegistry
 * @see SpringSessionRegistry
 */
public interface MfaSessions {

	/**
	 * Remember the session of a login made through the starter.
	 * @param request the request of the login
	 * @param authentication the login
	 */
	void register(HttpServletRequest request, Authentication authentication);

	/**
	 * End every session of a user except the current request's.
	 * @param username the user's name
	 * @param request the current request
	 */
	void endOtherSessions(String username, HttpServletRequest request);

}
