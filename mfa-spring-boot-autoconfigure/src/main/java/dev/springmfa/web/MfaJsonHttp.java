package dev.springmfa.web;

import java.io.IOException;
import java.io.InputStream;
import java.time.Duration;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.validation.ConstraintViolation;
import jakarta.validation.Validator;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.json.JsonMapper;

import dev.springmfa.MfaErrorCode;
import dev.springmfa.MfaException;
import org.jspecify.annotations.Nullable;
import org.springframework.http.HttpHeaders;
import org.springframework.http.InvalidMediaTypeException;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.util.Assert;

/**
 * Reads and writes the JSON of the filters, which run before Spring MVC: bodies are
 * bounded in size and validated like {@code @Valid @RequestBody}, errors written as
 * problem documents.
 */
public class MfaJsonHttp {

	private final JsonMapper jsonMapper;

	private final Validator validator;

	private final long maxBodySize;

	/**
	 * Create a new instance.
	 * @param jsonMapper the JSON mapper
	 * @param validator validates request bodies
	 * @param maxBodySize the largest body accepted, in bytes
	 */
	public MfaJsonHttp(JsonMapper jsonMapper, Validator validator, long maxBodySize) {
		Assert.notNull(jsonMapper, "jsonMapper cannot be null");
		Assert.notNull(validator, "validator cannot be null");
		this.jsonMapper = jsonMapper.rebuild().disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES).build();
		this.validator = validator;
		this.maxBodySize = maxBodySize;
	}

	/**
	 * Read and validate a request body.
	 * @param <T> the body type
	 * @param request the request
	 * @param type the body type
	 * @return the body
	 * @throws MfaException {@code validation_failed} or {@code payload_too_large}
	 */
	public <T> T read(HttpServletRequest request, Class<T> type) {
		if (!isJson(request.getContentType())) {
			throw new MfaException(MfaErrorCode.UNSUPPORTED_MEDIA_TYPE, "The request body must be application/json");
		}
		if (request.getContentLengthLong() > this.maxBodySize) {
			throw tooLarge();
		}
		T body;
		try (InputStream in = request.getInputStream()) {
			byte[] bytes = in.readNBytes((int) this.maxBodySize + 1);
			if (bytes.length > this.maxBodySize) {
				throw tooLarge();
			}
			body = this.jsonMapper.readValue(bytes, type);
		}
		catch (PayloadTooLargeException ex) {
			throw tooLarge();
		}
		catch (JacksonException | IOException ex) {
			throw new MfaValidationException("The request body is not valid JSON of the expected shape", Map.of());
		}
		if (body == null) {
			throw new MfaValidationException("The request body is empty", Map.of());
		}
		validate(body);
		return body;
	}

	private <T> void validate(T body) {
		Set<ConstraintViolation<T>> violations = this.validator.validate(body);
		if (!violations.isEmpty()) {
			Map<String, String> errors = new TreeMap<>();
			violations.forEach(
					(violation) -> errors.putIfAbsent(violation.getPropertyPath().toString(), violation.getMessage()));
			throw new MfaValidationException("The request body is invalid", errors);
		}
	}

	/**
	 * Write a JSON body with status 200.
	 * @param response the response
	 * @param body the body
	 * @throws IOException on a write failure
	 */
	public void write(HttpServletResponse response, Object body) throws IOException {
		response.setStatus(HttpServletResponse.SC_OK);
		response.setContentType(MediaType.APPLICATION_JSON_VALUE);
		response.setHeader(HttpHeaders.CACHE_CONTROL, "no-store");
		this.jsonMapper.writeValue(response.getOutputStream(), body);
	}

	/**
	 * Write a refusal as a problem document.
	 * @param response the response
	 * @param ex the refusal
	 * @param status the status to answer with
	 * @throws IOException on a write failure
	 */
	public void writeProblem(HttpServletResponse response, MfaException ex, int status) throws IOException {
		Duration retryAfter = ex.getRetryAfter();
		if (retryAfter != null) {
			response.setHeader(HttpHeaders.RETRY_AFTER, MfaProblemDetails.retryAfterSeconds(retryAfter));
		}
		writeProblem(response, MfaProblemDetails.of(ex, status));
	}

	/**
	 * Write a problem document.
	 * @param response the response
	 * @param problem the problem
	 * @throws IOException on a write failure
	 */
	public void writeProblem(HttpServletResponse response, ProblemDetail problem) throws IOException {
		response.setStatus(problem.getStatus());
		response.setContentType(MediaType.APPLICATION_PROBLEM_JSON_VALUE);
		response.setHeader(HttpHeaders.CACHE_CONTROL, "no-store");
		this.jsonMapper.writeValue(response.getOutputStream(), MfaProblemDetails.toMap(problem));
	}

	// Only JSON: a form or text/plain body is what a cross-site form can send without a
	// preflight, which would make login CSRF possible wherever CSRF protection is off.
	static boolean isJson(@Nullable String contentType) {
		if (contentType == null) {
			return false;
		}
		try {
			MediaType type = MediaType.parseMediaType(contentType);
			return "application".equals(type.getType())
					&& ("json".equals(type.getSubtype()) || type.getSubtype().endsWith("+json"));
		}
		catch (InvalidMediaTypeException ex) {
			return false;
		}
	}

	private static MfaException tooLarge() {
		return new MfaException(MfaErrorCode.PAYLOAD_TOO_LARGE, "The request body is too large");
	}

	/**
	 * Return the status a refusal is answered with on a public login endpoint, where a
	 * bad code or token is a 401.
	 * @param ex the refusal
	 * @return the status
	 */
	static int loginStatus(MfaException ex) {
		MfaErrorCode code = ex.getErrorCode();
		return (code == MfaErrorCode.INVALID_CODE || code == MfaErrorCode.INVALID_TOKEN) ? 401 : code.status();
	}

}
