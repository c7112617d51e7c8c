package dev.springmfa.config;

import java.util.ArrayList;
import java.util.List;

import jakarta.servlet.Filter;

import dev.springmfa.MfaFactors;
import dev.springmfa.MfaFailure;
import dev.springmfa.authentication.MfaCodeAuthenticationProvider;
import dev.springmfa.authorization.MfaAuthorizationManagers;
import dev.springmfa.throttle.LoginThrottle;
import dev.springmfa.web.MfaAuthenticationHandlers;
import dev.springmfa.web.MfaCsrfFailureFilter;
import dev.springmfa.web.MfaEndpointExceptionFilter;
import dev.springmfa.web.MfaLoginCompletionHandler;
import dev.springmfa.web.MfaLoginFilter;
import dev.springmfa.web.MfaRequestSizeFilter;
import dev.springmfa.web.MfaStepUpFilter;
import dev.springmfa.web.MfaVerificationFilter;
import org.springframework.security.authentication.AuthenticationEventPublisher;
import org.springframework.security.authentication.AuthenticationManager;
import org.springframework.security.authentication.AuthenticationTrustResolver;
import org.springframework.security.authentication.AuthenticationTrustResolverImpl;
import org.springframework.security.authentication.ProviderManager;
import org.springframework.security.config.ObjectPostProcessor;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.annotation.web.configurers.AuthorizeHttpRequestsConfigurer;
import org.springframework.security.config.annotation.web.configurers.ExceptionHandlingConfigurer;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.AuthenticationException;
import org.springframework.security.core.context.SecurityContextHolderStrategy;
import org.springframework.security.web.access.ExceptionTranslationFilter;
import org.springframework.security.web.authentication.AbstractAuthenticationProcessingFilter;
import org.springframework.security.web.authentication.AnonymousAuthenticationFilter;
import org.springframework.security.web.authentication.UsernamePasswordAuthenticationFilter;
import org.springframework.security.web.authentication.session.SessionAuthenticationStrategy;
import org.springframework.security.web.context.SecurityContextRepository;
import org.springframework.security.web.csrf.CsrfFilter;
import org.springframework.security.web.util.matcher.RequestMatcher;

/**
 * What {@link MfaConfigurer} adds to a chain in either login mode: the password step, the
 * code step, step-up, the size limit and problem-document answers of the MFA endpoints,
 * and {@code mfa_required} for a request that lacks the second factor. The
 * {@link LoginCompletion} adds what differs between the modes.
 */
final class MfaFilters {

	private static final AuthenticationTrustResolver TRUST_RESOLVER = new AuthenticationTrustResolverImpl();

	private final MfaUrls urls;

	private final LoginCompletion completion;

	private final MfaLoginCompletionHandler completionHandler;

	private final MfaCollaborators collaborators;

	private final long maxRequestSize;

	MfaFilters(MfaUrls urls, LoginCompletion completion, MfaLoginCompletionHandler completionHandler,
			MfaCollaborators collaborators, long maxRequestSize) {
		this.urls = urls;
		this.completion = completion;
		this.completionHandler = completionHandler;
		this.collaborators = collaborators;
		this.maxRequestSize = maxRequestSize;
	}

	void init(HttpSecurity http) {
		// The rules the app-wide factory does not build (access(...)) need the factor
		// too. Set on the configurer, not as a bean: Spring Security applies such a bean
		// only when it is the only one, and its own observation post-processor is one.
		AuthorizeHttpRequestsConfigurer<HttpSecurity> authorize = http
			.getConfigurer(AuthorizeHttpRequestsConfigurer.class);
		if (authorize != null) {
			authorize
				.addObjectPostProcessor(MfaAuthorizationManagers.requestAuthorization(this.collaborators.enrollment()));
		}
		ExceptionHandlingConfigurer<HttpSecurity> exceptions = http.getConfigurer(ExceptionHandlingConfigurer.class);
		if (exceptions != null) {
			MfaAuthenticationHandlers handlers = this.completion.handlers();
			exceptions.defaultDeniedHandlerForMissingAuthority(handlers::commenceSecondFactor,
					MfaFactors.TOTP_AUTHORITY);
			exceptions.defaultDeniedHandlerForMissingAuthority(handlers::commenceSecondFactor,
					MfaFactors.RECOVERY_CODE_AUTHORITY);
		}
		this.completion.init(http, this.urls);
	}

