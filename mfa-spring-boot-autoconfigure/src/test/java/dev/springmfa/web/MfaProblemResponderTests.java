package dev.springmfa.web;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import jakarta.validation.Validator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.EnumSource;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import dev.springmfa.InvalidMfaCodeException;
import dev.springmfa.InvalidMfaTokenException;
import dev.springmfa.MfaErrorCode;
import dev.springmfa.MfaException;
import dev.springmfa.MfaFactors;
import dev.springmfa.TooManyMfaAttemptsException;
import org.springframework.http.HttpMethod;
import org.springframework.mock.web.MockHttpServletResponse;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.security.authentication.BadCredentialsException;
import org.springframework.security.authentication.DisabledException;
import org.springframework.security.authentication.InsufficientAuthenticationException;
import org.springframework.security.authorization.AuthorizationDeniedException;
import org.springframework.security.authorization.FactorAuthorizationDecision;
import org.springframework.security.authorization.RequiredFactor;
import org.springframework.security.authorization.RequiredFactorError;
import org.springframework.security.core.authority.FactorGrantedAuthority;
import org.springframework.security.web.csrf.CsrfException;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.Mockito.mock;

class MfaProblemResponderTests {

	private final JsonMapper jsonMapper = JsonMapper.builder().build();

	private final MfaProblemResponder problems = new MfaProblemResponder(
			new MfaHttpMessages(this.jsonMapper, mock(Validator.class), 16_384));

	private final MockHttpServletResponse response = new MockHttpServletResponse();

	// The table of the HTTP contract (docs/http-api.md), outside the login endpoints.
	@ParameterizedTest
	@CsvSource({ "VALIDATION_FAILED, 400", "BAD_CREDENTIALS, 401", "UNAUTHENTICATED, 401", "ACCESS_DENIED, 403",
			"INVALID_CODE, 400", "INVALID_TOKEN, 400", "TOO_MANY_ATTEMPTS, 429", "MFA_ALREADY_ENABLED, 409",
			"MFA_NOT_ENABLED, 409", "PAYLOAD_TOO_LARGE, 413", "UNSUPPORTED_MEDIA_TYPE, 415", "MFA_REQUIRED, 401",
			"NOT_FOUND, 404", "METHOD_NOT_ALLOWED, 405" })
	void respondWhenCodeThenItsStatusAndProblemDocument(MfaErrorCode code, int status) throws Exception {
		this.problems.respond(this.response, code, "what went wrong");
		JsonNode body = assertProblem(status, code);
		assertThat(body.get("detail").asString()).isEqualTo("what went wrong");
		assertThat(body.get("title").asString()).isEqualTo(code.title());
		assertThat(body.properties()).extracting(Map.Entry::getKey)
			.containsExactlyInAnyOrder("type", "title", "status", "detail", "code");
	}

	@ParameterizedTest
	@EnumSource(MfaErrorCode.class)
	void statusWhenAnyCodeThenOneIsMapped(MfaErrorCode code) {
		assertThat(MfaProblemResponder.status(code).isError()).isTrue();
	}

	@Test
	void respondToLoginFailureWhenBadCodeOrTokenThenUnauthorized() throws Exception {
		this.problems.respondToLoginFailure(this.response, new InvalidMfaCodeException());
		assertThat(assertProblem(401, MfaErrorCode.INVALID_CODE).get("detail").asString())
			.isEqualTo("The code is invalid, expired or already used");
		MockHttpServletResponse token = new MockHttpServletResponse();
		this.problems.respondToLoginFailure(token, new InvalidMfaTokenException());
		assertThat(token.getStatus()).isEqualTo(401);
		assertThat(token.getContentAsString()).contains("\"code\":\"invalid_token\"");
	}

	@Test
	void respondToLoginFailureWhenPasswordRefusedThenSameBadCredentialsWhatever() throws Exception {
		this.problems.respondToLoginFailure(this.response, new BadCredentialsException("Bad credentials"));
		MockHttpServletResponse disabled = new MockHttpServletResponse();
		this.problems.respondToLoginFailure(disabled, new DisabledException("User is disabled"));
		assertProblem(401, MfaErrorCode.BAD_CREDENTIALS);
		assertThat(disabled.getContentAsString()).isEqualTo(this.response.getContentAsString());
	}

	@Test
	void respondToLoginFailureWhenLockedThenTooManyAttemptsWithRetryAfter() throws Exception {
		this.problems.respondToLoginFailure(this.response, new TooManyMfaAttemptsException(Duration.ofMinutes(15)));
		assertProblem(429, MfaErrorCode.TOO_MANY_ATTEMPTS);
		assertThat(this.response.getHeader("Retry-After")).isEqualTo("900");
	}

	@Test
	void respondToLoginFailureWhenBodyInvalidThenValidationFailedWithFieldErrors() throws Exception {
		this.problems.respondToLoginFailure(this.response,
				MfaRequestException.invalid(Map.of("username", "must not be blank", "password", "must not be blank")));
		JsonNode body = assertProblem(400, MfaErrorCode.VALIDATION_FAILED);
		assertThat(body.get("errors").get("password").asString()).isEqualTo("must not be blank");
		assertThat(body.get("errors").properties()).extracting(Map.Entry::getKey)
			.containsExactly("password", "username");
	}

