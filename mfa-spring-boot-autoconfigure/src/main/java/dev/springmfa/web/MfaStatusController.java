package dev.springmfa.web;

import java.util.List;

import jakarta.validation.Valid;
import org.jspecify.annotations.Nullable;

import dev.springmfa.authentication.MfaChallenge;
import dev.springmfa.authenticator.TotpAuthenticatorService;
import dev.springmfa.authenticator.TotpAuthenticatorService.MfaStatus;
import dev.springmfa.authenticator.TotpAuthenticatorService.UnusedRecoveryCodes;
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
public final class MfaStatusController {

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
	StatusResponse status(@Nullable Authentication authentication) {
		MfaStatus status = this.service.status(this.currentUser.userId(authentication));
		return new StatusResponse(status.enabled(), status.enabled() ? MfaChallenge.METHODS : List.of(),
				status.recoveryCodesRemaining(), status.enabledAt(), status.lastUsedAt());
	}

	/**
	 * Return the unused recovery codes, or only their number where they are stored
	 * hashed.
	 * @param authentication the current login
	 * @return the codes
	 */
	@GetMapping("/recovery-codes")
	RecoveryCodesResponse recoveryCodes(@Nullable Authentication authentication) {
		UnusedRecoveryCodes unused = this.service.recoveryCodes(this.currentUser.userId(authentication));
		return new RecoveryCodesResponse(unused.codes(), unused.remaining());
	}

	/**
	 * Replace the recovery codes.
	 * @param authentication the current login
	 * @param request a current TOTP code
	 * @return the new codes
	 */
	@PostMapping("/recovery-codes/regenerate")
	RecoveryCodesResponse regenerate(@Nullable Authentication authentication,
			@Valid @RequestBody MfaRequests.Code request) {
		return RecoveryCodesResponse
			.of(this.service.regenerateRecoveryCodes(this.currentUser.userId(authentication), request.code()));
	}

}
