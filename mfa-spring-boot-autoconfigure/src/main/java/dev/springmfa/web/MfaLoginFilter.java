package dev.springmfa.web;

import java.io.IOException;
import java.util.Optional;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.jspecify.annotations.Nullable;

import dev.springmfa.MfaFactors;
import dev.springmfa.TooManyMfaAttemptsException;
import dev.springmfa.audit.MfaAuditEventPublisher;
import dev.springmfa.audit.MfaAuditEventType;
import dev.springmfa.authentication.MfaChallenge;
import dev.springmfa.authentication.MfaChallengeService;
import dev.springmfa.throttle.LoginThrottle;
import org.springframework.security.authentication.AuthenticationEventPublisher;
import org.springframework.security.authentication.AuthenticationServiceException;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.AuthenticationException;
import org.springframework.security.core.authority.FactorGrantedAuthority;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.web.authentication.AbstractAuthenticationProcessingFilter;
import org.springframework.security.web.util.matcher.RequestMatcher;
import org.springframework.util.Assert;

/**
 * The password step of the login, in JSON. It authenticates through the application's
 * {@link org.springframework.security.authentication.AuthenticationManager}; a user
 * without MFA is logged in at once, a user with MFA gets an ephemeral token and stays
 * unauthenticated until {@link MfaVerificationFilter} completes the login.
 * <p>
 * A refused password is an audit event, the same whether the user exists or not. With a
 * {@link LoginThrottle}, each attempt is reserved before its password is checked, and a
 * throttled one refused without a check.
 */
public final class MfaLoginFilter extends AbstractAuthenticationProcessingFilter {

	private final MfaChallengeService challengeService;

	private final MfaHttpMessages messages;

	private final MfaAuditEventPublisher auditEvents;

	private @Nullable LoginThrottle throttle;

	private @Nullable AuthenticationEventPublisher throttleEvents;

	/**
	 * Create a new instance.
	 * @param requestMatcher matches the login request
	 * @param challengeService decides whether a second factor is needed
	 * @param messages reads and writes the JSON
	 * @param auditEvents publishes the refused passwords
	 */
	public MfaLoginFilter(RequestMatcher requestMatcher, MfaChallengeService challengeService, MfaHttpMessages messages,
			MfaAuditEventPublisher auditEvents) {
		super(requestMatcher);
		Assert.notNull(challengeService, "challengeService cannot be null");
		Assert.notNull(messages, "messages cannot be null");
		Assert.notNull(auditEvents, "auditEvents cannot be null");
		this.challengeService = challengeService;
		this.messages = messages;
		this.auditEvents = auditEvents;
	}

	/**
	 * Set the throttle of the password step, and the publisher of its refusals: a
	 * throttled attempt never reaches the authentication manager, which publishes the
	 * outcome of every other.
	 * @param throttle the throttle
	 * @param eventPublisher the publisher of the refusals
	 */
	public void setLoginThrottle(LoginThrottle throttle, AuthenticationEventPublisher eventPublisher) {
		Assert.notNull(throttle, "throttle cannot be null");
		Assert.notNull(eventPublisher, "eventPublisher cannot be null");
		this.throttle = throttle;
		this.throttleEvents = eventPublisher;
	}

	@Override
	public @Nullable Authentication attemptAuthentication(HttpServletRequest request, HttpServletResponse response)
			throws IOException {
		MfaRequests.Login login = this.messages.read(request, MfaRequests.Login.class);
		UsernamePasswordAuthenticationToken token = UsernamePasswordAuthenticationToken
			.unauthenticated(login.username(), login.password());
		token.setDetails(this.authenticationDetailsSource.buildDetails(request));
		LoginThrottle.Reservation reservation = reserve(token, request);
		Authentication authentication = checkPassword(token);
		if (reservation != null && this.throttle != null) {
			this.throttle.release(reservation);
		}
		authentication = withPasswordFactor(authentication);
		Optional<MfaChallenge> challenge = this.challengeService.challengeIfRequired(authentication);
		if (challenge.isPresent()) {
			// Nothing is authenticated yet: no security context is saved, no session
			// made.
			this.messages.write(response, ChallengeResponse.of(challenge.get()));
			return null;
		}
		// Complete without a second factor: say so, so that authorization need not ask
		// the database whether this user must have one.
		return authentication.toBuilder()
			.authorities(
					(authorities) -> authorities.add(new SimpleGrantedAuthority(MfaFactors.NOT_ENROLLED_AUTHORITY)))
			.build();
	}

	// Before the password is checked, and whether or not the user exists: a throttled
	// attempt is answered alike for every username, and costs no password hash.
	private LoginThrottle.@Nullable Reservation reserve(UsernamePasswordAuthenticationToken token,
			HttpServletRequest request) {
		if (this.throttle == null || this.throttleEvents == null) {
			return null;
		}
		try {
			return this.throttle.reserve(token.getName(), request.getRemoteAddr());
		}
		catch (TooManyMfaAttemptsException ex) {
			// The password was never checked: the event need not carry it.
			token.eraseCredentials();
			this.throttleEvents.publishAuthenticationFailure(ex, token);
			this.auditEvents.publish(MfaAuditEventType.LOGIN_THROTTLED, token.getName());
			throw ex;
		}
	}

	// The manager publishes Spring Security's event; the audit event adds the client
	// and says nothing of why. A manager that could not decide (its store failed)
	// refused no password.
	private Authentication checkPassword(UsernamePasswordAuthenticationToken token) {
		try {
			return getAuthenticationManager().authenticate(token);
		}
		catch (AuthenticationException ex) {
			if (!(ex instanceof AuthenticationServiceException)) {
				this.auditEvents.publish(MfaAuditEventType.PASSWORD_FAILED, token.getName());
			}
			throw ex;
		}
	}

	// DaoAuthenticationProvider grants the password factor; other providers may not.
	private static Authentication withPasswordFactor(Authentication authentication) {
		boolean granted = authentication.getAuthorities()
			.stream()
			.anyMatch((authority) -> FactorGrantedAuthority.PASSWORD_AUTHORITY.equals(authority.getAuthority()));
		if (granted) {
			return authentication;
		}
		return authentication.toBuilder()
			.authorities((authorities) -> authorities
				.add(FactorGrantedAuthority.fromAuthority(FactorGrantedAuthority.PASSWORD_AUTHORITY)))
			.build();
	}

}
