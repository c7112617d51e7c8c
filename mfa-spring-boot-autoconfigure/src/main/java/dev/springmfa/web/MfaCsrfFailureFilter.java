package dev.springmfa.web;

import java.io.IOException;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpServletResponseWrapper;

import org.springframework.security.web.csrf.CsrfException;
import org.springframework.security.web.util.matcher.RequestMatcher;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Answers a refused CSRF token on an MFA endpoint with the contract's problem document
 * where the application's chain uses Spring Security's default access-denied handler
 * ({@code AccessDeniedHandlerImpl}), which would send a bare 403 error page. The CSRF
 * check itself, and a handler the application set, stay the application's.
 */
public final class MfaCsrfFailureFilter extends OncePerRequestFilter {

	/**
	 * The request attribute that {@link MfaCsrfTokenFilter}, which comes right after
	 * Spring Security's CSRF filter, sets on every request that got past it.
	 */
	static final String CSRF_CHECKED = MfaCsrfFailureFilter.class.getName() + ".CSRF_CHECKED";

	private final RequestMatcher endpoints;

	private final MfaProblemResponder problems;

	/**
	 * Create a new instance.
	 * @param endpoints matches the MFA endpoints
	 * @param problems writes the answer
	 */
	public MfaCsrfFailureFilter(RequestMatcher endpoints, MfaProblemResponder problems) {
		this.endpoints = endpoints;
		this.problems = problems;
	}

	@Override
	protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
			throws ServletException, IOException {
		if (!this.endpoints.matches(request)) {
			chain.doFilter(request, response);
			return;
		}
		chain.doFilter(request, new HttpServletResponseWrapper(response) {

			@Override
			public void sendError(int status, String message) throws IOException {
				if (!answered(status)) {
					super.sendError(status, message);
				}
			}

			@Override
			public void sendError(int status) throws IOException {
				if (!answered(status)) {
					super.sendError(status);
				}
			}

			// A 403 sent before the request got past the CSRF check is the check's.
			private boolean answered(int status) throws IOException {
				if (status != HttpServletResponse.SC_FORBIDDEN || request.getAttribute(CSRF_CHECKED) != null) {
					return false;
				}
				MfaCsrfFailureFilter.this.problems.respondToAccessDenied(response,
						new CsrfException("The CSRF token is missing or does not match"));
				return true;
			}

		});
	}

}
