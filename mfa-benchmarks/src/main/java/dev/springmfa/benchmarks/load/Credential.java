package dev.springmfa.benchmarks.load;

import org.jspecify.annotations.Nullable;

/**
 * What a complete login hands to the client: a session in session mode, an access token
 * in jwt mode.
 *
 * @param sessionId the session cookie's value, or {@code null} in jwt mode
 * @param accessToken the access token, or {@code null} in session mode
 */
record Credential(@Nullable String sessionId, @Nullable String accessToken) {

	Credential {
		if (sessionId == null && accessToken == null) {
			throw new IllegalStateException("The login answered neither a session nor an access token");
		}
	}

}