	@Test
	void respondWhenRefusalOfAnEndpointThenStatusOfItsCode() throws Exception {
		this.problems.respond(this.response, new InvalidMfaCodeException());
		assertProblem(400, MfaErrorCode.INVALID_CODE);
		MockHttpServletResponse conflict = new MockHttpServletResponse();
		this.problems.respond(conflict, MfaException.notEnabled());
		assertThat(conflict.getStatus()).isEqualTo(409);
		assertThat(conflict.getContentAsString()).contains("\"code\":\"mfa_not_enabled\"");
	}

	@Test
	void respondWhenFailureWithoutCodeThenUnauthenticatedAndNothingOfItsMessage() throws Exception {
		this.problems.respond(this.response, new InsufficientAuthenticationException("internal detail"));
		assertProblem(401, MfaErrorCode.UNAUTHENTICATED);
		assertThat(this.response.getContentAsString()).doesNotContain("internal detail");
	}

	@Test
	void respondWhenLockEndsWithinASecondThenRetryAfterRoundedUp() throws Exception {
		this.problems.respond(this.response, new TooManyMfaAttemptsException(Duration.ofMillis(1500)));
		assertProblem(429, MfaErrorCode.TOO_MANY_ATTEMPTS);
		assertThat(this.response.getHeader("Retry-After")).isEqualTo("2");
		assertThat(MfaProblemResponder.retryAfterSeconds(Duration.ZERO)).isEqualTo("1");
	}

	@Test
	void respondWhenBodyTooLargeThenPayloadTooLarge() throws Exception {
		this.problems.respond(this.response, MfaRequestException.unreadable(new PayloadTooLargeException(10)));
		assertThat(assertProblem(413, MfaErrorCode.PAYLOAD_TOO_LARGE).get("detail").asString())
			.isEqualTo("The request body is too large");
	}

	@Test
	void respondToAccessDeniedWhenCsrfTokenRefusedThenAccessDeniedThatSaysSo() throws Exception {
		this.problems.respondToAccessDenied(this.response, new CsrfException("Invalid CSRF token"));
		assertThat(assertProblem(403, MfaErrorCode.ACCESS_DENIED).get("detail").asString()).contains("CSRF");
		MockHttpServletResponse role = new MockHttpServletResponse();
		this.problems.respondToAccessDenied(role, new AccessDeniedException("Access Denied"));
		assertThat(role.getStatus()).isEqualTo(403);
		assertThat(role.getContentAsString()).doesNotContain("CSRF");
	}

	@Test
	void respondToAccessDeniedWhenSecondFactorExpiredThenMfaRequiredWithFactorsAndReason() throws Exception {
		RequiredFactor totp = RequiredFactor.withAuthority(MfaFactors.TOTP_AUTHORITY)
			.validDuration(Duration.ofMinutes(5))
			.build();
		RequiredFactor password = RequiredFactor.withAuthority(FactorGrantedAuthority.PASSWORD_AUTHORITY).build();
		FactorAuthorizationDecision decision = new FactorAuthorizationDecision(
				List.of(RequiredFactorError.createExpired(totp), RequiredFactorError.createMissing(password)));
		this.problems.respondToAccessDenied(this.response,
				new AccessDeniedException("Access Denied", new AuthorizationDeniedException("Denied", decision)));
		JsonNode body = assertProblem(401, MfaErrorCode.MFA_REQUIRED);
		assertThat(body.get("factors").toString()).isEqualTo("[\"FACTOR_TOTP\"]");
		assertThat(body.get("reason").asString()).isEqualTo("expired");
	}

	@Test
	void respondSecondFactorRequiredWhenNoFactorNamedThenBothSecondFactorsMissing() throws Exception {
		this.problems.respondSecondFactorRequired(this.response, List.of());
		JsonNode body = assertProblem(401, MfaErrorCode.MFA_REQUIRED);
		assertThat(body.get("factors").toString()).isEqualTo("[\"FACTOR_TOTP\",\"FACTOR_RECOVERY_CODE\"]");
		assertThat(body.get("reason").asString()).isEqualTo("missing");
	}

	@Test
	void respondMethodNotAllowedThenAllowNamesTheMethodsInOrder() throws Exception {
		this.problems.respondMethodNotAllowed(this.response, "DELETE", List.of(HttpMethod.POST, HttpMethod.GET));
		assertThat(assertProblem(405, MfaErrorCode.METHOD_NOT_ALLOWED).get("detail").asString())
			.isEqualTo("This endpoint does not take DELETE");
		assertThat(this.response.getHeader("Allow")).isEqualTo("GET, POST");
	}

	private JsonNode assertProblem(int status, MfaErrorCode code) throws Exception {
		assertThat(this.response.getStatus()).isEqualTo(status);
		assertThat(this.response.getContentType()).startsWith("application/problem+json");
		assertThat(this.response.getHeader("Cache-Control")).isEqualTo("no-store");
		assertThat(this.response.isCommitted()).isTrue();
		JsonNode body = this.jsonMapper.readTree(this.response.getContentAsString());
		assertThat(body.get("type").asString()).isEqualTo("urn:problem-type:mfa:" + code.code());
		assertThat(body.get("code").asString()).isEqualTo(code.code());
		assertThat(body.get("status").asInt()).isEqualTo(status);
		assertThat(body.has("detail")).isTrue();
		assertThat(this.response.getContentAsString()).doesNotContain("Exception");
		return body;
	}

}
