package dev.springmfa.web;

import dev.springmfa.authenticator.TotpEnrollmentService.TotpActivation;

/**
 * The answer of a started TOTP activation: the secret to enrol in an authenticator app,
 * and the token that binds it to the user until the activation is confirmed.
 *
 * @param secret the secret in base32, for manual entry
 * @param totpUrl the {@code otpauth://} URI
 * @param qrCode the URI as a QR code PNG data URI
 * @param activationToken the token to send with the first code
 */
record EnrollmentResponse(String secret, String totpUrl, String qrCode, String activationToken) {

	static EnrollmentResponse of(TotpActivation activation) {
		return new EnrollmentResponse(activation.secret(), activation.totpUrl(), activation.qrCode(),
				activation.activationToken());
	}

	@Override
	public String toString() {
		return "EnrollmentResponse[secret=<hidden>]";
	}

}
