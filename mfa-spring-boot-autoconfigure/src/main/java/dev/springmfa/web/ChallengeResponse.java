package dev.springmfa.web;

import java.util.List;

import dev.springmfa.authentication.MfaChallenge;

/**
 * The answer of a password login that needs a second factor: nothing is authenticated
 * yet.
 *
 * @param mfaRequired always {@code true}
 * @param ephemeralToken the token to send with the code
 * @param methods the accepted kinds of code
 * @param expiresIn how long the token is valid, in seconds
 */
record ChallengeResponse(boolean mfaRequired, String ephemeralToken, List<String> methods, long expiresIn) {

	static ChallengeResponse of(MfaChallenge challenge) {
		return new ChallengeResponse(true, challenge.ephemeralToken(), challenge.methods(),
				challenge.expiresIn().toSeconds());
	}

	@Override
	public String toString() {
		return "ChallengeResponse[methods=" + this.methods + "]";
	}

}
