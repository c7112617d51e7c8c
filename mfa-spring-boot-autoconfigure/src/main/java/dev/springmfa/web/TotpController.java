package dev.springmfa.web;

import java.util.List;
import java.util.Map;

import jakarta.validation.Valid;
import org.jspecify.annotations.Nullable;

import dev.springmfa.authenticator.TotpAuthenticatorService;
import dev.springmfa.authenticator.TotpAuthenticatorService.TotpActivation;
import org.springframework.security.core.Authentication;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * Activation and deactivation of TOTP by the signed-in user.
 */
@RestController
@RequestMapping("${mfa.base-path:/api/auth}/mfa/totp")
public class TotpController {

	private final TotpAuthenticatorService service;

	private final MfaCurrentUser currentUser;

	/**
	 * Create a new instance.
	 * @param service the authenticator service
	 * @param currentUser resolves the user
	 */
	public TotpController(TotpAuthenticatorService service, MfaCurrentUser currentUser) {
		this.service = service;
		this.currentUser = currentUser;
	}

	/**
	 * Start an activation.
	 * @param authentication the current login
	 * @return the secret, its URI and QR code, and the activation token
	 */
	@GetMapping("/activate")
	public TotpActivation beginActivation(@Nullable Authentication authentication) {
		String userId = this.currentUser.userId(authentication);
		return this.service.beginActivation(userId, authentication.getName());
	}

	/**
	 * Confirm an activation.
	 * @param authentication the current login
	 * @param request the activation token and a code
	 * @return the recovery codes, shown once
	 */
	@PostMapping("/activate")
	public Map<String, Object> confirmActivation(@Nullable Authentication authentication,
			@Valid @RequestBody MfaRequests.Activate request) {
		List<String> codes = this.service.confirmActivation(this.currentUser.userId(authentication),
				request.activationToken(), request.code());
		return Map.of("enabled", true, "recoveryCodes", codes);
	}

	/**
	 * Deactivate TOTP.
	 * @param authentication the current login
	 * @param request a TOTP code or an unused recovery code
	 * @return the new state
	 */
	@PostMapping("/deactivate")
	public Map<String, Object> deactivate(@Nullable Authentication authentication,
			@Valid @RequestBody MfaRequests.Code request) {
		this.service.deactivate(this.currentUser.userId(authentication), request.code());
		return Map.of("enabled", false);
	}

}
