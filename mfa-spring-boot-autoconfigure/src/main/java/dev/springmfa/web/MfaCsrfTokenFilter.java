package dev.springmfa.web;

import java.io.IOException;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.springframework.security.web.csrf.CsrfToken;
import org.springframework.security.web.csrf.DeferredCsrfToken;
import org.springframework.security.web.util.matcher.RequestMatcher;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Answers the SPA's CSRF bootstrap request with the header name and token of whatever
 * CSRF protection the chain has, so that one SPA works with the application's own token
 * repository; rendering the token also lets a cookie repository write its cookie. In jwt
 * mode the MFA endpoints need no token and the answer is 204.
 */
public final class MfaCsrfTokenFilter extends OncePerRequestFilter {

	private final RequestMatcher requestMatcher;

	private final MfaHttpMessages messages;

	private final boolean stateless;

	private final boolean rawToken;

	/**
	 * Create a new instance.
	 * @param requestMatcher matches the CSRF bootstrap request
	 * @param messages writes the answer
	 * @param stateless whether the MFA endpoints are stateless (jwt mode), where they
	 * need no token and the answer is always 204
	 * @param rawToken whether to hand out the token as stored rather than masked: a setup
	 * for SPAs (the starter's, like Spring Security's {@code csrf.spa()}) accepts only
	 * the stored value in a header
	 */
	public MfaCsrfTokenFilter(RequestMatcher requestMatcher, MfaHttpMessages messages, boolean stateless,
			boolean rawToken) {
		this.requestMatcher = requestMatcher;
		this.messages = messages;
		this.stateless = stateless;
		this.rawToken = rawToken;
	}

	@Override
	protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
			throws ServletException, IOException {
		request.setAttribute(MfaCsrfFailureFilter.CSRF_CHECKED, Boolean.TRUE);
		if (!this.requestMatcher.matches(request)) {
			chain.doFilter(request, response);
			return;
		}
		if (!this.stateless && request.getAttribute(CsrfToken.class.getName()) instanceof CsrfToken masked) {
			CsrfToken token = (this.rawToken
					&& request.getAttribute(DeferredCsrfToken.class.getName()) instanceof DeferredCsrfToken stored)
							? stored.get() : masked;
			// Rendering the token also lets a cookie repository write its cookie.
			masked.getToken();
			this.messages.write(response, new CsrfTokenResponse(token.getHeaderName(), token.getToken()));
			return;
		}
		this.messages.writeNoContent(response);
	}

}
