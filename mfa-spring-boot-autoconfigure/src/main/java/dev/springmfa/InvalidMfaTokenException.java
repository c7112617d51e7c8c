package dev.springmfa;

import java.io.Serial;

import org.springframework.security.core.AuthenticationException;

/**
 * An ephemeral, activation, access or refresh token that is expired, tampered, spent,
 * revoked or of another kind, or whose user can no longer log in.
 */
public class InvalidMfaTokenException extends AuthenticationException implements MfaFailure {

	@Serial
	private static final long serialVersionUID = 1L;

	/**
	 * Create a new instance with a message safe to show to the client.
	 */
	public InvalidMfaTokenException() {
		super("The token is invalid, expired or already used");
	}

	@Override
	public MfaErrorCode getErrorCode() {
		return MfaErrorCode.INVALID_TOKEN;
	}

}
