package dev.springmfa.authentication;

import java.time.Duration;
import java.util.List;

/**
 * The answer to a password login of a user with MFA: nothing is authenticated yet.
 *
 * @param ephemeralToken the token to send with the code
 * @param methods the accepted kinds of code
 * @param expiresIn how long the token is valid
 */
public record MfaChallenge(String ephemeralToken, List<String> methods, Duration expiresIn) {

	/** The accepted kinds of code. */
	public static final List<String> METHODS = List.of("totp", "recovery_code");

	@Override
	public String toString() {
		return "MfaChallenge[methods=" + this.methods + "]";
	}

}
