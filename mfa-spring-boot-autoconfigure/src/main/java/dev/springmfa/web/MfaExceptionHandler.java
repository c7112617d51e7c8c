package dev.springmfa.web;

import java.util.Map;
import java.util.TreeMap;

import dev.springmfa.MfaErrorCode;
import dev.springmfa.MfaException;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.web.HttpMediaTypeNotSupportedException;
import org.springframework.web.bind.MethodArgumentNotValidException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;

/**
 * Answers every refusal of the MFA controllers with a problem document carrying the
 * contract's {@code code}; nothing of an exception's class, stack or SQL reaches the
 * client. It goes first, so that an application's catch-all advice never answers the
 * starter's endpoints, and covers those endpoints only.
 */
@Order(Ordered.HIGHEST_PRECEDENCE)
@RestControllerAdvice(
		assignableTypes = { TotpController.class, MfaStatusController.class, MfaFallbackController.class })
public class MfaExceptionHandler {

	/**
	 * Answer a refusal.
	 * @param ex the refusal
	 * @return the problem response
	 */
	@ExceptionHandler(MfaException.class)
	public ResponseEntity<ProblemDetail> handleMfaException(MfaException ex) {
		return MfaProblemDetails.toResponse(ex);
	}

	/**
	 * Answer a body that failed bean validation.
	 * @param ex the failure
	 * @return the problem response
	 */
	@ExceptionHandler(MethodArgumentNotValidException.class)
	public ResponseEntity<ProblemDetail> handleInvalidBody(MethodArgumentNotValidException ex) {
		Map<String, String> errors = new TreeMap<>();
		ex.getBindingResult()
			.getFieldErrors()
			.forEach((error) -> errors.putIfAbsent(error.getField(), String.valueOf(error.getDefaultMessage())));
		return MfaProblemDetails.toResponse(new MfaValidationException("The request body is invalid", errors));
	}

	/**
	 * Answer a body that is not JSON.
	 * @param ex the failure
	 * @return the problem response
	 */
	@ExceptionHandler(HttpMediaTypeNotSupportedException.class)
	public ResponseEntity<ProblemDetail> handleUnsupportedMediaType(HttpMediaTypeNotSupportedException ex) {
		return MfaProblemDetails.toResponse(
				new MfaException(MfaErrorCode.UNSUPPORTED_MEDIA_TYPE, "The request body must be application/json"));
	}

	/**
	 * Answer a body that could not be read.
	 * @param ex the failure
	 * @return the problem response
	 */
	@ExceptionHandler(HttpMessageNotReadableException.class)
	public ResponseEntity<ProblemDetail> handleUnreadableBody(Exception ex) {
		for (Throwable cause = ex; cause != null; cause = cause.getCause()) {
			if (cause instanceof PayloadTooLargeException) {
				return MfaProblemDetails
					.toResponse(new MfaException(MfaErrorCode.PAYLOAD_TOO_LARGE, "The request body is too large"));
			}
		}
		return MfaProblemDetails.toResponse(
				new MfaValidationException("The request body is not valid JSON of the expected shape", Map.of()));
	}

}
