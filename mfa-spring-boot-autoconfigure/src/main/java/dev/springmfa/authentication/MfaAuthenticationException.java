package dev.springmfa.authentication;

import dev.springmfa.MfaException;
import org.springframework.security.core.AuthenticationException;

/**
 * A refused second step of the login, carrying the {@link MfaException} that says why.
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
