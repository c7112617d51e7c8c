package dev.springmfa.web;

import java.util.Map;

import dev.springmfa.MfaErrorCode;
import dev.springmfa.MfaException;

/**
 * A request body that is malformed or misses a field.
 */
public class MfaValidationException extends MfaException {

	private final Map<String, String> errors;

	/**
	 * Create a new instance.
	 * @param message what is wrong, safe to show
	 * @param errors field name to message
	 */
	public MfaValidationException(String message, Map<String, String> errors) {
		super(MfaErrorCode.VALIDATION_FAILED, message);
		this.errors = Map.copyOf(errors);
	}

	/**
	 * Return the field errors.
	 * @return field name to message, empty for a malformed body
	 */
	public Map<String, String> getErrors() {
		return this.errors;
	}

}
