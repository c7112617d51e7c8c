package dev.springmfa.authentication;

import java.util.Collections;

import org.springframework.security.authentication.AbstractAuthenticationToken;

/**
 * An unauthenticated request to complete a login with an ephemeral token and a code.
 */
public final class MfaCodeAuthenticationToken extends AbstractAuthenticationToken {

	private final String ephemeralToken;

	private String code;

	/**
	 * Create a new instance.
	 * @param ephemeralToken the ephemeral token from the password step
	 * @param code a TOTP code or a recovery code
	 */
	public MfaCodeAuthenticationToken(String ephemeralToken, String code) {
		super(Collections.emptyList());
		this.ephemeralToken = ephemeralToken;
		this.code = code;
		setAuthenticated(false);
	}

	public String getEphemeralToken() {
		return this.ephemeralToken;
	}

	@Override
	public String getCredentials() {
		return this.code;
	}

	@Override
	public Object getPrincipal() {
		return "mfa-pending";
	}

	@Override
	public void eraseCredentials() {
		super.eraseCredentials();
		this.code = "";
	}

}
