package dev.springmfa;

import java.io.Serial;
import java.time.Duration;

import org.springframework.security.core.AuthenticationException;
import org.springframework.util.Assert;

/**
 * A second factor locked for a while after too many failed attempts, or a password step
 * throttled ({@code mfa.login.throttle}): while it lasts, even a right code or password
 * is refused.
 */
public class TooManyMfaAttemptsException extends AuthenticationException implements MfaFailure {

	@Serial
	private static final long serialVersionUID = 1L;

	private final Duration retryAfter;

	/**
	 * Create a new instance with a message safe to show to the client.
	 * @param retryAfter how long the lock lasts
	 */
	public TooManyMfaAttemptsException(Duration retryAfter) {
		super("Too many failed attempts; try again later");
		Assert.notNull(retryAfter, "retryAfter cannot be null");
		this.retryAfter = retryAfter;
	}

	/**
	 * Return how long until a code or password may be tried again.
	 * @return the remaining lock
	 */
	public Duration getRetryAfter() {
		return this.retryAfter;
	}

	@Override
	public MfaErrorCode getErrorCode() {
		return MfaErrorCode.TOO_MANY_ATTEMPTS;
	}

}
