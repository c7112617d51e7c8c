package dev.springmfa.web;

import java.io.IOException;
import java.time.Clock;
import java.util.function.UnaryOperator;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.jspecify.annotations.Nullable;

import dev.springmfa.MfaException;
import dev.springmfa.MfaFactors;
import dev.springmfa.MfaUserIdResolver;
import dev.springmfa.authenticator.TotpAuthenticatorService;
import org.springframework.security.authentication.AuthenticationTrustResolver;
import org.springframework.security.authentication.AuthenticationTrustResolverImpl;
import org.springframework.security.authentication.InsufficientAuthenticationException;
import org.springframework.security.authentication.ProviderNotFoundException;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.core.context.SecurityContextHolderStrategy;
import org.springframework.security.web.authentication.AbstractAuthenticationProcessingFilter;
import org.springframework.security.web.util.matcher.RequestMatcher;
import org.springframework.util.Assert;

/**
 * Completes or renews the second factor of the current login with a code: a form-login or
 * remember-me session of an enrolled user becomes a complete login, and a complete login
 * gets a fresh factor time for rules with a {@code validDuration}. The result is saved
 * like any login: a new session id in session mode, a new token pair in jwt mode.
 */
public final class MfaStepUpFilter extends AbstractAuthenticationProcessingFilter {

	private final TotpAuthenticatorService authenticators;

	private final MfaUserIdResolver userIdResolver;

	private final MfaHttpMessages messages;

	private final MfaProblemResponder problems;

	private final Clock clock;

	private final UnaryOperator<Authentication> completion;

	private final AuthenticationTrustResolver trustResolver = new AuthenticationTrustResolverImpl();

	private SecurityContextHolderStrategy securityContextHolderStrategy = SecurityContextHolder
		.getContextHolderStrategy();

	/**
	 * Create a new instance.
	 * @param requestMatcher matches the step-up request
	 * @param authenticators checks the code
	 * @param userIdResolver resolves the user id of the current login
	 * @param messages reads the JSON
	 * @param problems answers a user without MFA
	 * @param clock the clock
	 */
	public MfaStepUpFilter(RequestMatcher requestMatcher, TotpAuthenticatorService authenticators,
			MfaUserIdResolver userIdResolver, MfaHttpMessages messages, MfaProblemResponder problems, Clock clock) {
		this(requestMatcher, authenticators, userIdResolver, messages, problems, clock, UnaryOperator.identity());
	}

	/**
	 * Create a new instance that completes the renewed login in the transaction that
	 * accepts its code.
	 * @param requestMatcher matches the step-up request
	 * @param authenticators checks the code
	 * @param userIdResolver resolves the user id of the current login
	 * @param messages reads the JSON
	 * @param problems answers a user without MFA
	 * @param clock the clock
	 * @param completion runs on the renewed authentication in the code's transaction, as
	 * the code step's does ({@code MfaVerificationService}): in jwt mode it records the
	 * new refresh token, which then commits with the code or not at all
	 */
	public MfaStepUpFilter(RequestMatcher requestMatcher, TotpAuthenticatorService authenticators,
			MfaUserIdResolver userIdResolver, MfaHttpMessages messages, MfaProblemResponder problems, Clock clock,
			UnaryOperator<Authentication> completion) {
		super(requestMatcher);
		Assert.notNull(authenticators, "authenticators cannot be null");
		Assert.notNull(problems, "problems cannot be null");
		Assert.notNull(completion, "completion cannot be null");
		this.authenticators = authenticators;
		this.userIdResolver = userIdResolver;
		this.messages = messages;
		this.problems = problems;
		this.clock = clock;
		this.completion = completion;
		// The current login is the credential here; there is nothing to hand a manager.
		setAuthenticationManager((authentication) -> {
			throw new ProviderNotFoundException("step-up authenticates the current login itself");
		});
	}

	@Override
	public void setSecurityContextHolderStrategy(SecurityContextHolderStrategy securityContextHolderStrategy) {
		super.setSecurityContextHolderStrategy(securityContextHolderStrategy);
		this.securityContextHolderStrategy = securityContextHolderStrategy;
	}

	@Override
	public @Nullable Authentication attemptAuthentication(HttpServletRequest request, HttpServletResponse response)
			throws IOException {
		Authentication current = this.securityContextHolderStrategy.getContext().getAuthentication();
		if (!this.trustResolver.isAuthenticated(current)) {
			throw new InsufficientAuthenticationException("Step-up needs a login");
		}
		MfaRequests.Code body = this.messages.read(request, MfaRequests.Code.class);
		try {
			return this.authenticators.stepUp(this.userIdResolver.resolve(current), body.code(),
					(factor) -> this.completion
						.apply(MfaFactors.withSecondFactor(current, factor, this.clock.instant())));
		}
		catch (MfaException ex) {
			// MFA is off for this user: a conflict with their settings, not a failed
			// login, so it is answered as the controllers answer it and the login stands.
			this.problems.respond(response, ex);
			return null;
		}
	}

}
