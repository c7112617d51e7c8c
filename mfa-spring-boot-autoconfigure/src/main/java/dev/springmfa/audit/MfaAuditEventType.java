package dev.springmfa.audit;

/**
 * The kinds of security-relevant MFA events.
 */
public enum MfaAuditEventType {

	/**
	 * A password refused by the password step: the same for an unknown user and a wrong
	 * password. The user is the username as submitted.
	 */
	PASSWORD_FAILED,

	/**
	 * A password login refused unchecked: its account or client address had too many
	 * failed passwords ({@code mfa.login.throttle}). The user is the username as
	 * submitted.
	 */
	LOGIN_THROTTLED,

	/**
	 * The failed passwords of an account cleared through the throttle (support desk). The
	 * user is the username as given.
	 */
	LOGIN_THROTTLE_RESET,

	/** A password login that now needs the second factor. */
	MFA_CHALLENGE_ISSUED,

	/** A second factor verified and the login completed. */
	VERIFY_SUCCEEDED,

	/** A second factor confirmed again for the current login (step-up). */
	STEP_UP_SUCCEEDED,

	/** A wrong second-factor code. */
	VERIFY_FAILED,

	/** A TOTP code whose time step was already accepted. */
	CODE_REPLAY_REFUSED,

	/** The second factor locked after too many failures. */
	LOCKED_OUT,

	/** A lockout reset through the service (support desk). */
	LOCKOUT_RESET,

	/** TOTP activated. */
	TOTP_ACTIVATED,

	/** TOTP deactivated and its recovery codes deleted. */
	TOTP_DEACTIVATED,

	/** A recovery code spent. */
	RECOVERY_CODE_USED,

	/** Recovery codes regenerated. */
	RECOVERY_CODES_REGENERATED,

	/** A spent refresh token was presented again; its whole family was revoked. */
	REFRESH_TOKEN_REUSED,

	/** The refresh tokens of a user were revoked. */
	REFRESH_TOKENS_REVOKED

}
