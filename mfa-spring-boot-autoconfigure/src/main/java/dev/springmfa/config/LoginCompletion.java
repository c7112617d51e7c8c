package dev.springmfa.config;

import java.util.List;
import java.util.function.UnaryOperator;

import jakarta.servlet.Filter;

import org.jspecify.annotations.Nullable;

import dev.springmfa.jwt.JwtLoginService;
import dev.springmfa.jwt.JwtTokenService;
import dev.springmfa.web.MfaAuthenticationHandlers;
import dev.springmfa.web.MfaLoginCompletionHandler;
import dev.springmfa.web.MfaSessions;
import org.springframework.context.ApplicationContext;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolderStrategy;
import org.springframework.security.web.authentication.session.SessionAuthenticationStrategy;
import org.springframework.security.web.context.SecurityContextRepository;

/**
 * How {@link MfaConfigurer} completes a login and keeps it: in the HTTP session
 * ({@link SessionLogin}) or as an access and a refresh token ({@link JwtLogin}, with
 * {@code mfa.login.mode=jwt}).
 */
sealed interface LoginCompletion permits SessionLogin, JwtLogin {

	/**
	 * Return the completion of the login mode, with its collaborators resolved.
	 * @param context the application context
	 * @param collaborators the collaborators of both modes
	 * @param stateless whether the mode is jwt
	 * @param jwtLoginService the service set on the configurer, if any
	 * @param spaCsrf whether to switch the chain's CSRF protection to the SPA setup
	 * @return the completion
	 */
	static LoginCompletion of(ApplicationContext context, MfaCollaborators collaborators, boolean stateless,
			@Nullable JwtLoginService jwtLoginService, boolean spaCsrf) {
		if (stateless) {
			return new JwtLogin(MfaCollaborators.resolve(context, jwtLoginService, JwtLoginService.class, null),
					MfaCollaborators.resolve(context, null, JwtTokenService.class, null), collaborators.messages(),
					collaborators.problems());
		}
		return new SessionLogin(collaborators.messages(), collaborators.problems(),
				MfaCollaborators.resolve(context, null, MfaSessions.class, null), spaCsrf);
	}

	/**
	 * Return the answers of the MFA endpoints in this mode, the default answer to a
	 * completed login included; the configurer uses the application's own
	 * {@code MfaLoginCompletionHandler} instead where there is one.
	 * @return the handlers
	 */
	MfaAuthenticationHandlers handlers();

	/**
	 * Return whether the code step keeps the credentials of a completed login, the
	 * password's fingerprint, so that the completion issues tokens bound to the password
	 * without loading the user again: only where the login is kept nowhere on the server,
	 * since a session must hold no credentials.
	 * @return whether the code step's manager leaves the credentials
	 */
	default boolean keepsVerifiedCredentials() {
		return false;
	}

	/**
	 * Return what the code step and step-up run in the transaction that accepts the code,
	 * so that what the completion records commits with the code: nothing, unless the
	 * mode's own handler completes the login.
	 * @param handler the handler that completes the chain's logins
	 * @return the completion, called with the complete authentication
	 */
	default UnaryOperator<Authentication> codeCompletion(MfaLoginCompletionHandler handler) {
		return UnaryOperator.identity();
	}

	/**
	 * Adjust the chain's own configurers before they build their filters.
	 * @param http the chain
	 * @param urls the URLs of the endpoints
	 */
	void init(HttpSecurity http, MfaUrls urls);

	/**
	 * Return where a completed login is kept.
	 * @param http the chain
	 * @return the repository
	 */
	SecurityContextRepository securityContextRepository(HttpSecurity http);

	/**
	 * Return what happens to the session when a login completes.
	 * @param http the chain
	 * @return the strategy
	 */
	SessionAuthenticationStrategy sessionAuthenticationStrategy(HttpSecurity http);

	/**
	 * Return the filters of this mode that go after the chain's CSRF filter: the one that
	 * hands out the CSRF token, and any the mode needs before it.
	 * @param http the chain
	 * @param urls the URLs of the endpoints
	 * @return the filters
	 */
	List<Filter> afterCsrf(HttpSecurity http, MfaUrls urls);

	/**
	 * Return the filters of this mode that go beside the login filters.
	 * @param urls the URLs of the endpoints
	 * @param securityContextHolderStrategy the chain's strategy
	 * @return the filters
	 */
	List<Filter> logins(MfaUrls urls, SecurityContextHolderStrategy securityContextHolderStrategy);

}
