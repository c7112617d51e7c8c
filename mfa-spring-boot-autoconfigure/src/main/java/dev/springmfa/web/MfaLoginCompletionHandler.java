package dev.springmfa.web;

import java.io.IOException;

import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.springframework.security.core.Authentication;
import org.springframework.security.web.authentication.AuthenticationSuccessHandler;

/**
 * Hands a completed login to the client: the answer to the password step of a user
 * without MFA, to the code step, and to a step-up.
 * <p>
 * When it is called, the login is complete and kept: the {@link Authentication} carries
 * its factors, it is the request's security context and, in session mode, it is saved in
 * the session under a new session id (in jwt mode nothing is kept on the server). What is
 * left is the answer, which an implementation must write, and write only for this
 * authentication:
 * <ul>
 * <li>in session mode the default answers {@code {"mfaRequired": false, "username":
 * "..."}};</li>
 * <li>in jwt mode the default issues an access and a refresh token
 * ({@link dev.springmfa.jwt.JwtLoginService#login(Authentication)}) and answers them
 * beside the username; a replacement that issues none leaves the client without a login.
 * After the code step, the authentication's credentials are the password's
 * {@link dev.springmfa.token.PasswordFingerprints.Fingerprint}, which binds the refresh
 * token to the password without loading the user again. Behind the default handler they
 * are instead the refresh token that the code step, or the step-up, recorded in the
 * transaction that accepted the code, which {@code login} then signs.</li>
 * </ul>
 * Define a bean of this type, or set one with
 * {@link dev.springmfa.config.MfaConfigurer#loginCompletionHandler(MfaLoginCompletionHandler)},
 * to answer otherwise, for example to add fields to the answer or to hand the tokens over
 * in a cookie. The configurer uses the one set on it, else the unique bean, else the
 * default of the mode.
 *
 * @author springmfa
 */
@FunctionalInterface
public interface MfaLoginCompletionHandler extends AuthenticationSuccessHandler {

	/**
	 * Answer a completed login.
	 * @param request the request that completed it
	 * @param response the response to write
	 * @param authentication the complete login
	 * @throws IOException if the answer cannot be written
	 * @throws ServletException if the answer fails
	 */
	@Override
	void onAuthenticationSuccess(HttpServletRequest request, HttpServletResponse response,
			Authentication authentication) throws IOException, ServletException;

}
