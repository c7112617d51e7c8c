package dev.springmfa.config;

import jakarta.servlet.http.HttpServletRequest;
import org.jspecify.annotations.Nullable;

import dev.springmfa.authentication.MfaChallengeService;
import dev.springmfa.authentication.MfaVerificationService;
import dev.springmfa.jwt.JwtLoginService;
import dev.springmfa.web.MfaLoginCompletionHandler;
import org.springframework.context.ApplicationContext;
import org.springframework.security.authentication.AuthenticationDetailsSource;
import org.springframework.security.authentication.AuthenticationEventPublisher;
import org.springframework.security.authentication.AuthenticationManager;
import org.springframework.security.authentication.DefaultAuthenticationEventPublisher;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.annotation.web.configurers.AbstractHttpConfigurer;
import org.springframework.security.web.authentication.WebAuthenticationDetailsSource;
import org.springframework.util.Assert;
import org.springframework.util.StringUtils;

/**
 * Adds the MFA endpoints to a security filter chain: the password step through the
 * chain's {@link AuthenticationManager}, the code step, step-up, the SPA's CSRF bootstrap
 * and problem-document answers; and answers a request that lacks the second factor with
 * {@code mfa_required}. The rest of the chain (CSRF setup, entry points, access-denied
 * handlers, sessions) stays as the application made it. In {@code mfa.login.mode=jwt} a
 * completed login answers with an access and a refresh token, and the chain also
 * authenticates {@code Authorization: Bearer} requests, which need no CSRF token.
 *
 * <pre class="code">
 * http.with(MfaConfigurer.mfa(), (mfa) -&gt; mfa.loginProcessingUrl("/signin"));
 * </pre>
 *
 * The auto-configuration applies it to every {@link HttpSecurity}; one that the
 * application applies replaces it. With MFA off it adds nothing. Each URL is the one set
 * here, else its place under {@code mfa.base-path}; each collaborator the one set here,
 * else the unique bean of its type, else a default. The code step and step-up publish
 * Spring Security's authentication events, as the password step does.
 */
public final class MfaConfigurer extends AbstractHttpConfigurer<MfaConfigurer, HttpSecurity> {

	private boolean spaCsrf;

	private @Nullable String loginProcessingUrl;

	private @Nullable String verificationUrl;

	private @Nullable String stepUpUrl;

	private @Nullable String tokenRefreshUrl;

	private @Nullable String csrfTokenUrl;

	private @Nullable MfaChallengeService challengeService;

	private @Nullable MfaVerificationService verificationService;

	private @Nullable JwtLoginService jwtLoginService;

	private @Nullable AuthenticationEventPublisher authenticationEventPublisher;

	private @Nullable AuthenticationDetailsSource<HttpServletRequest, ?> authenticationDetailsSource;

	private @Nullable MfaLoginCompletionHandler loginCompletionHandler;

	private @Nullable MfaFilters filters;

	/**
	 * Return a new configurer.
	 * @return the configurer
	 */
	public static MfaConfigurer mfa() {
		return new MfaConfigurer();
	}

	/**
	 * Set whether to switch the chain's CSRF protection, where it is on, to a setup for
	 * SPAs: the raw token in the {@code X-XSRF-TOKEN} header, as with Spring Security's
	 * {@code csrf.spa()}, but kept in the HTTP session, so that a planted cookie cannot
	 * choose it; the {@code XSRF-TOKEN} cookie ({@code SameSite=Strict}) only mirrors it.
	 * Off by default: the application's own setup stays, and the CSRF token URL hands out
	 * its token. The starter's default chain turns it on.
	 * @param spaCsrf whether to switch
	 * @return this configurer
	 */
	public MfaConfigurer spaCsrf(boolean spaCsrf) {
		this.spaCsrf = spaCsrf;
		return this;
	}

	/**
	 * Set the URL of the password step, which takes a JSON {@code POST}. Defaults to
	 * {@code /login} under {@code mfa.base-path}.
	 * @param loginProcessingUrl the URL
	 * @return this configurer
	 */
	public MfaConfigurer loginProcessingUrl(String loginProcessingUrl) {
		this.loginProcessingUrl = url(loginProcessingUrl, "loginProcessingUrl");
		return this;
	}

	/**
	 * Set the URL of the code step. Defaults to {@code /mfa/verify} under
	 * {@code mfa.base-path}.
	 * @param verificationUrl the URL
	 * @return this configurer
	 */
	public MfaConfigurer verificationUrl(String verificationUrl) {
		this.verificationUrl = url(verificationUrl, "verificationUrl");
		return this;
	}

