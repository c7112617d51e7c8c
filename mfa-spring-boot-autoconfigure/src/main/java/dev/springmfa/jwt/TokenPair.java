package dev.springmfa.jwt;

import java.time.Duration;

/**
 * The tokens of a completed login or of a refresh.
 *
 * @param accessToken the access token
 * @param refreshToken the refresh token
 * @param expiresIn the lifetime of the access token
 */
public record TokenPair(String accessToken, String refreshToken, Duration expiresIn) {

	@Override
	public String toString() {
		return "TokenPair[expiresIn=" + this.expiresIn + "]";
	}

}
