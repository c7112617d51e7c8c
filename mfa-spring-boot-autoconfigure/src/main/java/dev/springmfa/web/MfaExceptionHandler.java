package dev.springmfa.web;

import java.io.IOException;
import java.util.HashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

import jakarta.servlet.http.HttpServletResponse;

import dev.springmfa.MfaErrorCode;
import dev.springmfa.MfaException;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.security.core.AuthenticationException;
import org.springframework.util.Assert;
import org.springframework.web.HttpMediaTypeNotSupportedException;
import org.springframework.web.HttpRequestMethodNotSupportedException;
import org.springframework.web.bind.MethodArgumentNotValidException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.servlet.resource.NoResourceFoundException;

/**
 * Answers every refusal of the MFA controllers through the {@link MfaProblemResponder},
 * so that they read like the refusals of the filters. It goes first, so that an
 * application's catch-all advice never answers the starter's endpoints, and covers those
 * endpoints only.
 */
@Order(Ordered.HIGHEST_PRECEDENCE)
@RestControllerAdvice(
		assignableTypes = { TotpController.class, MfaStatusController.class, MfaFallbackController.class })
public final class MfaExceptionHandler {

	private final MfaProblemResponder problems;

	/**
	 * Create a new instance.
	 * @param problems writes the answers
	 */
	public MfaExceptionHandler(MfaProblemResponder problems) {
		Assert.notNull(problems, "problems cannot be null");
		this.problems = problems;
	}

	/**
	 * Answer a refused code, token or change, or a call without a complete login.
	 * @param ex the refusal
	 * @param response the response
	 * @throws IOException on a write failure
	 */
	@ExceptionHandler({ MfaException.class, AuthenticationException.class })
	void handleRefusal(RuntimeException ex, HttpServletResponse response) throws IOException {
		this.problems.respond(response, ex);
	}

	/**
	 * Answer a login that lacks the second factor.
	 * @param ex the refusal
	 * @param response the response
	 * @throws IOException on a write failure
	 */
	@ExceptionHandler(AccessDeniedException.class)
	void handleAccessDenied(AccessDeniedException ex, HttpServletResponse response) throws IOException {
		this.problems.respondToAccessDenied(response, ex);
	}

	/**
	 * Answer a body that failed bean validation.
	 * @param ex the failure
	 * @param response the response
	 * @throws IOException on a write failure
	 */
	@ExceptionHandler(MethodArgumentNotValidException.class)
	void handleInvalidBody(MethodArgumentNotValidException ex, HttpServletResponse response) throws IOException {
		Map<String, String> errors = new HashMap<>();
		ex.getBindingResult()
			.getFieldErrors()
			.forEach((error) -> errors.putIfAbsent(error.getField(), String.valueOf(error.getDefaultMessage())));
		this.problems.respond(response, MfaRequestException.invalid(errors));
	}

	/**
	 * Answer a body that is not JSON.
	 * @param response the response
	 * @throws IOException on a write failure
	 */
	@ExceptionHandler(HttpMediaTypeNotSupportedException.class)
	void handleUnsupportedMediaType(HttpServletResponse response) throws IOException {
		this.problems.respond(response, MfaRequestException.unsupportedMediaType());
	}

	/**
	 * Answer a body that could not be read: too large, or malformed.
	 * @param ex the failure
	 * @param response the response
	 * @throws IOException on a write failure
	 */
	@ExceptionHandler(HttpMessageNotReadableException.class)
	void handleUnreadableBody(HttpMessageNotReadableException ex, HttpServletResponse response) throws IOException {
		this.problems.respond(response, MfaRequestException.unreadable(ex));
	}

	/**
	 * Answer a request for a path under the base path that no endpoint serves.
	 * @param response the response
	 * @throws IOException on a write failure
	 */
	@ExceptionHandler(NoResourceFoundException.class)
	void handleNotFound(HttpServletResponse response) throws IOException {
		this.problems.respond(response, MfaErrorCode.NOT_FOUND, "No MFA endpoint is at this path");
	}

	/**
	 * Answer a request for an endpoint that does not take its method.
	 * @param ex the failure, with the methods the endpoint takes
	 * @param response the response
	 * @throws IOException on a write failure
	 */
	@ExceptionHandler(HttpRequestMethodNotSupportedException.class)
	void handleMethodNotAllowed(HttpRequestMethodNotSupportedException ex, HttpServletResponse response)
			throws IOException {
		this.problems.respondMethodNotAllowed(response, ex.getMethod(),
				Objects.requireNonNullElse(ex.getSupportedHttpMethods(), Set.of()));
	}

}
