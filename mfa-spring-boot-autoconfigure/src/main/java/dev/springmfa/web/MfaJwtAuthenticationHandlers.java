package dev.springmfa.web;

import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.Map;

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
 * login answers with a token pair, and a refusal of a missing or bad bearer token says so
 * in {@code WWW-Authenticate} (RFC 6750).
 */
public class MfaJwtAuthenticationHandlers extends MfaAuthenticationHandlers {

	private final JwtLoginService loginService;

	private final MfaJsonHttp json;

	/**
	 * Create a new instance.
	 * @param json writes the JSON
	 * @param loginService issues the tokens
	 */
	public MfaJwtAuthenticationHandlers(MfaJsonHttp json, JwtLoginService loginService) {
		super(json);
		Assert.notNull(loginService, "loginService cannot be null");
		this.json = json;
		this.loginService = loginService;
	}

	@Override
	public void onAuthenticationSuccess(HttpServletRequest request, HttpServletResponse response,
			Authentication authentication) throws IOException {
		Map<String, Object> body = new LinkedHashMap<>();
		body.put("mfaRequired", false);
		body.put("username", authentication.getName());
		body.putAll(tokenBody(this.loginService.login(authentication)));
		writeTokens(response, body);
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
		writeTokens(response, tokenBody(tokens));
	}

	private void writeTokens(HttpServletResponse response, Map<String, Object> body) throws IOException {
		// RFC 6749 5.1: token responses must not be cached.
		response.setHeader(HttpHeaders.CACHE_CONTROL, "no-store");
		this.json.write(response, body);
	}

	static Map<String, Object> tokenBody(TokenPair tokens) {
		Map<String, Object> body = new LinkedHashMap<>();
		body.put("accessToken", tokens.accessToken());
		body.put("refreshToken", tokens.refreshToken());
		body.put("tokenType", "Bearer");
		body.put("expiresIn", tokens.expiresIn().toSeconds());
		return body;
	}

}
