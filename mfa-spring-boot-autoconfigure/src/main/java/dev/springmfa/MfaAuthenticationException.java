package dev.springmfa;

import org.springframework.security.core.AuthenticationException;

/**
 * A refused login step (the second step, a step-up, an access token), carrying the
 * {@link MfaException} that says why. It lives beside {@link MfaException} so that the
 * session login and the jwt login, which both throw it, need not know each other.
 */
public class MfaAuthenticationException extends AuthenticationException {

	private final MfaException mfaException;

	/**
	 * Create a new instance.
	 * @param cause the refusal
	 */
	public MfaAuthenticationException(MfaException cause) {
		super(cause.getMessage(), cause);
		this.mfaException = cause;
	}

	/**
	 * Return the refusal, with its error code.
	 * @return the refusal
	 */
	public MfaException getMfaException() {
		return this.mfaException;
	}

}
