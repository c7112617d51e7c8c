package dev.springmfa.web;

import java.io.IOException;
import java.net.URI;
import java.time.Duration;
import java.util.Collection;
import java.util.List;
import java.util.stream.Collectors;

import jakarta.servlet.http.HttpServletResponse;

import org.jspecify.annotations.Nullable;

import dev.springmfa.MfaErrorCode;
import dev.springmfa.MfaFactors;
import dev.springmfa.MfaFailure;
import dev.springmfa.TooManyMfaAttemptsException;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.security.authorization.AuthorizationDeniedException;
import org.springframework.security.authorization.FactorAuthorizationDecision;
import org.springframework.security.authorization.RequiredFactorError;
import org.springframework.security.core.AuthenticationException;
import org.springframework.security.web.csrf.CsrfException;
import org.springframework.util.Assert;

/**
 * Writes every problem document of the MFA endpoints (RFC 9457, with the contract's
 * {@code code}): the one place that maps an {@link MfaErrorCode} to its HTTP status, used
 * by the filters, the authentication handlers and the {@link MfaExceptionHandler}.
 * Nothing of an exception's class, stack or SQL reaches the client: a detail comes from
 * an {@link MfaFailure}'s message, which is safe to show, or from here.
 */
public final class MfaProblemResponder {

	private static final String TYPE_PREFIX = "urn:problem-type:mfa:";

	private static final String UNAUTHENTICATED = "A complete login is required";

	private final MfaHttpMessages messages;

	/**
	 * Create a new instance.
	 * @param messages writes the documents
	 */
	public MfaProblemResponder(MfaHttpMessages messages) {
		Assert.notNull(messages, "messages cannot be null");
		this.messages = messages;
	}

	/**
	 * Answer a refused login (the password, the code of the second step, a refresh or a
	 * bearer token), where a bad code or token is a 401: the credential itself failed.
	 * @param response the response
	 * @param failure why
	 * @throws IOException on a write failure
	 */
	public void respondToLoginFailure(HttpServletResponse response, AuthenticationException failure)
			throws IOException {
		if (failure instanceof MfaFailure mfa) {
			MfaErrorCode code = mfa.getErrorCode();
			boolean credential = code == MfaErrorCode.INVALID_CODE || code == MfaErrorCode.INVALID_TOKEN;
			respond(response, failure, mfa, credential ? HttpStatus.UNAUTHORIZED : status(code));
			return;
		}
		// Whatever the password check refused (unknown user, wrong password, disabled
		// account), the answer is the same, so it tells nothing about the account.
		respond(response, MfaErrorCode.BAD_CREDENTIALS, "The username or password is wrong");
	}

	/**
	 * Answer a refusal of an MFA endpoint with the status of its code; a failure without
	 * a code means that the endpoint needs a login.
	 * @param response the response
	 * @param failure why
	 * @throws IOException on a write failure
	 */
	public void respond(HttpServletResponse response, RuntimeException failure) throws IOException {
		if (failure instanceof MfaFailure mfa) {
			respond(response, failure, mfa, status(mfa.getErrorCode()));
			return;
		}
		respondUnauthenticated(response);
	}

	/**
	 * Answer a request that needs a complete login.
	 * @param response the response
	 * @throws IOException on a write failure
	 */
	public void respondUnauthenticated(HttpServletResponse response) throws IOException {
		respond(response, MfaErrorCode.UNAUTHENTICATED, UNAUTHENTICATED);
	}

	/**
	 * Answer a refusal of an authenticated request: {@code mfa_required} where it lacks
	 * the second factor, else {@code access_denied}.
	 * @param response the response
	 * @param denied why
	 * @throws IOException on a write failure
	 */
	public void respondToAccessDenied(HttpServletResponse response, AccessDeniedException denied) throws IOException {
		List<RequiredFactorError> secondFactor = secondFactorErrors(denied);
		if (!secondFactor.isEmpty()) {
			respondSecondFactorRequired(response, secondFactor);
			return;
		}
		// Same code, since the contract has none for CSRF; the detail tells the SPA's
		// developer which of the two it is.
		String detail = (denied instanceof CsrfException)
				? "The CSRF token is missing or stale: read it again from GET /csrf under the MFA base path"
				: "The current login does not grant access";
		respond(response, MfaErrorCode.ACCESS_DENIED, detail);
	}

	/**
	 * Answer a request that lacks the second factor, or whose factor is older than the
	 * rule allows, with {@code mfa_required} and the factors that would do.
	 * @param response the response
	 * @param errors the second factors that the rule found missing or expired; both
	 * second factors are named where it is empty
	 * @throws IOException on a write failure
	 */
	public void respondSecondFactorRequired(HttpServletResponse response, List<RequiredFactorError> errors)
			throws IOException {
		boolean expired = !errors.isEmpty() && errors.stream().allMatch(RequiredFactorError::isExpired);
		List<String> factors = errors.stream()
			.map((error) -> error.getRequiredFactor().getAuthority())
			.distinct()
			.toList();
		ProblemDetail problem = problem(HttpStatus.UNAUTHORIZED, MfaErrorCode.MFA_REQUIRED,
				expired ? "The second factor is too old for this request: confirm it with a fresh code"
						: "This request needs the second factor: confirm the login with a code");
		problem.setProperty("factors",
				factors.isEmpty() ? List.of(MfaFactors.TOTP_AUTHORITY, MfaFactors.RECOVERY_CODE_AUTHORITY) : factors);
		problem.setProperty("reason", expired ? "expired" : "missing");
		write(response, problem);
	}

