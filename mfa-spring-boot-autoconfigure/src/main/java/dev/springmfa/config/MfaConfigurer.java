package dev.springmfa.config;

import jakarta.servlet.Filter;
import org.jspecify.annotations.Nullable;

import dev.springmfa.authentication.MfaChallengeService;
import dev.springmfa.authentication.MfaCodeAuthenticationProvider;
import dev.springmfa.authentication.MfaVerificationService;
import dev.springmfa.jwt.JwtLoginService;
import dev.springmfa.jwt.JwtTokenService;
import dev.springmfa.web.MfaAuthenticationHandlers;
import dev.springmfa.web.MfaCsrfTokenFilter;
import dev.springmfa.web.MfaJsonHttp;
import dev.springmfa.web.MfaLoginFilter;
import dev.springmfa.web.MfaRequestSizeFilter;
import dev.springmfa.web.MfaVerificationFilter;
import org.springframework.context.ApplicationContext;
import org.springframework.http.HttpMethod;
import org.springframework.security.authentication.AuthenticationManager;
import org.springframework.security.authentication.ProviderManager;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.annotation.web.configurers.AbstractHttpConfigurer;
import org.springframework.security.config.annotation.web.configurers.CsrfConfigurer;
import org.springframework.security.config.annotation.web.configurers.ExceptionHandlingConfigurer;
import org.springframework.security.web.authentication.AbstractAuthenticationProcessingFilter;
import org.springframework.security.web.authentication.UsernamePasswordAuthenticationFilter;
import org.springframework.security.web.authentication.session.ChangeSessionIdAuthenticationStrategy;
import org.springframework.security.web.authentication.session.SessionAuthenticationStrategy;
import org.springframework.security.web.context.DelegatingSecurityContextRepository;
import org.springframework.security.web.context.HttpSessionSecurityContextRepository;
import org.springframework.security.web.context.RequestAttributeSecurityContextRepository;
import org.springframework.security.web.context.SecurityContextRepository;
import org.springframework.security.web.csrf.CsrfFilter;
import org.springframework.security.web.servlet.util.matcher.PathPatternRequestMatcher;
import org.springframework.security.web.util.matcher.RequestMatcher;
import org.springframework.util.Assert;
import org.springframework.util.unit.DataSize;

/**
 * Adds the two-step JSON login to a security filter chain: the password step through the
 * chain's {@link AuthenticationManager}, the code step, the SPA's CSRF bootstrap, and
 * problem-document answers for the MFA endpoints. In {@code mfa.login.mode=jwt} a
 * completed login answers with an access and a refresh token instead of a session; the
 * chain then authenticates {@code Authorization: Bearer} requests, spends refresh tokens
 * at {@code token/refresh}, revokes them at logout, keeps no session and needs no CSRF
 * protection.
 *
 * <pre class="code">
 * http.with(MfaConfigurer.mfa(), (mfa) -&gt; mfa.spaCsrf(false));
 * </pre>
 *
 * The auto-configuration applies it to every {@link HttpSecurity}; an application that
 * calls {@code with} itself replaces that instance with its own. Each collaborator is the
 * one set here, else the application context's unique bean of its type.
 */
public final class MfaConfigurer extends AbstractHttpConfigurer<MfaConfigurer, HttpSecurity> {

	private @Nullable String basePath;

	private @Nullable StatelessLogin stateless;

	private boolean spaCsrf = true;

	private @Nullable MfaChallengeService challengeService;

	private @Nullable MfaVerificationService verificationService;

	private @Nullable MfaJsonHttp json;

	private @Nullable JwtLoginService jwtLoginService;

	/**
	 * Create a configurer; prefer {@link #mfa()}.
	 */
	public MfaConfigurer() {
	}

	/**
	 * Return a new configurer.
	 * @return the configurer
	 */
	public static MfaConfigurer mfa() {
		return new MfaConfigurer();
	}

	/**
	 * Set whether to configure Spring Security's cookie CSRF protection for SPAs
	 * ({@code csrf.spa()}) where the chain has CSRF protection on.
	 * @param spaCsrf whether to configure it; {@code true} by default
	 * @return this configurer
	 */
	public MfaConfigurer spaCsrf(boolean spaCsrf) {
		this.spaCsrf = spaCsrf;
		return this;
	}

	/**
	 * Set the service that decides whether a password login needs a second factor.
	 * @param challengeService the service
	 * @return this configurer
	 */
	public MfaConfigurer challengeService(MfaChallengeService challengeService) {
		Assert.notNull(challengeService, "challengeService cannot be null");
		this.challengeService = challengeService;
		return this;
	}

	/**
	 * Set the service that completes a login with a code.
	 * @param verificationService the service
	 * @return this configurer
	 */
	public MfaConfigurer verificationService(MfaVerificationService verificationService) {
		Assert.notNull(verificationService, "verificationService cannot be null");
		this.verificationService = verificationService;
		return this;
	}

	/**
	 * Set the service that hands out the tokens of {@code mfa.login.mode=jwt}.
	 * @param jwtLoginService the service
	 * @return this configurer
	 */
	public MfaConfigurer jwtLoginService(JwtLoginService jwtLoginService) {
		Assert.notNull(jwtLoginService, "jwtLoginService cannot be null");
		this.jwtLoginService = jwtLoginService;
		return this;
	}

