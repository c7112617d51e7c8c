package dev.springmfa.jwt;

import java.util.Set;

import dev.springmfa.audit.MfaAuditEvent;
import dev.springmfa.audit.MfaAuditEventType;
import org.springframework.context.ApplicationListener;
import org.springframework.util.Assert;

/**
 * Revokes a user's refresh tokens when the second factor changes: TOTP activated or
 * deactivated, recovery codes regenerated. Logins made before the change cannot be
 * refreshed; in particular a password-only login of a user who has just turned MFA on.
 */
public final class RefreshTokenRevocationListener implements ApplicationListener<MfaAuditEvent> {

	private static final Set<MfaAuditEventType> REVOKING = Set.of(MfaAuditEventType.TOTP_ACTIVATED,
			MfaAuditEventType.TOTP_DEACTIVATED, MfaAuditEventType.RECOVERY_CODES_REGENERATED);

	private final JwtLoginService loginService;

	/**
	 * Create a new instance.
	 * @param loginService revokes the tokens
	 */
	public RefreshTokenRevocationListener(JwtLoginService loginService) {
		Assert.notNull(loginService, "loginService cannot be null");
		this.loginService = loginService;
	}

	@Override
	public void onApplicationEvent(MfaAuditEvent event) {
		if (REVOKING.contains(event.getType())) {
			this.loginService.revokeAll(event.getUserId());
		}
	}

}
