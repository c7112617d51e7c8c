package dev.springmfa.config;

import java.time.Clock;
import java.util.function.Supplier;

import jakarta.servlet.http.HttpServletRequest;
import org.jspecify.annotations.Nullable;

import dev.springmfa.MfaUserIdResolver;
import dev.springmfa.audit.MfaAuditEventPublisher;
import dev.springmfa.authentication.MfaChallengeService;
import dev.springmfa.authentication.MfaVerificationService;
import dev.springmfa.authenticator.TotpAuthenticatorService;
import dev.springmfa.authorization.MfaEnrollment;
import dev.springmfa.throttle.LoginThrottle;
import dev.springmfa.web.MfaHttpMessages;
import dev.springmfa.web.MfaProblemResponder;
import org.springframework.context.ApplicationContext;
import org.springframework.security.authentication.AuthenticationDetailsSource;
import org.springframework.security.authentication.AuthenticationEventPublisher;
import org.springframework.security.authentication.DefaultAuthenticationEventPublisher;
import org.springframework.security.web.authentication.WebAuthenticationDetailsSource;
import org.springframework.util.Assert;

/**
 * The collaborators of {@link MfaConfigurer} that both login modes use, as it resolved
 * them: each the one set on it, else the application context's unique bean of its type,
 * else a default where there is one.
 *
 * @param messages reads and writes the JSON
 * @param problems writes the problem documents
 * @param enrollment tells whether a user must have the second factor
 * @param challengeService decides whether a password login needs a second factor
 * @param verificationService completes a login with a code
 * @param authenticators checks the code of a step-up
 * @param userIdResolver resolves the user of a login
 * @param clock times a step-up's factor
 * @param eventPublisher publishes the success or failure of the second step, and the
 * refusals of the login throttle
 * @param detailsSource the request details of each login
 * @param auditEvents publishes the audit events of the password step
 * @param loginThrottle the throttle of the password step, or {@code null} where it is off
 */
record MfaCollaborators(MfaHttpMessages messages, MfaProblemResponder problems, MfaEnrollment enrollment,
		MfaChallengeService challengeService, MfaVerificationService verificationService,
		TotpAuthenticatorService authenticators, MfaUserIdResolver userIdResolver, Clock clock,
		AuthenticationEventPublisher eventPublisher, AuthenticationDetailsSource<HttpServletRequest, ?> detailsSource,
		MfaAuditEventPublisher auditEvents, @Nullable LoginThrottle loginThrottle) {

	/**
	 * Resolve the collaborators, each the value set on {@link MfaConfigurer}, else the
	 * unique bean of its type, else its default.
	 * @param context the application context
	 * @param challengeService the service set on the configurer, if any
	 * @param verificationService the service set on the configurer, if any
	 * @param eventPublisher the publisher set on the configurer, if any
	 * @param detailsSource the details source set on the configurer, if any
	 * @return the collaborators
	 */
	static MfaCollaborators resolve(ApplicationContext context, @Nullable MfaChallengeService challengeService,
			@Nullable MfaVerificationService verificationService, @Nullable AuthenticationEventPublisher eventPublisher,
			@Nullable AuthenticationDetailsSource<HttpServletRequest, ?> detailsSource) {
		AuthenticationEventPublisher events = resolve(context, eventPublisher, AuthenticationEventPublisher.class,
				() -> new DefaultAuthenticationEventPublisher(context));
		return new MfaCollaborators(resolve(context, null, MfaHttpMessages.class, null),
				resolve(context, null, MfaProblemResponder.class, null),
				resolve(context, null, MfaEnrollment.class, null),
				resolve(context, challengeService, MfaChallengeService.class, null),
				resolve(context, verificationService, MfaVerificationService.class, null),
				resolve(context, null, TotpAuthenticatorService.class, null),
				resolve(context, null, MfaUserIdResolver.class, null),
				resolve(context, null, Clock.class, Clock::systemUTC), new SecondStepEventPublisher(events),
				// As on Spring Security's own login filters, never a bean.
				(detailsSource != null) ? detailsSource : new WebAuthenticationDetailsSource(),
				resolve(context, null, MfaAuditEventPublisher.class, null),
				context.getBeanProvider(LoginThrottle.class).getIfUnique());
	}

	/**
	 * Resolve one collaborator, in the one order of all: the value set on
	 * {@link MfaConfigurer}, else the unique bean of its type, else the default. Without
	 * any, the start fails saying what to provide.
	 * @param <T> the type
	 * @param context the application context
	 * @param value the value set on the configurer, if any
	 * @param type the type
	 * @param defaultValue the default, if there is one
	 * @return the collaborator
	 */
	static <T> T resolve(ApplicationContext context, @Nullable T value, Class<T> type,
			@Nullable Supplier<T> defaultValue) {
		if (value != null) {
			return value;
		}
		T bean = context.getBeanProvider(type).getIfUnique();
		if (bean == null && defaultValue != null) {
			bean = defaultValue.get();
		}
		Assert.state(bean != null,
				() -> "MFA needs a unique " + type.getSimpleName() + " bean, or one set on MfaConfigurer");
		return bean;
	}

}
