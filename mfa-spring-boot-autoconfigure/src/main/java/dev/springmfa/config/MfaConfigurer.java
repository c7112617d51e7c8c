package dev.springmfa.config;

import java.time.Clock;
import java.util.ArrayList;
import java.util.List;

import jakarta.servlet.Filter;
import jakarta.servlet.http.HttpServletRequest;
import org.jspecify.annotations.Nullable;

import dev.springmfa.MfaFactors;
import dev.springmfa.MfaUserIdResolver;
import dev.springmfa.authentication.MfaChallengeService;
import dev.springmfa.authentication.MfaCodeAuthenticationProvider;
import dev.springmfa.authentication.MfaVerificationService;
import dev.springmfa.authenticator.TotpAuthenticatorService;
import dev.springmfa.authorization.MfaAuthorizationManagers;
import dev.springmfa.authorization.MfaEnrollment;
import dev.springmfa.jwt.JwtLoginService;
import dev.springmfa.jwt.JwtTokenService;
import dev.springmfa.web.MfaAuthenticationHandlers;
import dev.springmfa.web.MfaCsrfFailureFilter;
import dev.springmfa.web.MfaCsrfFilter;
import dev.springmfa.web.MfaCsrfTokenFilter;
import dev.springmfa.web.MfaEndpointExceptionFilter;
import dev.springmfa.web.MfaJsonHttp;
import dev.springmfa.web.MfaLoginFilter;
import dev.springmfa.web.MfaRequestSizeFilter;
import dev.springmfa.web.MfaSessions;
import dev.springmfa.web.MfaStepUpFilter;
import dev.springmfa.web.MfaVerificationFilter;
import org.springframework.context.ApplicationContext;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.security.authentication.AuthenticationManager;
import org.springframework.security.authentication.ProviderManager;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.annotation.web.configurers.AbstractHttpConfigurer;
import org.springframework.security.config.annotation.web.configurers.AuthorizeHttpRequestsConfigurer;
import org.springframework.security.config.annotation.web.configurers.CsrfConfigurer;
import org.springframework.security.config.annotation.web.configurers.ExceptionHandlingConfigurer;
import org.springframework.security.web.access.ExceptionTranslationFilter;
import org.springframework.security.web.authentication.AnonymousAuthenticationFilter;
import org.springframework.security.web.authentication.AbstractAuthenticationProcessingFilter;
import org.springframework.security.web.authentication.UsernamePasswordAuthenticationFilter;
import org.springframework.security.web.authentication.session.ChangeSessionIdAuthenticationStrategy;
import org.springframework.security.web.authentication.session.CompositeSessionAuthenticationStrategy;
import org.springframework.security.web.authentication.session.NullAuthenticatedSessionStrategy;
import org.springframework.security.web.authentication.session.SessionAuthenticationStrategy;
import org.springframework.security.web.context.DelegatingSecurityContextRepository;
import org.springframework.security.web.context.HttpSessionSecurityContextRepository;
import org.springframework.security.web.context.RequestAttributeSecurityContextRepository;
import org.springframework.security.web.context.SecurityContextRepository;
import org.springframework.security.web.csrf.CsrfAuthenticationStrategy;
import org.springframework.security.web.csrf.CsrfFilter;
import org.springframework.security.web.csrf.HttpSessionCsrfTokenRepository;
import org.springframework.security.web.servlet.util.matcher.PathPatternRequestMatcher;
import org.springframework.security.web.util.matcher.OrRequestMatcher;
import org.springframework.security.web.util.matcher.RequestMatcher;
import org.springframework.util.Assert;

/**
 * Adds the MFA endpoints to a security filter chain: the password step through the
 * chain's {@link AuthenticationManager}, the code step, step-up, the SPA's CSRF
 * bootstrap, and problem-document answers for the MFA endpoints; and answers a request
 * that lacks the second factor with {@code mfa_required} through Spring Security's
 * missing-authority handling. Everything else of the chain stays as the application made
 * it: its CSRF setup, entry points, access-denied handlers and sessions. In
 * {@code mfa.login.mode=jwt} a completed login answers with an access and a refresh
 * token; the chain then also authenticates {@code Authorization: Bearer} requests, which
 * need no CSRF token.
 *
 * <pre class="code">
 * http.with(MfaConfigurer.mfa(), Customizer.withDefaults());
 * </pre>
 *
 * The auto-configuration applies it to every {@link HttpSecurity}; an application that
 * calls {@code with} itself replaces that instance with its own. With MFA off it adds
 * nothing. Each collaborator is the one set here, else the application context's unique
 * bean of its type.
 */
public final class MfaConfigurer extends AbstractHttpConfigurer<MfaConfigurer, HttpSecurity> {

	private boolean spaCsrf;

	private @Nullable MfaChallengeService challengeService;

	private @Nullable MfaVerificationService verificationService;

	private @Nullable JwtLoginService jwtLoginService;

