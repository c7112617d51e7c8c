package dev.springmfa;

import java.io.Serial;

/**
 * A refused change of a user's MFA settings that conflicts with their state: TOTP is
 * already on, or not on. A refused code, token or attempt is an
 * {@link org.springframework.security.core.AuthenticationException} instead.
 */
public final class MfaException extends RuntimeException implements MfaFailure {

	@Serial
	private static final long serialVersionUID = 1L;

	private final MfaErrorCode errorCode;

	private MfaException(MfaErrorCode errorCode, String message) {
		super(message);
		this.errorCode = errorCode;
	}

	@Override
	public MfaErrorCode getErrorCode() {
		return this.errorCode;
	}

	/**
	 * TOTP already active.
	 * @return the exception
	 */
	public static MfaException alreadyEnabled() {
		return new MfaException(MfaErrorCode.MFA_ALREADY_ENABLED, "Multi-factor authentication is already enabled");
	}

	/**
	 * TOTP not active.
	 * @return the exception
	 */
	public static MfaException notEnabled() {
		return new MfaException(MfaErrorCode.MFA_NOT_ENABLED, "Multi-factor authentication is not enabled");
	}

}
