package dev.springmfa.web;

import java.util.List;

import com.fasterxml.jackson.annotation.JsonUnwrapped;
import org.jspecify.annotations.Nullable;

/**
 * The answer of a confirmed TOTP activation: the recovery codes, shown this once, and in
 * jwt mode a new token pair whose access token holds the TOTP factor.
 *
 * @param enabled always {@code true}
 * @param recoveryCodes the recovery codes
 * @param tokens the new tokens in jwt mode, else {@code null} and left out
 */
record ActivationResponse(boolean enabled, List<String> recoveryCodes, @JsonUnwrapped @Nullable TokenResponse tokens) {

	@Override
	public String toString() {
		return "ActivationResponse[enabled=" + this.enabled + "]";
	}

}
