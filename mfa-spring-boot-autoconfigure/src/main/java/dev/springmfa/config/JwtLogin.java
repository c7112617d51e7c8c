package dev.springmfa.config;

import java.util.List;
import java.util.function.UnaryOperator;

import jakarta.servlet.Filter;
import jakarta.servlet.http.HttpServletRequest;

import dev.springmfa.jwt.AccessTokenAuthenticationProvider;
import dev.springmfa.jwt.JwtLoginService;
import dev.springmfa.jwt.JwtTokenService;
import dev.springmfa.web.MfaBearerTokenAuthenticationConverter;
import dev.springmfa.web.MfaCsrfTokenFilter;
import dev.springmfa.web.MfaHttpMessages;
import dev.springmfa.web.MfaJwtAuthenticationHandlers;
import dev.springmfa.web.MfaJwtLogoutHandler;
import dev.springmfa.web.MfaLoginCompletionHandler;
import dev.springmfa.web.MfaProblemResponder;
import dev.springmfa.web.MfaTokenRefreshFilter;
import org.springframework.http.HttpHeaders;
import org.springframework.security.authentication.ProviderManager;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.annotation.web.configurers.CsrfConfigurer;
import org.springframework.security.config.annotation.web.configurers.LogoutConfigurer;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolderStrategy;
import org.springframework.security.web.authentication.AuthenticationFilter;
import org.springframework.security.web.authentication.session.NullAuthenticatedSessionStrategy;
import org.springframework.security.web.authentication.session.SessionAuthenticationStrategy;
import org.springframework.security.web.context.RequestAttributeSecurityContextRepository;
import org.springframework.security.web.context.SecurityContextRepository;
import org.springframework.security.web.util.matcher.OrRequestMatcher;

/**
 * What {@link MfaConfigurer} adds to a chain in {@code mfa.login.mode=jwt}: a completed
 * login is an access and a refresh token, kept by the client; the refresh endpoint, the
 * bearer-token filter, revocation at logout, and no CSRF token for the MFA endpoints and
 * bearer requests. The chain's own sessions, request cache and CSRF protection of
 * everything else stay as the application made them.
 */
final class JwtLogin implements LoginCompletion {

	private final JwtLoginService loginService;

	private final JwtTokenService tokens;

	private final MfaHttpMessages messages;

	private final MfaJwtAuthenticationHandlers handlers;

	JwtLogin(JwtLoginService loginService, JwtTokenService tokens, MfaHttpMessages messages,
			MfaProblemResponder problems) {
		this.loginService = loginService;
		this.tokens = tokens;
		this.messages = messages;
		this.handlers = new MfaJwtAuthenticationHandlers(messages, problems, loginService);
	}

	@Override
	public MfaJwtAuthenticationHandlers handlers() {
		return this.handlers;
	}

	// The tokens are the login's only record: the refresh token takes the password's
	// fingerprint from the code step's result.
	@Override
	public boolean keepsVerifiedCredentials() {
		return true;
	}

	// The default handler issues the tokens: their refresh token's row is recorded where
	// the code is accepted, on that transaction's connection. An application's handler
	// may issue none, so it gets no row it did not ask for.
	@Override
	public UnaryOperator<Authentication> codeCompletion(MfaLoginCompletionHandler handler) {
		return (handler == this.handlers) ? this.loginService::recordLogin : UnaryOperator.identity();
	}

	// As the contract has it: no CSRF token for the MFA endpoints, nor for any bearer
	// request, which a browser never sends by itself. A cross-site form cannot reach the
	// MFA endpoints anyway: they take only application/json, which needs a CORS
	// preflight, and every change they make needs a code or token the attacker lacks.
	@Override
	public void init(HttpSecurity http, MfaUrls urls) {
		CsrfConfigurer<HttpSecurity> csrf = http.getConfigurer(CsrfConfigurer.class);
		if (csrf != null) {
			csrf.ignoringRequestMatchers(new OrRequestMatcher(urls.endpoints(), JwtLogin::hasBearerToken));
		}
		LogoutConfigurer<HttpSecurity> logout = http.getConfigurer(LogoutConfigurer.class);
		if (logout != null) {
			logout.addLogoutHandler(new MfaJwtLogoutHandler(this.loginService, this.messages));
		}
	}

	@Override
	public SecurityContextRepository securityContextRepository(HttpSecurity http) {
		return new RequestAttributeSecurityContextRepository();
	}

	@Override
	public SessionAuthenticationStrategy sessionAuthenticationStrategy(HttpSecurity http) {
		return new NullAuthenticatedSessionStrategy();
	}

	@Override
	public List<Filter> afterCsrf(HttpSecurity http, MfaUrls urls) {
		return List.of(new MfaCsrfTokenFilter(MfaUrls.get(urls.csrfToken()), this.messages, true, false));
	}

	@Override
	public List<Filter> logins(MfaUrls urls, SecurityContextHolderStrategy securityContextHolderStrategy) {
		MfaTokenRefreshFilter refresh = new MfaTokenRefreshFilter(MfaUrls.post(urls.tokenRefresh()), this.loginService,
				this.messages, this.handlers);
		AuthenticationFilter bearer = new AuthenticationFilter(
				new ProviderManager(new AccessTokenAuthenticationProvider(this.tokens)),
				new MfaBearerTokenAuthenticationConverter());
		// Authenticated for this request only; the chain goes on.
		bearer.setSuccessHandler((request, response, authentication) -> {
		});
		bearer.setFailureHandler(this.handlers::onBearerTokenFailure);
		bearer.setSecurityContextRepository(new RequestAttributeSecurityContextRepository());
		bearer.setSecurityContextHolderStrategy(securityContextHolderStrategy);
		return List.of(refresh, bearer);
	}

	private static boolean hasBearerToken(HttpServletRequest request) {
		String authorization = request.getHeader(HttpHeaders.AUTHORIZATION);
		return authorization != null && authorization.regionMatches(true, 0, "Bearer ", 0, 7);
	}

}
