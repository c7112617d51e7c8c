package dev.springmfa.web;

import java.io.IOException;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.springframework.security.access.AccessDeniedException;
import org.springframework.security.authentication.AuthenticationTrustResolver;
import org.springframework.security.authentication.AuthenticationTrustResolverImpl;
import org.springframework.security.authentication.InsufficientAuthenticationException;
import org.springframework.security.core.AuthenticationException;
import org.springframework.security.core.context.SecurityContextHolderStrategy;
import org.springframework.security.web.util.ThrowableAnalyzer;
import org.springframework.security.web.util.matcher.RequestMatcher;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Answers the authorization refusals of the MFA endpoints with problem documents,
 * whatever entry point and access-denied handler the application's chain has: it sits
 * just inside Spring Security's {@code ExceptionTranslationFilter}. On every other path
 * it answers only a remember-me login that lacks the second factor, with
 * {@code mfa_required}: {@code ExceptionTranslationFilter} would send it to the
 * application's entry point (a login page), though a code is all it needs. Every other
 * refusal goes on to the application's own handling.
 */
public final class MfaEndpointExceptionFilter extends OncePerRequestFilter {

	private final ThrowableAnalyzer throwableAnalyzer = new ThrowableAnalyzer();

	private final AuthenticationTrustResolver trustResolver = new AuthenticationTrustResolverImpl();

	private final RequestMatcher endpoints;

	private final MfaAuthenticationHandlers handlers;

	private final SecurityContextHolderStrategy securityContextHolderStrategy;

	/**
	 * Create a new instance.
	 * @param endpoints matches the MFA endpoints
	 * @param handlers answers the refusals
	 * @param securityContextHolderStrategy holds the current authentication
	 */
	public MfaEndpointExceptionFilter(RequestMatcher endpoints, MfaAuthenticationHandlers handlers,
			SecurityContextHolderStrategy securityContextHolderStrategy) {
		this.endpoints = endpoints;
		this.handlers = handlers;
		this.securityContextHolderStrategy = securityContextHolderStrategy;
	}

	@Override
	protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
			throws ServletException, IOException {
		try {
			chain.doFilter(request, response);
		}
		catch (IOException | ServletException | RuntimeException ex) {
			Throwable[] causes = this.throwableAnalyzer.determineCauseChain(ex);
			boolean answered = !response.isCommitted() && (this.endpoints.matches(request)
					? answerEndpoint(request, response, causes) : answerRememberMe(request, response, causes));
			if (!answered) {
				throw ex;
			}
		}
	}

	private boolean answerRememberMe(HttpServletRequest request, HttpServletResponse response, Throwable[] causes)
			throws IOException {
		if (!this.trustResolver.isRememberMe(this.securityContextHolderStrategy.getContext().getAuthentication())
				|| !(this.throwableAnalyzer.getFirstThrowableOfType(AccessDeniedException.class,
						causes) instanceof AccessDeniedException denied)) {
			return false;
		}
		if (MfaProblemResponder.secondFactorErrors(denied).isEmpty()) {
			return false;
		}
		this.handlers.handle(request, response, denied);
		return true;
	}

	private boolean answerEndpoint(HttpServletRequest request, HttpServletResponse response, Throwable[] causes)
			throws IOException {
		if (this.throwableAnalyzer.getFirstThrowableOfType(AuthenticationException.class,
				causes) instanceof AuthenticationException authentication) {
			this.handlers.commence(request, response, authentication);
			return true;
		}
		if (this.throwableAnalyzer.getFirstThrowableOfType(AccessDeniedException.class,
				causes) instanceof AccessDeniedException denied) {
			if (!this.trustResolver
				.isAuthenticated(this.securityContextHolderStrategy.getContext().getAuthentication())) {
				this.handlers.commence(request, response,
						new InsufficientAuthenticationException("A complete login is required", denied));
			}
			else {
				this.handlers.handle(request, response, denied);
			}
			return true;
		}
		return false;
	}

}
