package dev.springmfa.config;

import org.springframework.util.Assert;

/**
 * Where the MFA endpoints are and how they complete a login, as the auto-configuration
 * bound them from {@code mfa.*}; {@link MfaConfigurer} reads them, and adds nothing where
 * there is no such bean (MFA off).
 *
 * @param basePath the path under which the endpoints are, without a trailing slash
 * @param stateless whether a completed login is a token pair ({@code mfa.login.mode=jwt})
 * rather than a session
 * @param maxRequestSize the largest request body accepted, in bytes
 */
public record MfaEndpoints(String basePath, boolean stateless, long maxRequestSize) {

	/**
	 * Create a new instance.
	 * @param basePath the path under which the endpoints are
	 * @param stateless whether a completed login is a token pair
	 * @param maxRequestSize the largest request body accepted, in bytes
	 */
	public MfaEndpoints {
		Assert.hasText(basePath, "basePath cannot be empty");
	}

}
