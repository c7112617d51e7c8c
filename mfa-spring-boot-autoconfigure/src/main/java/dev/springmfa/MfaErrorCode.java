package dev.springmfa;

/**
 * The stable, machine-readable error codes of the MFA contract. Which HTTP status answers
 * each one is the web layer's business.
 *
 * @see MfaFailure
 */
public enum MfaErrorCode {

	/** A malformed body, a missing field or a wrongly typed field. */
	VALIDATION_FAILED("validation_failed", "Validation failed"),

	/** The username or the password is wrong. */
	BAD_CREDENTIALS("bad_credentials", "Bad credentials"),

	/** The endpoint needs a complete login. */
	UNAUTHENTICATED("unauthenticated", "Unauthenticated"),

	/** The authentication lacks an authority or factor that the endpoint requires. */
	ACCESS_DENIED("access_denied", "Access denied"),

	/** The TOTP or recovery code is wrong, reused or spent. */
	INVALID_CODE("invalid_code", "Invalid code"),

	/**
	 * An ephemeral, activation or refresh token is expired, tampered, spent or of the
	 * wrong kind.
	 */
	INVALID_TOKEN("invalid_token", "Invalid token"),

	/**
	 * The second factor is locked, or the password step throttled, for a while after too
	 * many failed attempts.
	 */
	TOO_MANY_ATTEMPTS("too_many_attempts", "Too many attempts"),

	/** TOTP is already active for the user. */
	MFA_ALREADY_ENABLED("mfa_already_enabled", "MFA already enabled"),

	/** TOTP is not active for the user. */
	MFA_NOT_ENABLED("mfa_not_enabled", "MFA not enabled"),

	/** The request body is over the limit. */
	PAYLOAD_TOO_LARGE("payload_too_large", "Payload too large"),

	/** The request body is not {@code application/json}. */
	UNSUPPORTED_MEDIA_TYPE("unsupported_media_type", "Unsupported media type"),

	/** The request needs the second factor, or a fresher one. */
	MFA_REQUIRED("mfa_required", "Second factor required"),

	/** No such endpoint under the base path. */
	NOT_FOUND("not_found", "Not found"),

	/** The endpoint does not take the request's method. */
	METHOD_NOT_ALLOWED("method_not_allowed", "Method not allowed");

	private final String code;

	private final String title;

	MfaErrorCode(String code, String title) {
		this.code = code;
		this.title = title;
	}

	/**
	 * Return the code as it appears in a problem document.
	 * @return the code
	 */
	public String code() {
		return this.code;
	}

	/**
	 * Return a short human-readable summary of the problem.
	 * @return the title
	 */
	public String title() {
		return this.title;
	}

}
