package dev.springmfa;

import java.io.Serial;

import org.springframework.security.core.AuthenticationException;

/**
 * A TOTP or recovery code that is wrong, reused or spent.
 */
public class InvalidMfaCodeException extends AuthenticationException implements MfaFailure {

	@Serial
	private static final long serialVersionUID = 1L;

	/**
	 * Create a new instance with a message safe to show to the client.
	 */
	public InvalidMfaCodeException() {
		super("The code is invalid, expired or already used");
	}

	@Override
	public MfaErrorCode getErrorCode() {
		return MfaErrorCode.INVALID_CODE;
	}

}
