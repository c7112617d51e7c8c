package dev.springmfa.web;

import java.io.IOException;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import dev.springmfa.jwt.JwtLoginService;
import dev.springmfa.jwt.TokenPair;
import org.springframework.http.HttpHeaders;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.AuthenticationException;
import org.springframework.util.Assert;

/**
 * The JSON answers of a security filter chain in {@code mfa.login.mode=jwt}: a completed
 * login answers with a token pair (the default {@link MfaLoginCompletionHandler} of jwt
 * mode), and a refusal of a missing or bad bearer token says so in
 * {@code WWW-Authenticate} (RFC 6750).
 */
public final class MfaJwtAuthenticationHandlers extends MfaAuthenticationHandlers {

	private final JwtLoginService loginService;

	/**
	 * Create a new instance.
	 * @param messages writes the answer of a completed login
	 * @param problems writes the refusals
	 * @param loginService issues the tokens
	 */
	public MfaJwtAuthenticationHandlers(MfaHttpMessages messages, MfaProblemResponder problems,
			JwtLoginService loginService) {
		super(messages, problems);
		Assert.notNull(loginService, "loginService cannot be null");
		this.loginService = loginService;
	}

	@Override
	public void onAuthenticationSuccess(HttpServletRequest request, HttpServletResponse response,
			Authentication authentication) throws IOException {
		TokenResponse tokens = TokenResponse.of(this.loginService.login(authentication));
		this.messages.write(response, LoginResponse.complete(authentication.getName(), tokens));
	}

	/**
	 * Refuse a bad bearer token.
	 * @param request the request
	 * @param response the response
	 * @param exception why the token was refused
	 * @throws IOException if the answer cannot be written
	 */
	public void onBearerTokenFailure(HttpServletRequest request, HttpServletResponse response,
			AuthenticationException exception) throws IOException {
		response.setHeader(HttpHeaders.WWW_AUTHENTICATE, "Bearer error=\"invalid_token\"");
		super.onAuthenticationFailure(request, response, exception);
	}

	@Override
	public void commence(HttpServletRequest request, HttpServletResponse response,
			AuthenticationException authException) throws IOException {
		response.setHeader(HttpHeaders.WWW_AUTHENTICATE, "Bearer");
		super.commence(request, response, authException);
	}

	/**
	 * Write the answer of a refresh.
	 * @param response the response
	 * @param tokens the new tokens
	 * @throws IOException if the answer cannot be written
	 */
	void writeRefreshed(HttpServletResponse response, TokenPair tokens) throws IOException {
		// RFC 6749 §5.1: token responses must not be cached; no answer of the messages
		// is.
		this.messages.write(response, TokenResponse.of(tokens));
	}

}