	private @Nullable MfaAuthenticationHandlers handlers;

	private @Nullable StatelessLogin stateless;

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
	 * Set whether to switch the chain's CSRF protection to Spring Security's cookie setup
	 * for SPAs ({@code csrf.spa()}) where it is on. Off by default: the application's own
	 * setup stays, and {@code GET {base-path}/csrf} hands out its token. The starter's
	 * default chain turns it on.
	 * @param spaCsrf whether to switch
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
		MfaEndpoints endpoints = endpoints(http);
		if (endpoints == null) {
			return;
		}
		MfaAuthenticationHandlers handlers = handlers(http);
		// The rules the app-wide factory does not build (access(...)) need the factor
		// too.
		// Set on the configurer, not as a bean: Spring Security applies such a bean only
		// when it is the only one, and its own observation post-processor is one already.
		AuthorizeHttpRequestsConfigurer<HttpSecurity> authorize = http
			.getConfigurer(AuthorizeHttpRequestsConfigurer.class);
		if (authorize != null) {
			authorize.addObjectPostProcessor(
					MfaAuthorizationManagers.requestAuthorization(resolve(http, null, MfaEnrollment.class)));
		}
		ExceptionHandlingConfigurer<HttpSecurity> exceptions = http.getConfigurer(ExceptionHandlingConfigurer.class);
		if (exceptions != null) {
			exceptions.defaultDeniedHandlerForMissingAuthority(handlers::commenceSecondFactor,
					MfaFactors.TOTP_AUTHORITY);
			exceptions.defaultDeniedHandlerForMissingAuthority(handlers::commenceSecondFactor,
					MfaFactors.RECOVERY_CODE_AUTHORITY);
		}
		StatelessLogin stateless = stateless(http);
		CsrfConfigurer<HttpSecurity> csrf = http.getConfigurer(CsrfConfigurer.class);
		if (stateless != null) {
			stateless.init(http, withoutCsrfToken(endpoints.basePath()));
		}
		else if (csrf != null && this.spaCsrf) {
			http.csrf(CsrfConfigurer::spa);
		}
	}

	@Override
	public void configure(HttpSecurity http) {
		MfaEndpoints settings = endpoints(http);
		if (settings == null) {
			return;
		}
		String basePath = settings.basePath();
		RequestMatcher endpoints = PathPatternRequestMatcher.pathPattern(basePath + "/**");
		MfaJsonHttp json = resolve(http, null, MfaJsonHttp.class);
		MfaAuthenticationHandlers handlers = handlers(http);
		StatelessLogin stateless = stateless(http);
		SessionAuthenticationStrategy sessionStrategy = sessionAuthenticationStrategy(http, stateless);

		http.addFilterBefore(postProcess(new MfaRequestSizeFilter(endpoints, json, settings.maxRequestSize())),
				CsrfFilter.class);
		http.addFilterBefore(postProcess(new MfaCsrfFailureFilter(endpoints, handlers)), CsrfFilter.class);
		if (stateless == null && http.getConfigurer(CsrfConfigurer.class) == null) {
			http.addFilterAfter(
					postProcess(new MfaCsrfFilter(endpoints, new HttpSessionCsrfTokenRepository(), handlers)),
					CsrfFilter.class);
		}
		http.addFilterAfter(postProcess(
				new MfaCsrfTokenFilter(PathPatternRequestMatcher.pathPattern(HttpMethod.GET, basePath + "/csrf"), json,
						stateless != null, this.spaCsrf)),
				CsrfFilter.class);

		MfaLoginFilter login = new MfaLoginFilter(post(basePath + "/login"),
				resolve(http, this.challengeService, MfaChallengeService.class), json);
		login.setAuthenticationManager(http.getSharedObject(AuthenticationManager.class));
		MfaVerificationFilter verification = new MfaVerificationFilter(post(basePath + "/mfa/verify"),
				new ProviderManager(new MfaCodeAuthenticationProvider(
						resolve(http, this.verificationService, MfaVerificationService.class))),
				json);
		MfaStepUpFilter stepUp = new MfaStepUpFilter(post(basePath + "/mfa/step-up"),
				resolve(http, null, TotpAuthenticatorService.class), resolve(http, null, MfaUserIdResolver.class), json,
				context(http).getBeanProvider(Clock.class).getIfUnique(Clock::systemUTC));
		List<AbstractAuthenticationProcessingFilter> logins = List.of(login, verification, stepUp);
		for (AbstractAuthenticationProcessingFilter filter : logins) {
			filter.setAuthenticationSuccessHandler(handlers);
			filter.setAuthenticationFailureHandler(handlers);
			filter.setSecurityContextRepository(securityContextRepository(http, stateless));
			filter.setSessionAuthenticationStrategy(sessionStrategy);
			filter.setSecurityContextHolderStrategy(getSecurityContextHolderStrategy());
		}
		stepUp.setAuthenticationFailureHandler(handlers::onStepUpFailure);

		List<Filter> filters = new ArrayList<>(List.of(login, verification));
		if (stateless != null) {
			filters.addAll(stateless.filters(basePath, getSecurityContextHolderStrategy()));
		}
		for (Filter filter : filters) {
			http.addFilterBefore(postProcess(filter), UsernamePasswordAuthenticationFilter.class);
		}
		// After every login of the chain (bearer, HTTP Basic, remember-me, ...): step-up
		// completes whichever login the request carries.
		http.addFilterBefore(postProcess(stepUp), AnonymousAuthenticationFilter.class);
		http.addFilterAfter(
				postProcess(new MfaEndpointExceptionFilter(endpoints, handlers, getSecurityContextHolderStrategy())),
				ExceptionTranslationFilter.class);
	}

	private SecurityContextRepository securityContextRepository(HttpSecurity http, @Nullable StatelessLogin stateless) {
		if (stateless != null) {
			return new RequestAttributeSecurityContextRepository();
		}
		SecurityContextRepository repository = http.getSharedObject(SecurityContextRepository.class);
		return (repository != null) ? repository : new DelegatingSecurityContextRepository(
				new RequestAttributeSecurityContextRepository(), new HttpSessionSecurityContextRepository());
	}

	// A completed login gets a new session id (session fixation protection), a new CSRF
	// token where the starter keeps them, and is remembered so that turning MFA on can
	// end it.
	private SessionAuthenticationStrategy sessionAuthenticationStrategy(HttpSecurity http,
			@Nullable StatelessLogin stateless) {
		if (stateless != null) {
			return new NullAuthenticatedSessionStrategy();
		}
		List<SessionAuthenticationStrategy> strategies = new ArrayList<>();
		SessionAuthenticationStrategy chain = http.getSharedObject(SessionAuthenticationStrategy.class);
		strategies.add((chain != null) ? chain : new ChangeSessionIdAuthenticationStrategy());
		if (http.getConfigurer(CsrfConfigurer.class) == null) {
			strategies.add(new CsrfAuthenticationStrategy(new HttpSessionCsrfTokenRepository()));
		}
		MfaSessions sessions = resolve(http, null, MfaSessions.class);
		strategies.add((authentication, request, response) -> sessions.register(request, authentication));
		return new CompositeSessionAuthenticationStrategy(strategies);
	}

	private MfaAuthenticationHandlers handlers(HttpSecurity http) {
		if (this.handlers == null) {
			StatelessLogin stateless = stateless(http);
			this.handlers = (stateless != null) ? stateless.handlers()
					: new MfaAuthenticationHandlers(resolve(http, null, MfaJsonHttp.class));
		}
		return this.handlers;
	}

	// Null in session mode.
	private @Nullable StatelessLogin stateless(HttpSecurity http) {
		MfaEndpoints endpoints = endpoints(http);
		if (this.stateless == null && endpoints != null && endpoints.stateless()) {
			this.stateless = new StatelessLogin(resolve(http, this.jwtLoginService, JwtLoginService.class),
					resolve(http, null, JwtTokenService.class), resolve(http, null, MfaJsonHttp.class));
		}
		return this.stateless;
	}

	// Null when MFA is off: the configurer then adds nothing.
	private static @Nullable MfaEndpoints endpoints(HttpSecurity http) {
		return context(http).getBeanProvider(MfaEndpoints.class).getIfAvailable();
	}

	// jwt mode, as the contract has it: no CSRF token for the MFA endpoints, nor for any
	// bearer request, which a browser never sends by itself. A cross-site form cannot
	// reach
	// the MFA endpoints anyway: they take only application/json, which needs a CORS
	// preflight, and every change they make needs a code or token the attacker lacks.
	private static RequestMatcher withoutCsrfToken(String basePath) {
		return new OrRequestMatcher(PathPatternRequestMatcher.pathPattern(basePath + "/**"),
				MfaConfigurer::hasBearerToken);
	}

	private static boolean hasBearerToken(HttpServletRequest request) {
		String authorization = request.getHeader(HttpHeaders.AUTHORIZATION);
		return authorization != null && authorization.regionMatches(true, 0, "Bearer ", 0, 7);
	}

	private static <T> T resolve(HttpSecurity http, @Nullable T value, Class<T> type) {
		if (value != null) {
			return value;
		}
		T bean = context(http).getBeanProvider(type).getIfUnique();
		Assert.state(bean != null,
				() -> "MFA needs a unique " + type.getSimpleName() + " bean, or one set on MfaConfigurer");
		return bean;
	}

	private static ApplicationContext context(HttpSecurity http) {
		return http.getSharedObject(ApplicationContext.class);
	}

	private static RequestMatcher post(String path) {
		return PathPatternRequestMatcher.pathPattern(HttpMethod.POST, path);
	}

}
