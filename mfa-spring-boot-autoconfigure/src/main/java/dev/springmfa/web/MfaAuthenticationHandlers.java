package dev.springmfa.web;

import java.io.IOException;
import java.util.Map;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import dev.springmfa.MfaErrorCode;
import dev.springmfa.MfaException;
import dev.springmfa.authentication.MfaAuthenticationException;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.AuthenticationException;
import org.springframework.security.web.AuthenticationEntryPoint;
import org.springframework.security.web.access.AccessDeniedHandler;
import org.springframework.security.web.authentication.AuthenticationFailureHandler;
import org.springframework.security.web.authentication.AuthenticationSuccessHandler;
import org.springframework.security.web.csrf.CsrfException;

/**
 * The JSON answers of the security filter chain: a completed login, a refused one, a
 * request that needs a login and one that lacks an authority.
 */
public class MfaAuthenticationHandlers
		implements AuthenticationSuccessHandler, AuthenticationFailureHandler, AuthenticationEntryPoint,
		AccessDeniedHandler {

	private final MfaJsonHttp json;

	/**
	 * Create a new instance.
	 * @param json writes the JSON
	 */
	public MfaAuthenticationHandlers(MfaJsonHttp json) {
		this.json = json;
	}

	@Override
	public void onAuthenticationSuccess(HttpServletRequest request, HttpServletResponse response,
			Authentication authentication) throws IOException {
		this.json.write(response, Map.of("mfaRequired", false, "username", authentication.getName()));
	}

	@Override
	public void onAuthenticationFailure(HttpServletRequest request, HttpServletResponse response,
			AuthenticationException exception) throws IOException {
		if (exception instanceof MfaAuthenticationException mfa) {
			MfaException cause = mfa.getMfaException();
			this.json.writeProblem(response, cause, MfaJsonHttp.loginStatus(cause));
			return;
		}
		// Whatever the password check refused (unknown user, wrong password, disabled
		// account), the answer is the same, so it tells nothing about the account.
		this.json.writeProblem(response,
				new MfaException(MfaErrorCode.BAD_CREDENTIALS, "The username or password is wrong"), 401);
	}

	@Override
	public void commence(HttpServletRequest request, HttpServletResponse response,
			AuthenticationException authException) throws IOException {
		this.json.writeProblem(response,
				new MfaException(MfaErrorCode.UNAUTHENTICATED, "A complete login is required"), 401);
	}

	@Override
	public void handle(HttpServletRequest request, HttpServletResponse response,
			AccessDeniedException accessDeniedException) throws IOException {
		// Same code, since the contract has none for CSRF; the detail tells the SPA's
		// developer which of the two it is.
		String detail = (accessDeniedException instanceof CsrfException)
				? "The CSRF token is missing or stale: read the XSRF-TOKEN cookie again and send it as X-XSRF-TOKEN"
				: "The current login does not grant access";
		this.json.writeProblem(response, new MfaException(MfaErrorCode.ACCESS_DENIED, detail), 403);
	}

}
