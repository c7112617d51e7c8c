package dev.springmfa.web;

import java.time.Instant;
import java.util.List;

import com.fasterxml.jackson.annotation.JsonInclude;
import org.jspecify.annotations.Nullable;

/**
 * The MFA status of the signed-in user.
 *
 * @param enabled whether TOTP is active
 * @param methods the accepted kinds of code, empty when TOTP is not active
 * @param recoveryCodesRemaining the number of unused recovery codes
 * @param enabledAt when TOTP was activated, {@code null} if not active
 * @param lastUsedAt when a code was last accepted, {@code null} if never
 */
record StatusResponse(boolean enabled, List<String> methods, int recoveryCodesRemaining,
		// The contract has these null where unknown, whatever inclusion the application's
		// mapper sets.
		@JsonInclude(JsonInclude.Include.ALWAYS) @Nullable Instant enabledAt,
		@JsonInclude(JsonInclude.Include.ALWAYS) @Nullable Instant lastUsedAt) {

}
