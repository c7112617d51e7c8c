package dev.springmfa.web;

import java.io.IOException;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.springframework.security.web.access.AccessDeniedHandler;
import org.springframework.security.web.csrf.CsrfFilter;
import org.springframework.security.web.csrf.CsrfTokenRepository;
import org.springframework.security.web.util.matcher.AndRequestMatcher;
import org.springframework.security.web.util.matcher.RequestMatcher;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * CSRF protection of the MFA endpoints alone, for a session-mode chain on which the
 * application turned CSRF protection off: the endpoints change a login held in a cookie,
 * so a cross-site form must not reach them. Every other path of the chain is left as the
 * application made it.
 */
public final class MfaCsrfFilter extends OncePerRequestFilter {

	private final RequestMatcher endpoints;

	private final CsrfFilter csrfFilter;

	/**
	 * Create a new instance.
	 * @param endpoints matches the MFA endpoints
	 * @param tokenRepository keeps the tokens
	 * @param accessDeniedHandler answers a missing or wrong token
	 */
	public MfaCsrfFilter(RequestMatcher endpoints, CsrfTokenRepository tokenRepository,
			AccessDeniedHandler accessDeniedHandler) {
		this.endpoints = endpoints;
		this.csrfFilter = new CsrfFilter(tokenRepository);
		this.csrfFilter
			.setRequireCsrfProtectionMatcher(new AndRequestMatcher(CsrfFilter.DEFAULT_CSRF_MATCHER, endpoints));
		this.csrfFilter.setAccessDeniedHandler(accessDeniedHandler);
	}

	@Override
	protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
			throws ServletException, IOException {
		if (this.endpoints.matches(request)) {
			this.csrfFilter.doFilter(request, response, chain);
		}
		else {
			chain.doFilter(request, response);
		}
	}

}
