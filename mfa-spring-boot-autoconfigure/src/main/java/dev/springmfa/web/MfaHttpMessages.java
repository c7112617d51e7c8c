package dev.springmfa.web;

import java.io.IOException;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.validation.ConstraintViolation;
import jakarta.validation.Validator;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.json.JsonMapper;

import org.jspecify.annotations.Nullable;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.InvalidMediaTypeException;
import org.springframework.http.MediaType;
import org.springframework.http.converter.HttpMessageConverter;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.http.converter.json.JacksonJsonHttpMessageConverter;
import org.springframework.http.server.ServletServerHttpRequest;
import org.springframework.http.server.ServletServerHttpResponse;
import org.springframework.util.Assert;

/**
 * Reads and writes the JSON bodies of the MFA filters, which run before Spring MVC,
 * through a {@link JacksonJsonHttpMessageConverter}: request bodies are bounded in size
 * and validated like {@code @Valid @RequestBody}, and every answer is marked
 * {@code Cache-Control: no-store} and {@code Pragma: no-cache}, since it may carry a
 * token, and {@code Referrer-Policy: no-referrer}.
 */
public final class MfaHttpMessages {

	private static final String NO_STORE = "no-store";

	private static final String NO_CACHE = "no-cache";

	private static final String REFERRER_POLICY = "Referrer-Policy";

	private static final String NO_REFERRER = "no-referrer";

	private final HttpMessageConverter<Object> converter;

	private final Validator validator;

	private final long maxBodySize;

	/**
	 * Create a new instance.
	 * @param jsonMapper the application's JSON mapper, whose settings the bodies follow
	 * @param validator validates request bodies
	 * @param maxBodySize the largest body accepted, in bytes
	 */
	public MfaHttpMessages(JsonMapper jsonMapper, Validator validator, long maxBodySize) {
		Assert.notNull(jsonMapper, "jsonMapper cannot be null");
		Assert.notNull(validator, "validator cannot be null");
		// The contract ignores unknown fields, whatever the application's mapper does.
		this.converter = new JacksonJsonHttpMessageConverter(
				jsonMapper.rebuild().disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES));
		this.validator = validator;
		this.maxBodySize = maxBodySize;
	}

	/**
	 * Read and validate a request body.
	 * @param <T> the body type
	 * @param request the request
	 * @param type the body type
	 * @return the body
	 * @throws org.springframework.security.core.AuthenticationException if the body is
	 * not JSON, too large, malformed or invalid
	 */
	public <T> T read(HttpServletRequest request, Class<T> type) {
		MediaType contentType = contentType(request);
		// Only JSON: a form or text/plain body is what a cross-site form can send without
		// a preflight, which would make login CSRF possible wherever CSRF protection is
		// off.
		if (contentType == null || !this.converter.canRead(type, contentType)) {
			throw MfaRequestException.unsupportedMediaType();
		}
		if (request.getContentLengthLong() > this.maxBodySize) {
			throw MfaRequestException.tooLarge();
		}
		Object body;
		try {
			body = this.converter.read(type,
					new ServletServerHttpRequest(MfaRequestSizeFilter.bounded(request, this.maxBodySize)));
		}
		catch (HttpMessageNotReadableException | IOException ex) {
			throw MfaRequestException.unreadable(ex);
		}
		if (body == null) {
			throw MfaRequestException.empty();
		}
		validate(body);
		return type.cast(body);
	}

	private void validate(Object body) {
		Set<ConstraintViolation<Object>> violations = this.validator.validate(body);
		if (!violations.isEmpty()) {
			Map<String, String> errors = new HashMap<>();
			violations.forEach(
					(violation) -> errors.putIfAbsent(violation.getPropertyPath().toString(), violation.getMessage()));
			throw MfaRequestException.invalid(errors);
		}
	}

	/**
	 * Write a JSON body with status 200.
	 * @param response the response
	 * @param body the body
	 * @throws IOException on a write failure
	 */
	public void write(HttpServletResponse response, Object body) throws IOException {
		write(response, HttpStatus.OK, MediaType.APPLICATION_JSON, body);
	}

	/**
	 * Write a body.
	 * @param response the response
	 * @param status the status
	 * @param mediaType the media type of the body
	 * @param body the body
	 * @throws IOException on a write failure
	 */
	void write(HttpServletResponse response, HttpStatusCode status, MediaType mediaType, Object body)
			throws IOException {
		ServletServerHttpResponse output = new ServletServerHttpResponse(response);
		output.setStatusCode(status);
		setPrivateHeaders(output.getHeaders());
		output.getHeaders().setContentType(mediaType);
		this.converter.write(body, mediaType, output);
		output.flush();
	}

	/**
	 * Answer 204 without a body, with the headers of every other answer.
	 * @param response the response
	 * @throws IOException on a write failure
	 */
	void writeNoContent(HttpServletResponse response) throws IOException {
		ServletServerHttpResponse output = new ServletServerHttpResponse(response);
		output.setStatusCode(HttpStatus.NO_CONTENT);
		setPrivateHeaders(output.getHeaders());
		output.flush();
	}

	/**
	 * Set the headers of every answer of the MFA endpoints: no cache keeps it, since it
	 * may carry a secret, a code or a token ({@code Pragma} for HTTP/1.0 caches), and no
	 * page it leads to learns its URL.
	 * @param headers the headers of the answer
	 */
	static void setPrivateHeaders(HttpHeaders headers) {
		headers.setCacheControl(NO_STORE);
		headers.setPragma(NO_CACHE);
		headers.set(REFERRER_POLICY, NO_REFERRER);
	}

	private static @Nullable MediaType contentType(HttpServletRequest request) {
		String contentType = request.getContentType();
		if (contentType == null) {
			return null;
		}
		try {
			return MediaType.parseMediaType(contentType);
		}
		catch (InvalidMediaTypeException ex) {
			return null;
		}
	}

}
