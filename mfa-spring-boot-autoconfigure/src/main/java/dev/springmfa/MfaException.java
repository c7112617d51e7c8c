package dev.springmfa;

import java.time.Duration;

import org.jspecify.annotations.Nullable;

import org.springframework.util.Assert;

/**
 * A refused MFA operation, with the {@link MfaErrorCode} that the HTTP layer answers it
 * with. The message is safe to show to the client: it never holds a secret, a code or a
 * token.
 */
public class MfaException extends RuntimeException {

	private final MfaErrorCode errorCode;

	private final @Nullable Duration retryAfter;

	/**
	 * Create a new instance.
	 * @param errorCode the error code
	 * @param message a message safe to show to the client
	 */
	public MfaException(MfaErrorCode errorCode, String message) {
		this(errorCode, message, null);
	}

	/**
	 * Create a new instance.
	 * @param errorCode the error code
	 * @param message a message safe to show to the client
	 * @param retryAfter how long until the operation may be tried again, if known
	 */
	public MfaException(MfaErrorCode errorCode, String message, @Nullable Duration retryAfter) {
		super(message);
		Assert.notNull(errorCode, "errorCode cannot be null");
		this.errorCode = errorCode;
		this.retryAfter = retryAfter;
	}

	/**
	 * Return the error code.
	 * @return the error code
	 */
	public MfaErrorCode getErrorCode() {
		return this.errorCode;
	}

	/**
	 * Return how long until the operation may be tried again.
	 * @return the duration, or {@code null} if not applicable
	 */
	public @Nullable Duration getRetryAfter() {
		return this.retryAfter;
	}

	/**
	 * A wrong, reused or spent TOTP or recovery code.
	 * @return the exception
	 */
	public static MfaException invalidCode() {
		return new MfaException(MfaErrorCode.INVALID_CODE, "The code is invalid, expired or already used");
	}

	/**
	 * An expired, tampered, spent or wrong-kind token.
	 * @return the exception
	 */
	public static MfaException invalidToken() {
		return new MfaException(MfaErrorCode.INVALID_TOKEN, "The token is invalid, expired or already used");
	}

	/**
	 * A second factor locked after too many failures.
	 * @param retryAfter how long the lock lasts
	 * @return the exception
	 */
	public static MfaException locked(Duration retryAfter) {
		return new MfaException(MfaErrorCode.TOO_MANY_ATTEMPTS, "Too many failed attempts; try again later",
				retryAfter);
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
