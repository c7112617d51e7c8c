package dev.springmfa.web;

import com.fasterxml.jackson.annotation.JsonUnwrapped;
import org.jspecify.annotations.Nullable;

/**
 * The answer of a completed login: the session holds it, or in jwt mode the tokens that
 * follow the username carry it.
 *
 * @param mfaRequired always {@code false}: nothing is left to prove
 * @param username the user
 * @param tokens the tokens in jwt mode, else {@code null} and left out
 */
record LoginResponse(boolean mfaRequired, String username, @JsonUnwrapped @Nullable TokenResponse tokens) {

	static LoginResponse complete(String username) {
		return new LoginResponse(false, username, null);
	}

	static LoginResponse complete(String username, TokenResponse tokens) {
		return new LoginResponse(false, username, tokens);
	}

}
