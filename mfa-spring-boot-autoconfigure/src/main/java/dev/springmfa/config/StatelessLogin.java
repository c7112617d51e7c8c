package dev.springmfa.config;

import java.util.List;

import jakarta.servlet.Filter;

import dev.springmfa.jwt.AccessTokenAuthenticationProvider;
import dev.springmfa.jwt.JwtLoginService;
import dev.springmfa.jwt.JwtTokenService;
import dev.springmfa.web.MfaBearerTokenAuthenticationConverter;
import dev.springmfa.web.MfaJsonHttp;
import dev.springmfa.web.MfaJwtAuthenticationHandlers;
import dev.springmfa.web.MfaJwtLogoutHandler;
import dev.springmfa.web.MfaTokenRefreshFilter;
import org.springframework.http.HttpMethod;
import org.springframework.security.authentication.ProviderManager;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.annotation.web.configurers.CsrfConfigurer;
import org.springframework.security.config.annotation.web.configurers.LogoutConfigurer;
import org.springframework.security.core.context.SecurityContextHolderStrategy;
import org.springframework.security.web.authentication.AuthenticationFilter;
import org.springframework.security.web.context.RequestAttributeSecurityContextRepository;
import org.springframework.security.web.servlet.util.matcher.PathPatternRequestMatcher;
import org.springframework.security.web.util.matcher.RequestMatcher;

/**
 * What {@link MfaConfigurer} adds to a chain in {@code mfa.login.mode=jwt}: the refresh
 * endpoint, the bearer-token filter, revocation at logout, and no CSRF token for the
 * public login endpoints and bearer requests. The chain's own sessions, request cache and
 * CSRF protection of everything else stay as the application made them.
 */
final class StatelessLogin {

	private final JwtLoginService loginService;

	private final JwtTokenService tokens;

	private final MfaJwtAuthenticationHandlers handlers;

	private final MfaJsonHttp json;

	StatelessLogin(JwtLoginService loginService, JwtTokenService tokens, MfaJsonHttp json) {
		this.loginService = loginService;
		this.tokens = tokens;
		this.json = json;
		this.handlers = new MfaJwtAuthenticationHandlers(json, loginService);
	}

	MfaJwtAuthenticationHandlers handlers() {
		return this.handlers;
	}

	// Browsers do not send bearer tokens on their own, and the public login endpoints
	// hold no login in this mode, so a CSRF token would protect nothing there.
	void init(HttpSecurity http, RequestMatcher withoutCsrfToken) {
		CsrfConfigurer<HttpSecurity> csrf = http.getConfigurer(CsrfConfigurer.class);
		if (csrf != null) {
			csrf.ignoringRequestMatchers(withoutCsrfToken);
		}
		LogoutConfigurer<HttpSecurity> logout = http.getConfigurer(LogoutConfigurer.class);
		if (logout != null) {
			logout.addLogoutHandler(new MfaJwtLogoutHandler(this.loginService, this.json));
		}
	}

	List<Filter> filters(String basePath, SecurityContextHolderStrategy securityContextHolderStrategy) {
		MfaTokenRefreshFilter refresh = new MfaTokenRefreshFilter(
				PathPatternRequestMatcher.pathPattern(HttpMethod.POST, basePath + "/token/refresh"), this.loginService,
				this.json, this.handlers);
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

}
