package dev.springmfa.config;

import dev.springmfa.MfaFailure;
import dev.springmfa.TooManyMfaAttemptsException;
import org.springframework.security.authentication.AuthenticationEventPublisher;
import org.springframework.security.authentication.BadCredentialsException;
import org.springframework.security.authentication.DefaultAuthenticationEventPublisher;
import org.springframework.security.authentication.LockedException;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.AuthenticationException;

/**
 * Publishes the outcome of the second step through the application's
 * {@link AuthenticationEventPublisher}, a refused code or token as the Spring Security
 * failure it amounts to: {@link DefaultAuthenticationEventPublisher} maps exceptions by
 * their exact class, and would publish nothing for the starter's own. A lock is a
 * {@link LockedException}, anything else a {@link BadCredentialsException}; either keeps
 * the starter's exception as its cause.
 */
final class SecondStepEventPublisher implements AuthenticationEventPublisher {

	private final AuthenticationEventPublisher delegate;

	SecondStepEventPublisher(AuthenticationEventPublisher delegate) {
		this.delegate = delegate;
	}

	@Override
	public void publishAuthenticationSuccess(Authentication authentication) {
		this.delegate.publishAuthenticationSuccess(authentication);
	}

	@Override
	public void publishAuthenticationFailure(AuthenticationException exception, Authentication authentication) {
		this.delegate.publishAuthenticationFailure(asSpringSecurityFailure(exception), authentication);
	}

	private static AuthenticationException asSpringSecurityFailure(AuthenticationException exception) {
		if (!(exception instanceof MfaFailure)) {
			return exception;
		}
		if (exception instanceof TooManyMfaAttemptsException) {
			return new LockedException(message(exception), exception);
		}
		return new BadCredentialsException(message(exception), exception);
	}

	private static String message(AuthenticationException exception) {
		String message = exception.getMessage();
		return (message != null) ? message : "The second factor was refused";
	}

}
