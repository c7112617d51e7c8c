package dev.springmfa.web;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;
import tools.jackson.databind.annotation.JsonDeserialize;

/**
 * The request bodies of the HTTP contract. Every field is a JSON string, never a number
 * or a boolean coerced to one ({@link StrictStringDeserializer}); a username, code or
 * token with a control character or a Unicode line break is refused before any lookup: a
 * NUL reaches no database (PostgreSQL logs an error with a stack for each), and no such
 * character reaches a log line. Unknown fields are ignored, whatever the mapper that
 * reads them. None of them prints its secret in {@code toString()}, since Spring MVC logs
 * request bodies at DEBUG.
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
	@JsonIgnoreProperties(ignoreUnknown = true)
	public record Login(
			@JsonDeserialize(using = StrictStringDeserializer.class) @NotBlank @Size(
					max = 255) @Printable String username,
			@JsonDeserialize(using = StrictStringDeserializer.class) @NotBlank @Size(max = 1024) String password) {

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
	@JsonIgnoreProperties(ignoreUnknown = true)
	public record Verify(
			@JsonDeserialize(using = StrictStringDeserializer.class) @NotBlank @Size(
					max = 4096) @Printable String ephemeralToken,
			@JsonDeserialize(using = StrictStringDeserializer.class) @NotBlank @Size(max = 64) @Printable String code) {

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
	@JsonIgnoreProperties(ignoreUnknown = true)
	public record Activate(
			@JsonDeserialize(using = StrictStringDeserializer.class) @NotBlank @Size(
					max = 4096) @Printable String activationToken,
			@JsonDeserialize(using = StrictStringDeserializer.class) @NotBlank @Size(max = 64) @Printable String code) {

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
	@JsonIgnoreProperties(ignoreUnknown = true)
	public record Code(
			@JsonDeserialize(using = StrictStringDeserializer.class) @NotBlank @Size(max = 64) @Printable String code) {

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
	@JsonIgnoreProperties(ignoreUnknown = true)
	public record Refresh(@JsonDeserialize(using = StrictStringDeserializer.class) @NotBlank @Size(
			max = 4096) @Printable String refreshToken) {

		@Override
		public String toString() {
			return "Refresh[]";
		}

	}

}
