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
 * just inside Spring Security's {@code ExceptionTranslationFilter} and lets every other
 * path's refusals through to the application's own handling.
 */
public class MfaEndpointExceptionFilter extends OncePerRequestFilter {

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
		if (!this.endpoints.matches(request)) {
			chain.doFilter(request, response);
			return;
		}
		try {
			chain.doFilter(request, response);
		}
		catch (IOException | ServletException | RuntimeException ex) {
			Throwable[] causes = this.throwableAnalyzer.determineCauseChain(ex);
			if (response.isCommitted() || !answer(request, response, causes)) {
				throw ex;
			}
		}
	}

	private boolean answer(HttpServletRequest request, HttpServletResponse response, Throwable[] causes)
			throws IOException {
		if (this.throwableAnalyzer.getFirstThrowableOfType(AuthenticationException.class,
				causes) instanceof AuthenticationException authentication) {
			this.handlers.commence(request, response, authentication);
			return true;
		}
		if (this.throwableAnalyzer.getFirstThrowableOfType(AccessDeniedException.class,
				causes) instanceof AccessDeniedException denied) {
			if (!this.trustResolver.isAuthenticated(this.securityContextHolderStrategy.getContext().getAuthentication())) {
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
