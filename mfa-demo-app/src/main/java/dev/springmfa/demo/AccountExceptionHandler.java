package dev.springmfa.demo;

import java.net.URI;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import java.util.stream.Collectors;

import tools.jackson.core.JacksonException;
import tools.jackson.databind.exc.MismatchedInputException;
import tools.jackson.databind.exc.PropertyBindingException;

import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.web.HttpMediaTypeNotSupportedException;
import org.springframework.web.bind.MethodArgumentNotValidException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;

/**
 * Answers the refusals of {@link AccountController} with the same problem documents as
 * the MFA endpoints: a {@code type} of {@code urn:problem-type:mfa:<code>} and a
 * {@code code} property.
 */
@RestControllerAdvice(assignableTypes = AccountController.class)
public class AccountExceptionHandler {

	/**
	 * Answer a registration with a taken username.
	 * @param ex the refusal
	 * @return the problem document
	 */
	@ExceptionHandler(UsernameTakenException.class)
	public ProblemDetail handleUsernameTaken(UsernameTakenException ex) {
		return problem(HttpStatus.CONFLICT, "username_taken", "Username taken", ex.getDetail());
	}

	/**
	 * Answer a body that failed bean validation, with a message per field.
	 * @param ex the failure
	 * @return the problem document
	 */
	@ExceptionHandler(MethodArgumentNotValidException.class)
	public ProblemDetail handleInvalidBody(MethodArgumentNotValidException ex) {
		Map<String, String> errors = new TreeMap<>();
		ex.getBindingResult()
			.getFieldErrors()
			.forEach((error) -> errors.putIfAbsent(error.getField(), String.valueOf(error.getDefaultMessage())));
		ProblemDetail problem = validationFailed("The request body is invalid");
		problem.setProperty("errors", errors);
		return problem;
	}

	/**
	 * Answer a body that could not be read, naming the field whose value has the wrong
	 * type where one has. The parser's message is not passed on: it names classes.
	 * @param ex the failure
	 * @return the problem document
	 */
	@ExceptionHandler({ HttpMessageNotReadableException.class, HttpMediaTypeNotSupportedException.class })
	public ProblemDetail handleUnreadableBody(Exception ex) {
		ProblemDetail problem = validationFailed("The request body is not valid JSON of the expected shape");
		// An unknown field is a PropertyBindingException, whose name is the client's.
		if (ex.getCause() instanceof MismatchedInputException mismatch
				&& !(mismatch instanceof PropertyBindingException)) {
			String field = mismatch.getPath()
				.stream()
				.map(JacksonException.Reference::getPropertyName)
				.filter(Objects::nonNull)
				.collect(Collectors.joining("."));
			if (!field.isEmpty()) {
				problem.setProperty("errors", Map.of(field, "must be a string"));
			}
		}
		return problem;
	}

	private static ProblemDetail validationFailed(String detail) {
		return problem(HttpStatus.BAD_REQUEST, "validation_failed", "Validation failed", detail);
	}

	private static ProblemDetail problem(HttpStatus status, String code, String title, String detail) {
		ProblemDetail problem = ProblemDetail.forStatusAndDetail(status, detail);
		problem.setType(URI.create("urn:problem-type:mfa:" + code));
		problem.setTitle(title);
		problem.setProperty("code", code);
		return problem;
	}

}