	/**
	 * Set the URL of the step-up. Defaults to {@code /mfa/step-up} under
	 * {@code mfa.base-path}.
	 * @param stepUpUrl the URL
	 * @return this configurer
	 */
	public MfaConfigurer stepUpUrl(String stepUpUrl) {
		this.stepUpUrl = url(stepUpUrl, "stepUpUrl");
		return this;
	}

	/**
	 * Set the URL of the token refresh of {@code mfa.login.mode=jwt}. Defaults to
	 * {@code /token/refresh} under {@code mfa.base-path}.
	 * @param tokenRefreshUrl the URL
	 * @return this configurer
	 */
	public MfaConfigurer tokenRefreshUrl(String tokenRefreshUrl) {
		this.tokenRefreshUrl = url(tokenRefreshUrl, "tokenRefreshUrl");
		return this;
	}

	/**
	 * Set the URL that hands out the CSRF token to a {@code GET}. Defaults to
	 * {@code /csrf} under {@code mfa.base-path}.
	 * @param csrfTokenUrl the URL
	 * @return this configurer
	 */
	public MfaConfigurer csrfTokenUrl(String csrfTokenUrl) {
		this.csrfTokenUrl = url(csrfTokenUrl, "csrfTokenUrl");
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

	/**
	 * Set the publisher of the code step's and step-up's events, and of the refusals of
	 * the password step's throttle ({@code mfa.login.throttle}); the password step's
	 * other events are the chain's authentication manager's. Defaults to the unique
	 * {@link AuthenticationEventPublisher} bean, else a
	 * {@link DefaultAuthenticationEventPublisher}.
	 * @param authenticationEventPublisher the publisher
	 * @return this configurer
	 */
	public MfaConfigurer authenticationEventPublisher(AuthenticationEventPublisher authenticationEventPublisher) {
		Assert.notNull(authenticationEventPublisher, "authenticationEventPublisher cannot be null");
		this.authenticationEventPublisher = authenticationEventPublisher;
		return this;
	}

	/**
	 * Set the source of the details of each login's authentication. Defaults to a
	 * {@link WebAuthenticationDetailsSource}.
	 * @param authenticationDetailsSource the source
	 * @return this configurer
	 */
	public MfaConfigurer authenticationDetailsSource(
			AuthenticationDetailsSource<HttpServletRequest, ?> authenticationDetailsSource) {
		Assert.notNull(authenticationDetailsSource, "authenticationDetailsSource cannot be null");
		this.authenticationDetailsSource = authenticationDetailsSource;
		return this;
	}

	/**
	 * Set what answers a completed login. Defaults to the unique
	 * {@link MfaLoginCompletionHandler} bean, else the answer of the login mode.
	 * @param loginCompletionHandler the handler
	 * @return this configurer
	 */
	public MfaConfigurer loginCompletionHandler(MfaLoginCompletionHandler loginCompletionHandler) {
		Assert.notNull(loginCompletionHandler, "loginCompletionHandler cannot be null");
		this.loginCompletionHandler = loginCompletionHandler;
		return this;
	}

	@Override
	public void init(HttpSecurity http) {
		ApplicationContext context = http.getSharedObject(ApplicationContext.class);
		MfaEndpoints endpoints = context.getBeanProvider(MfaEndpoints.class).getIfAvailable();
		if (endpoints == null) {
			// MFA is off.
			return;
		}
		MfaUrls urls = MfaUrls.of(endpoints.basePath(), this.loginProcessingUrl, this.verificationUrl, this.stepUpUrl,
				this.tokenRefreshUrl, this.csrfTokenUrl);
		MfaCollaborators collaborators = MfaCollaborators.resolve(context, this.challengeService,
				this.verificationService, this.authenticationEventPublisher, this.authenticationDetailsSource);
		LoginCompletion completion = LoginCompletion.of(context, collaborators, endpoints.stateless(),
				this.jwtLoginService, this.spaCsrf);
		MfaLoginCompletionHandler completionHandler = MfaCollaborators.resolve(context, this.loginCompletionHandler,
				MfaLoginCompletionHandler.class, completion::handlers);
		this.filters = new MfaFilters(urls, completion, completionHandler, collaborators, endpoints.maxRequestSize());
		this.filters.init(http);
	}

	@Override
	public void configure(HttpSecurity http) {
		if (this.filters != null) {
			this.filters.configure(http, this::postProcess, getSecurityContextHolderStrategy());
		}
	}

	private static String url(String url, String name) {
		Assert.isTrue(StringUtils.hasText(url) && url.startsWith("/"), () -> name + " must start with '/'");
		return url;
	}

}
