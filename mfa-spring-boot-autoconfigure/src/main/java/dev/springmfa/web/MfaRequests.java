package dev.springmfa.web;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;

/**
 * The request bodies of the HTTP contract.
 */
final class MfaRequests {

	private MfaRequests() {
	}

	/**
	 * The password step.
	 *
	 * @param username the username
	 * @param password the password
	 */
	public record Login(@NotBlank @Size(max = 255) String username, @NotBlank @Size(max = 1024) String password) {

		@Override
		public String toString() {
			return "Login[username=" + this.username + "]";
		}

	}

	/**
	 * The second step.
	 *
	 * @param ephemeralToken the token from the password step
	 * @param code a TOTP or recovery code
	 */
	public record Verify(@NotBlank @Size(max = 4096) String ephemeralToken, @NotBlank @Size(max = 64) String code) {

		@Override
		public String toString() {
			return "Verify[]";
		}

	}

	/**
	 * The confirmation of a TOTP activation.
	 *
	 * @param activationToken the token from the activation start
	 * @param code a code from the new secret
	 */
	public record Activate(@NotBlank @Size(max = 4096) String activationToken, @NotBlank @Size(max = 64) String code) {

		@Override
		public String toString() {
			return "Activate[]";
		}

	}

	/**
	 * A code that authorizes a change.
	 *
	 * @param code a TOTP code, or a recovery code where accepted
	 */
	public record Code(@NotBlank @Size(max = 64) String code) {

		@Override
		public String toString() {
			return "Code[]";
		}

	}

	/**
	 * A refresh token to spend, or to revoke at logout.
	 *
	 * @param refreshToken the refresh token
	 */
	public record Refresh(@NotBlank @Size(max = 4096) String refreshToken) {

		@Override
		public String toString() {
			return "Refresh[]";
		}

	}

}