	void configure(HttpSecurity http, ObjectPostProcessor<Object> postProcessor,
			SecurityContextHolderStrategy securityContextHolderStrategy) {
		RequestMatcher endpoints = this.urls.endpoints();
		MfaAuthenticationHandlers handlers = this.completion.handlers();
		http.addFilterBefore(
				postProcessor.postProcess(
						new MfaRequestSizeFilter(endpoints, this.collaborators.problems(), this.maxRequestSize)),
				CsrfFilter.class);
		http.addFilterBefore(
				postProcessor.postProcess(new MfaCsrfFailureFilter(endpoints, this.collaborators.problems())),
				CsrfFilter.class);
		for (Filter filter : this.completion.afterCsrf(http, this.urls)) {
			http.addFilterAfter(postProcessor.postProcess(filter), CsrfFilter.class);
		}
		SecurityContextRepository repository = this.completion.securityContextRepository(http);
		SessionAuthenticationStrategy sessionStrategy = this.completion.sessionAuthenticationStrategy(http);
		MfaLoginFilter login = login(http);
		MfaVerificationFilter verification = verification();
		MfaStepUpFilter stepUp = stepUp();
		for (AbstractAuthenticationProcessingFilter step : List.of(login, verification)) {
			step.setAuthenticationSuccessHandler(this.completionHandler);
			step.setAuthenticationFailureHandler(handlers);
		}
		for (AbstractAuthenticationProcessingFilter step : List.of(login, verification, stepUp)) {
			step.setSecurityContextRepository(repository);
			step.setSessionAuthenticationStrategy(sessionStrategy);
			step.setSecurityContextHolderStrategy(securityContextHolderStrategy);
			step.setAuthenticationDetailsSource(this.collaborators.detailsSource());
		}
		publishStepUpEvents(stepUp, handlers, repository);
		List<Filter> logins = new ArrayList<>(List.of(login, verification));
		logins.addAll(this.completion.logins(this.urls, securityContextHolderStrategy));
		for (Filter filter : logins) {
			http.addFilterBefore(postProcessor.postProcess(filter), UsernamePasswordAuthenticationFilter.class);
		}
		// After every login of the chain (bearer, HTTP Basic, remember-me, ...): step-up
		// completes whichever login the request carries.
		http.addFilterBefore(postProcessor.postProcess(stepUp), AnonymousAuthenticationFilter.class);
		http.addFilterAfter(
				postProcessor
					.postProcess(new MfaEndpointExceptionFilter(endpoints, handlers, securityContextHolderStrategy)),
				ExceptionTranslationFilter.class);
	}

	// The password step authenticates through the chain's manager, which publishes its
	// events like any login of the chain (Spring Boot sets its publisher on the
	// manager that the chain's falls back to). A throttled attempt never reaches the
	// manager: the filter publishes its refusal itself, as the code step's manager does.
	private MfaLoginFilter login(HttpSecurity http) {
		MfaLoginFilter login = new MfaLoginFilter(MfaUrls.post(this.urls.login()),
				this.collaborators.challengeService(), this.collaborators.messages(), this.collaborators.auditEvents());
		login.setAuthenticationManager(http.getSharedObject(AuthenticationManager.class));
		LoginThrottle throttle = this.collaborators.loginThrottle();
		if (throttle != null) {
			login.setLoginThrottle(throttle, this.collaborators.eventPublisher());
		}
		return login;
	}

	private MfaVerificationFilter verification() {
		ProviderManager manager = new ProviderManager(new MfaCodeAuthenticationProvider(
				this.collaborators.verificationService(), this.completion.codeCompletion(this.completionHandler)));
		manager.setAuthenticationEventPublisher(this.collaborators.eventPublisher());
		manager.setEraseCredentialsAfterAuthentication(!this.completion.keepsVerifiedCredentials());
		return new MfaVerificationFilter(MfaUrls.post(this.urls.verification()), manager,
				this.collaborators.messages());
	}

	private MfaStepUpFilter stepUp() {
		return new MfaStepUpFilter(MfaUrls.post(this.urls.stepUp()), this.collaborators.authenticators(),
				this.collaborators.userIdResolver(), this.collaborators.messages(), this.collaborators.problems(),
				this.collaborators.clock(), this.completion.codeCompletion(this.completionHandler));
	}

	// Step-up proves a code without an AuthenticationManager, so it publishes its own
	// events, as the code step's manager does: a refusal only where there is a login
	// to refuse. The filter has cleared the context by then; the repository still holds
	// the login.
	private void publishStepUpEvents(MfaStepUpFilter stepUp, MfaAuthenticationHandlers handlers,
			SecurityContextRepository repository) {
		AuthenticationEventPublisher events = this.collaborators.eventPublisher();
		stepUp.setAuthenticationSuccessHandler((request, response, authentication) -> {
			events.publishAuthenticationSuccess(authentication);
			this.completionHandler.onAuthenticationSuccess(request, response, authentication);
		});
		stepUp.setAuthenticationFailureHandler((request, response, exception) -> {
			Authentication current = repository.loadDeferredContext(request).get().getAuthentication();
			if (TRUST_RESOLVER.isAuthenticated(current) && isRefusedCode(exception)) {
				events.publishAuthenticationFailure(exception, current);
			}
			handlers.onStepUpFailure(request, response, exception);
		});
	}

	// A body that is malformed, too large or not JSON is no refused login: the code step
	// refuses it before its manager too, and publishes nothing.
	private static boolean isRefusedCode(AuthenticationException exception) {
		return !(exception instanceof MfaFailure failure) || switch (failure.getErrorCode()) {
			case INVALID_CODE, INVALID_TOKEN, TOO_MANY_ATTEMPTS -> true;
			default -> false;
		};
	}

}
