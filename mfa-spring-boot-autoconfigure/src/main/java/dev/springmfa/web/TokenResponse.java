package dev.springmfa.web;

import dev.springmfa.jwt.TokenPair;

/**
 * The tokens of a login in jwt mode, as OAuth 2.0 names them (RFC 6749 §5.1).
 *
 * @param accessToken the access token
 * @param refreshToken the refresh token
 * @param tokenType always {@code Bearer}
 * @param expiresIn the lifetime of the access token, in seconds
 */
record TokenResponse(String accessToken, String refreshToken, String tokenType, long expiresIn) {

	static TokenResponse of(TokenPair tokens) {
		return new TokenResponse(tokens.accessToken(), tokens.refreshToken(), "Bearer", tokens.expiresIn().toSeconds());
	}

	@Override
	public String toString() {
		return "TokenResponse[expiresIn=" + this.expiresIn + "]";
	}

}
