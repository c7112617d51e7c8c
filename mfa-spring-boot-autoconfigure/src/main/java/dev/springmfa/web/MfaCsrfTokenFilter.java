package dev.springmfa.web;

import java.io.IOException;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.springframework.security.web.csrf.CsrfToken;
import org.springframework.security.web.util.matcher.RequestMatcher;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Answers the SPA's CSRF bootstrap request with 204, after rendering the deferred CSRF
 * token so that the token repository writes its {@code XSRF-TOKEN} cookie.
 */
public class MfaCsrfTokenFilter extends OncePerRequestFilter {

	private final RequestMatcher requestMatcher;

	/**
	 * Create a new instance.
	 * @param requestMatcher matches the CSRF bootstrap request
	 */
	public MfaCsrfTokenFilter(RequestMatcher requestMatcher) {
		this.requestMatcher = requestMatcher;
	}

	@Override
	protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
			throws ServletException, IOException {
		if (!this.requestMatcher.matches(request)) {
			chain.doFilter(request, response);
			return;
		}
		if (request.getAttribute(CsrfToken.class.getName()) instanceof CsrfToken token) {
			token.getToken();
		}
		response.setHeader("Cache-Control", "no-store");
		response.setStatus(HttpServletResponse.SC_NO_CONTENT);
	}

}