	@Override
	public void init(HttpSecurity http) {
		StatelessLogin stateless = stateless(http);
		if (stateless != null) {
			stateless.init(http);
		}
		else if (this.spaCsrf && http.getConfigurer(CsrfConfigurer.class) != null) {
			http.csrf(CsrfConfigurer::spa);
		}
		ExceptionHandlingConfigurer<HttpSecurity> exceptions = http.getConfigurer(ExceptionHandlingConfigurer.class);
		if (exceptions != null) {
			MfaAuthenticationHandlers handlers = handlers(http);
			RequestMatcher endpoints = PathPatternRequestMatcher.pathPattern(basePath(http) + "/**");
			exceptions.defaultAuthenticationEntryPointFor(handlers, endpoints);
			exceptions.defaultAccessDeniedHandlerFor(handlers, endpoints);
		}
	}

	@Override
	public void configure(HttpSecurity http) {
		String basePath = basePath(http);
		MfaJsonHttp json = json(http);
		MfaAuthenticationHandlers handlers = handlers(http);
		MfaLoginFilter login = new MfaLoginFilter(post(basePath + "/login"),
				resolve(http, this.challengeService, MfaChallengeService.class), json);
		login.setAuthenticationManager(http.getSharedObject(AuthenticationManager.class));
		MfaVerificationFilter verification = new MfaVerificationFilter(post(basePath + "/mfa/verify"),
				new ProviderManager(new MfaCodeAuthenticationProvider(
						resolve(http, this.verificationService, MfaVerificationService.class))),
				json);
		completeLoginsWith(http, handlers, login);
		completeLoginsWith(http, handlers, verification);
		http.addFilterBefore(postProcess(new MfaRequestSizeFilter(PathPatternRequestMatcher.pathPattern(basePath + "/**"),
				json, maxBodySize(http))), CsrfFilter.class);
		http.addFilterAfter(postProcess(new MfaCsrfTokenFilter(
				PathPatternRequestMatcher.pathPattern(HttpMethod.GET, basePath + "/csrf"))), CsrfFilter.class);
		http.addFilterBefore(postProcess(login), UsernamePasswordAuthenticationFilter.class);
		http.addFilterBefore(postProcess(verification), UsernamePasswordAuthenticationFilter.class);
		StatelessLogin stateless = stateless(http);
		if (stateless != null) {
			for (Filter filter : stateless.filters(basePath, getSecurityContextHolderStrategy())) {
				http.addFilterBefore(postProcess(filter), UsernamePasswordAuthenticationFilter.class);
			}
		}
	}

	private void completeLoginsWith(HttpSecurity http, MfaAuthenticationHandlers handlers,
			AbstractAuthenticationProcessingFilter filter) {
		filter.setAuthenticationSuccessHandler(handlers);
		filter.setAuthenticationFailureHandler(handlers);
		filter.setSecurityContextRepository(securityContextRepository(http));
		filter.setSessionAuthenticationStrategy(sessionAuthenticationStrategy(http));
		filter.setSecurityContextHolderStrategy(getSecurityContextHolderStrategy());
	}

	private static SecurityContextRepository securityContextRepository(HttpSecurity http) {
		SecurityContextRepository repository = http.getSharedObject(SecurityContextRepository.class);
		return (repository != null) ? repository : new DelegatingSecurityContextRepository(
				new RequestAttributeSecurityContextRepository(), new HttpSessionSecurityContextRepository());
	}

	// A completed login gets a new session id (session fixation protection).
	private static SessionAuthenticationStrategy sessionAuthenticationStrategy(HttpSecurity http) {
		SessionAuthenticationStrategy strategy = http.getSharedObject(SessionAuthenticationStrategy.class);
		return (strategy != null) ? strategy : new ChangeSessionIdAuthenticationStrategy();
	}

	private String basePath(HttpSecurity http) {
		if (this.basePath == null) {
			this.basePath = context(http).getEnvironment().getProperty("mfa.base-path", "/api/auth");
		}
		return this.basePath;
	}

	// Null in session mode.
	private @Nullable StatelessLogin stateless(HttpSecurity http) {
		if (this.stateless == null) {
			String mode = context(http).getEnvironment().getProperty("mfa.login.mode", "session");
			if (!"jwt".equalsIgnoreCase(mode.trim())) {
				return null;
			}
			this.stateless = new StatelessLogin(resolve(http, this.jwtLoginService, JwtLoginService.class),
					resolve(http, null, JwtTokenService.class), json(http));
		}
		return this.stateless;
	}

	private static long maxBodySize(HttpSecurity http) {
		String size = context(http).getEnvironment().getProperty("mfa.max-request-size", "16KB");
		return DataSize.parse(size).toBytes();
	}

	private MfaJsonHttp json(HttpSecurity http) {
		if (this.json == null) {
			this.json = resolve(http, null, MfaJsonHttp.class);
		}
		return this.json;
	}

	private MfaAuthenticationHandlers handlers(HttpSecurity http) {
		MfaAuthenticationHandlers handlers = http.getSharedObject(MfaAuthenticationHandlers.class);
		if (handlers == null) {
			StatelessLogin stateless = stateless(http);
			handlers = (stateless != null) ? stateless.handlers() : new MfaAuthenticationHandlers(json(http));
			http.setSharedObject(MfaAuthenticationHandlers.class, handlers);
		}
		return handlers;
	}

	private static <T> T resolve(HttpSecurity http, @Nullable T value, Class<T> type) {
		if (value != null) {
			return value;
		}
		T bean = context(http).getBeanProvider(type).getIfUnique();
		Assert.state(bean != null, () -> "MFA needs a unique " + type.getSimpleName()
				+ " bean, or one set on MfaConfigurer; is mfa.enabled=true?");
		return bean;
	}

	private static ApplicationContext context(HttpSecurity http) {
		return http.getSharedObject(ApplicationContext.class);
	}

	private static RequestMatcher post(String path) {
		return PathPatternRequestMatcher.pathPattern(HttpMethod.POST, path);
	}

}
