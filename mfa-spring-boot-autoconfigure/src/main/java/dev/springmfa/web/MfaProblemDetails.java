package dev.springmfa.web;

import java.net.URI;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.jspecify.annotations.Nullable;

import dev.springmfa.MfaErrorCode;
import dev.springmfa.MfaException;
import dev.springmfa.MfaFactors;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;

/**
 * Turns refusals into RFC 9457 problem documents with the contract's {@code code}: the
 * one mapping behind both the filters and the controllers.
 */
public final class MfaProblemDetails {

	private MfaProblemDetails() {
	}

	/**
	 * Return the problem document of a refusal.
	 * @param ex the refusal
	 * @param status the status to answer with
	 * @return the problem document
	 */
	public static ProblemDetail of(MfaException ex, int status) {
		ProblemDetail problem = of(ex.getErrorCode(), status, ex.getMessage());
		if (ex instanceof MfaValidationException validation && !validation.getErrors().isEmpty()) {
			problem.setProperty("errors", new LinkedHashMap<>(validation.getErrors()));
		}
		if (ex.getErrorCode() == MfaErrorCode.MFA_REQUIRED) {
			problem.setProperty("factors", List.of(MfaFactors.TOTP_AUTHORITY, MfaFactors.RECOVERY_CODE_AUTHORITY));
			problem.setProperty("reason", "missing");
		}
		return problem;
	}

	/**
	 * Return a problem document.
	 * @param code the error code
	 * @param status the status
	 * @param detail the detail, safe to show
	 * @return the problem document
	 */
	public static ProblemDetail of(MfaErrorCode code, int status, @Nullable String detail) {
		ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatusCode.valueOf(status), detail);
		problem.setType(URI.create("urn:problem-type:mfa:" + code.code()));
		problem.setTitle(code.title());
		problem.setProperty("code", code.code());
		return problem;
	}

	/**
	 * Return a response entity for a refusal, with its {@code Retry-After} header.
	 * @param ex the refusal
	 * @return the response
	 */
	public static ResponseEntity<ProblemDetail> toResponse(MfaException ex) {
		ResponseEntity.BodyBuilder builder = ResponseEntity.status(ex.getErrorCode().status());
		Duration retryAfter = ex.getRetryAfter();
		if (retryAfter != null) {
			builder.header(HttpHeaders.RETRY_AFTER, retryAfterSeconds(retryAfter));
		}
		return builder.body(of(ex, ex.getErrorCode().status()));
	}

	/**
	 * Return a {@code Retry-After} value in whole seconds, rounded up.
	 * @param retryAfter the duration
	 * @return the header value, at least 1
	 */
	public static String retryAfterSeconds(Duration retryAfter) {
		long seconds = retryAfter.getSeconds() + ((retryAfter.getNano() > 0) ? 1 : 0);
		return Long.toString(Math.max(1, seconds));
	}

	/**
	 * Return the problem document as a plain map, for writing without Spring MVC.
	 * @param problem the problem
	 * @return its members in RFC 9457 order
	 */
	static Map<String, Object> toMap(ProblemDetail problem) {
		Map<String, Object> map = new LinkedHashMap<>();
		map.put("type", String.valueOf(problem.getType()));
		map.put("title", problem.getTitle());
		map.put("status", problem.getStatus());
		map.put("detail", problem.getDetail());
		if (problem.getInstance() != null) {
			map.put("instance", problem.getInstance().toString());
		}
		if (problem.getProperties() != null) {
			map.putAll(problem.getProperties());
		}
		return map;
	}

}