	/**
	 * Answer a request for an endpoint that does not take its method, naming those it
	 * takes in {@code Allow}.
	 * @param response the response
	 * @param method the method of the request
	 * @param allowed the methods the endpoint takes
	 * @throws IOException on a write failure
	 */
	public void respondMethodNotAllowed(HttpServletResponse response, String method, Collection<HttpMethod> allowed)
			throws IOException {
		response.setHeader(HttpHeaders.ALLOW,
				allowed.stream().map(HttpMethod::name).sorted().collect(Collectors.joining(", ")));
		respond(response, MfaErrorCode.METHOD_NOT_ALLOWED, "This endpoint does not take " + method);
	}

	/**
	 * Answer with a code and its status.
	 * @param response the response
	 * @param code the code
	 * @param detail the detail, safe to show
	 * @throws IOException on a write failure
	 */
	public void respond(HttpServletResponse response, MfaErrorCode code, String detail) throws IOException {
		write(response, problem(status(code), code, detail));
	}

	/**
	 * Return the second-factor errors of Spring Security's decision behind a refusal.
	 * @param denied the refusal
	 * @return the errors of {@code FACTOR_TOTP} and {@code FACTOR_RECOVERY_CODE}, empty
	 * if the refusal is not for a missing or expired second factor
	 */
	static List<RequiredFactorError> secondFactorErrors(AccessDeniedException denied) {
		for (Throwable cause = denied; cause != null; cause = cause.getCause()) {
			if (cause instanceof AuthorizationDeniedException authorization
					&& authorization.getAuthorizationResult() instanceof FactorAuthorizationDecision decision) {
				return secondFactorOnly(decision.getFactorErrors());
			}
		}
		return List.of();
	}

	static List<RequiredFactorError> secondFactorOnly(List<RequiredFactorError> errors) {
		return errors.stream()
			.filter((error) -> MfaFactors.isSecondFactor(error.getRequiredFactor().getAuthority()))
			.toList();
	}

	private void respond(HttpServletResponse response, RuntimeException failure, MfaFailure mfa, HttpStatus status)
			throws IOException {
		ProblemDetail problem = problem(status, mfa.getErrorCode(), failure.getMessage());
		if (failure instanceof TooManyMfaAttemptsException locked) {
			response.setHeader(HttpHeaders.RETRY_AFTER, retryAfterSeconds(locked.getRetryAfter()));
		}
		if (failure instanceof MfaRequestException invalid && !invalid.getErrors().isEmpty()) {
			problem.setProperty("errors", invalid.getErrors());
		}
		write(response, problem);
	}

	private void write(HttpServletResponse response, ProblemDetail problem) throws IOException {
		this.messages.write(response, HttpStatusCode.valueOf(problem.getStatus()), MediaType.APPLICATION_PROBLEM_JSON,
				problem);
	}

	private static ProblemDetail problem(HttpStatus status, MfaErrorCode code, @Nullable String detail) {
		ProblemDetail problem = ProblemDetail.forStatusAndDetail(status, detail);
		problem.setType(URI.create(TYPE_PREFIX + code.code()));
		problem.setTitle(code.title());
		problem.setProperty("code", code.code());
		return problem;
	}

	// RFC 9110 §10.2.3: whole seconds; rounded up, so that a retry is never too early.
	static String retryAfterSeconds(Duration retryAfter) {
		long seconds = retryAfter.getSeconds() + ((retryAfter.getNano() > 0) ? 1 : 0);
		return Long.toString(Math.max(1, seconds));
	}

	/**
	 * Return the status that a code is answered with; on the login endpoints a bad code
	 * or token is a 401 instead.
	 * @param code the code
	 * @return the status
	 */
	static HttpStatus status(MfaErrorCode code) {
		return switch (code) {
			case VALIDATION_FAILED, INVALID_CODE, INVALID_TOKEN -> HttpStatus.BAD_REQUEST;
			case BAD_CREDENTIALS, UNAUTHENTICATED, MFA_REQUIRED -> HttpStatus.UNAUTHORIZED;
			case ACCESS_DENIED -> HttpStatus.FORBIDDEN;
			case NOT_FOUND -> HttpStatus.NOT_FOUND;
			case METHOD_NOT_ALLOWED -> HttpStatus.METHOD_NOT_ALLOWED;
			case MFA_ALREADY_ENABLED, MFA_NOT_ENABLED -> HttpStatus.CONFLICT;
			case PAYLOAD_TOO_LARGE -> HttpStatus.CONTENT_TOO_LARGE;
			case UNSUPPORTED_MEDIA_TYPE -> HttpStatus.UNSUPPORTED_MEDIA_TYPE;
			case TOO_MANY_ATTEMPTS -> HttpStatus.TOO_MANY_REQUESTS;
		};
	}

}
