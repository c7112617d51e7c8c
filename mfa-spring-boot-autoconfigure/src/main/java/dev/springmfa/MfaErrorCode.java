package dev.springmfa;

/**
 * The stable, machine-readable error codes of the HTTP contract, with the status each one
 * is answered with by default.
 */
public enum MfaErrorCode {

	/** A malformed body, a missing field or a wrongly typed field. */
	VALIDATION_FAILED("validation_failed", 400, "Validation failed"),

	/** The username or the password is wrong. */
	BAD_CREDENTIALS("bad_credentials", 401, "Bad credentials"),

	/** The endpoint needs a complete login. */
	UNAUTHENTICATED("unauthenticated", 401, "Unauthenticated"),

	/** The authentication lacks an authority or factor that the endpoint requires. */
	ACCESS_DENIED("access_denied", 403, "Access denied"),

	/** The TOTP or recovery code is wrong, reused or spent. */
	INVALID_CODE("invalid_code", 400, "Invalid code"),

	/**
	 * An ephemeral or activation token is expired, tampered, spent or of the wrong kind.
	 */
	INVALID_TOKEN("invalid_token", 400, "Invalid token"),

	/** The second factor is locked for a while after too many failed attempts. */
	TOO_MANY_ATTEMPTS("too_many_attempts", 429, "Too many attempts"),

	/** TOTP is already active for the user. */
	MFA_ALREADY_ENABLED("mfa_already_enabled", 409, "MFA already enabled"),

	/** TOTP is not active for the user. */
	MFA_NOT_ENABLED("mfa_not_enabled", 409, "MFA not enabled"),

	/** The request body is over the limit. */
	PAYLOAD_TOO_LARGE("payload_too_large", 413, "Payload too large"),

	/** The request body is not {@code application/json}. */
	UNSUPPORTED_MEDIA_TYPE("unsupported_media_type", 415, "Unsupported media type"),

	/** The request needs the second factor, or a fresher one. */
	MFA_REQUIRED("mfa_required", 401, "Second factor required"),

	/** No such endpoint under the base path. */
	NOT_FOUND("not_found", 404, "Not found"),

	/** The endpoint does not take the request's method. */
	METHOD_NOT_ALLOWED("method_not_allowed", 405, "Method not allowed");

	private final String code;

	private final int status;

	private final String title;

	MfaErrorCode(String code, int status, String title) {
		this.code = code;
		this.status = status;
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
	 * Return the HTTP status this code is answered with by default.
	 * @return the status
	 */
	public int status() {
		return this.status;
	}

	/**
	 * Return a short human-readable summary of the problem.
	 * @return the title
	 */
	public String title() {
		return this.title;
	}

}
