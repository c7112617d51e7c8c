package dev.springmfa.web;

import java.util.List;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import jakarta.validation.Valid;
import org.jspecify.annotations.Nullable;

import dev.springmfa.authenticator.TotpAuthenticatorService;
import dev.springmfa.authenticator.TotpEnrollmentService;
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
@RequestMapping("/mfa/totp")
public final class TotpController {

	private final TotpEnrollmentService enrollment;

	private final TotpAuthenticatorService service;

	private final MfaCurrentUser currentUser;

	private final MfaLoginUpgrade loginUpgrade;

	/**
	 * Create a new instance.
	 * @param enrollment activates TOTP
	 * @param service deactivates TOTP
	 * @param currentUser resolves the user
	 * @param loginUpgrade upgrades the current login once TOTP is on
	 */
	public TotpController(TotpEnrollmentService enrollment, TotpAuthenticatorService service,
			MfaCurrentUser currentUser, MfaLoginUpgrade loginUpgrade) {
		this.enrollment = enrollment;
		this.service = service;
		this.currentUser = currentUser;
		this.loginUpgrade = loginUpgrade;
	}

	/**
	 * Start an activation.
	 * @param authentication the current login
	 * @return the secret, its URI and QR code, and the activation token
	 */
	@GetMapping("/activate")
	EnrollmentResponse beginActivation(@Nullable Authentication authentication) {
		String userId = this.currentUser.userId(authentication);
		return EnrollmentResponse.of(this.enrollment.beginActivation(userId, authentication.getName()));
	}

	/**
	 * Confirm an activation. The current login gets the TOTP factor and the user's other
	 * sessions end; in jwt mode the answer carries a new token pair.
	 * @param authentication the current login
	 * @param body the activation token and a code
	 * @param request the request
	 * @param response the response
	 * @return the recovery codes, shown once
	 */
	@PostMapping("/activate")
	ActivationResponse confirmActivation(@Nullable Authentication authentication,
			@Valid @RequestBody MfaRequests.Activate body, HttpServletRequest request, HttpServletResponse response) {
		String userId = this.currentUser.userId(authentication);
		List<String> codes = this.enrollment.confirmActivation(userId, body.activationToken(), body.code());
		TokenResponse tokens = this.loginUpgrade.totpActivated(authentication, request, response);
		return new ActivationResponse(true, codes, tokens);
	}

	/**
	 * Deactivate TOTP.
	 * @param authentication the current login
	 * @param request a TOTP code or an unused recovery code
	 * @return the new state
	 */
	@PostMapping("/deactivate")
	DeactivationResponse deactivate(@Nullable Authentication authentication,
			@Valid @RequestBody MfaRequests.Code request) {
		this.service.deactivate(this.currentUser.userId(authentication), request.code());
		return new DeactivationResponse(false);
	}

}
