package dev.springmfa.web;

import java.io.Serial;
import java.util.Collections;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import java.util.stream.Collectors;

import tools.jackson.core.JacksonException;
import tools.jackson.databind.exc.MismatchedInputException;
import tools.jackson.databind.exc.PropertyBindingException;

import dev.springmfa.MfaErrorCode;
import dev.springmfa.MfaFailure;
import org.springframework.security.core.AuthenticationException;

/**
 * A request body that an MFA endpoint cannot take: not JSON, too large, malformed or
 * invalid. It is an {@link AuthenticationException}, as a malformed {@code Authorization}
 * header is for Spring Security's {@code BasicAuthenticationConverter}, so that the login
 * filters answer it through their failure handler like any other refused login.
 */
final class MfaRequestException extends AuthenticationException implements MfaFailure {

	@Serial
	private static final long serialVersionUID = 1L;

	private final MfaErrorCode errorCode;

	private final Map<String, String> errors;

	private MfaRequestException(MfaErrorCode errorCode, String message, Map<String, String> errors) {
		super(message);
		this.errorCode = errorCode;
		this.errors = Collections.unmodifiableMap(new TreeMap<>(errors));
	}

	@Override
	public MfaErrorCode getErrorCode() {
		return this.errorCode;
	}

	/**
	 * Return the message of each invalid field.
	 * @return field name to message in name order, empty unless the body was read but is
	 * invalid
	 */
	Map<String, String> getErrors() {
		return this.errors;
	}

	static MfaRequestException unsupportedMediaType() {
		return new MfaRequestException(MfaErrorCode.UNSUPPORTED_MEDIA_TYPE, "The request body must be application/json",
				Map.of());
	}

	static MfaRequestException tooLarge() {
		return new MfaRequestException(MfaErrorCode.PAYLOAD_TOO_LARGE, "The request body is too large", Map.of());
	}

	/**
	 * A body that could not be read: too large where the limit stopped the reading, else
	 * malformed, with the field named where one had the wrong type. The parser's message
	 * is not passed on: it names classes.
	 * @param failure why it could not be read
	 * @return the exception
	 */
	static MfaRequestException unreadable(Throwable failure) {
		Map<String, String> errors = Map.of();
		for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
			if (cause instanceof PayloadTooLargeException) {
				return tooLarge();
			}
			if (cause instanceof MismatchedInputException mismatch && !(cause instanceof PropertyBindingException)
					&& errors.isEmpty()) {
				errors = wrongType(mismatch);
			}
		}
		return new MfaRequestException(MfaErrorCode.VALIDATION_FAILED,
				"The request body is not valid JSON of the expected shape", errors);
	}

	// Only a field of the request record has a value of the wrong type (an unknown one
	// is a PropertyBindingException, left out above), so the name echoed back is one of
	// the contract's, never the client's text.
	private static Map<String, String> wrongType(MismatchedInputException mismatch) {
		String field = mismatch.getPath()
			.stream()
			.map(JacksonException.Reference::getPropertyName)
			.filter(Objects::nonNull)
			.collect(Collectors.joining("."));
		if (field.isEmpty()) {
			return Map.of();
		}
		return Map.of(field, (mismatch.getTargetType() == String.class) ? "must be a string" : "has the wrong type");
	}

	static MfaRequestException empty() {
		return new MfaRequestException(MfaErrorCode.VALIDATION_FAILED, "The request body is empty", Map.of());
	}

	static MfaRequestException invalid(Map<String, String> errors) {
		return new MfaRequestException(MfaErrorCode.VALIDATION_FAILED, "The request body is invalid", errors);
	}

}
