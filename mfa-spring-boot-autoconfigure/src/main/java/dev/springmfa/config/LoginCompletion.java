package dev.springmfa.config;

import java.util.List;

import jakarta.servlet.Filter;

import dev.springmfa.web.MfaAuthenticationHandlers;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
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
	 * Return the answers of the MFA endpoints in this mode.
	 * @return the handlers
	 */
	MfaAuthenticationHandlers handlers();

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
