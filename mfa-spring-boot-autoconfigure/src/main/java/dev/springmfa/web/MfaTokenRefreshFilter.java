package dev.springmfa.web;

import java.io.IOException;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import dev.springmfa.jwt.JwtLoginService;
import dev.springmfa.jwt.TokenPair;
import org.springframework.security.core.AuthenticationException;
import org.springframework.security.web.util.matcher.RequestMatcher;
import org.springframework.util.Assert;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * {@code POST} to the token refresh URL ({@code {base}/token/refresh} unless moved on the
 * configurer): spends a refresh token for a new token pair. It is public, as the login
 * is: the refresh token is the credential.
 */
public final class MfaTokenRefreshFilter extends OncePerRequestFilter {

	private final RequestMatcher requestMatcher;

	private final JwtLoginService loginService;

	private final MfaHttpMessages messages;

	private final MfaJwtAuthenticationHandlers handlers;

	/**
	 * Create a new instance.
	 * @param requestMatcher matches the refresh request
	 * @param loginService spends the refresh token
	 * @param messages reads the JSON
	 * @param handlers writes the new tokens or the refusal
	 */
	public MfaTokenRefreshFilter(RequestMatcher requestMatcher, JwtLoginService loginService, MfaHttpMessages messages,
			MfaJwtAuthenticationHandlers handlers) {
		Assert.notNull(requestMatcher, "requestMatcher cannot be null");
		Assert.notNull(loginService, "loginService cannot be null");
		this.requestMatcher = requestMatcher;
		this.loginService = loginService;
		this.messages = messages;
		this.handlers = handlers;
	}

	@Override
	protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
			throws ServletException, IOException {
		if (!this.requestMatcher.matches(request)) {
			chain.doFilter(request, response);
			return;
		}
		TokenPair tokens;
		try {
			MfaRequests.Refresh refresh = this.messages.read(request, MfaRequests.Refresh.class);
			tokens = this.loginService.refresh(refresh.refreshToken());
		}
		catch (AuthenticationException ex) {
			this.handlers.onAuthenticationFailure(request, response, ex);
			return;
		}
		this.handlers.writeRefreshed(response, tokens);
	}

}
