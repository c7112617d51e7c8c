package dev.springmfa.web;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import jakarta.validation.Valid;
import org.jspecify.annotations.Nullable;

import dev.springmfa.authentication.MfaChallenge;
import dev.springmfa.authenticator.TotpAuthenticatorService;
import dev.springmfa.authenticator.TotpAuthenticatorService.MfaStatus;
import org.springframework.security.core.Authentication;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * The signed-in user's MFA status and recovery codes.
 */
@RestController
@RequestMapping("/mfa")
public class MfaStatusController {

	private final TotpAuthenticatorService service;

	private final MfaCurrentUser currentUser;

	/**
	 * Create a new instance.
	 * @param service the authenticator service
	 * @param currentUser resolves the user
	 */
	public MfaStatusController(TotpAuthenticatorService service, MfaCurrentUser currentUser) {
		this.service = service;
		this.currentUser = currentUser;
	}

	/**
	 * Return the MFA status.
	 * @param authentication the current login
	 * @return the status
	 */
	@GetMapping("/status")
	public Map<String, @Nullable Object> status(@Nullable Authentication authentication) {
		MfaStatus status = this.service.status(this.currentUser.userId(authentication));
		Map<String, @Nullable Object> body = new LinkedHashMap<>();
		body.put("enabled", status.enabled());
		body.put("methods", status.enabled() ? MfaChallenge.METHODS : List.of());
		body.put("recoveryCodesRemaining", status.recoveryCodesRemaining());
		body.put("enabledAt", status.enabledAt());
		body.put("lastUsedAt", status.lastUsedAt());
		return body;
	}

	/**
	 * Return the unused recovery codes.
	 * @param authentication the current login
	 * @return the codes
	 */
	@GetMapping("/recovery-codes")
	public Map<String, Object> recoveryCodes(@Nullable Authentication authentication) {
		List<String> codes = this.service.recoveryCodes(this.currentUser.userId(authentication));
		return Map.of("codes", codes, "remaining", codes.size());
	}

	/**
	 * Replace the recovery codes.
	 * @param authentication the current login
	 * @param request a current TOTP code
	 * @return the new codes
	 */
	@PostMapping("/recovery-codes/regenerate")
	public Map<String, Object> regenerate(@Nullable Authentication authentication,
			@Valid @RequestBody MfaRequests.Code request) {
		List<String> codes = this.service.regenerateRecoveryCodes(this.currentUser.userId(authentication),
				request.code());
		return Map.of("codes", codes, "remaining", codes.size());
	}

}
