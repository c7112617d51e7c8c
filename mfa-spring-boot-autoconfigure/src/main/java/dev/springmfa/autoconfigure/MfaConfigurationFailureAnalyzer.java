package dev.springmfa.autoconfigure;

import java.util.List;

import org.jspecify.annotations.Nullable;

import org.springframework.boot.context.properties.bind.validation.BindValidationException;
import org.springframework.boot.context.properties.source.ConfigurationPropertyName;
import org.springframework.boot.diagnostics.FailureAnalysis;
import org.springframework.boot.diagnostics.FailureAnalyzer;
import org.springframework.boot.origin.Origin;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.validation.ObjectError;

/**
 * Explains a startup failure caused by missing or invalid {@code mfa.*} properties, and
 * how to fix each: the errors of {@link MfaProperties} found when they were bound, and an
 * {@link MfaConfigurationException} thrown later.
 * <p>
 * Ordered before Spring Boot's {@code BindValidationFailureAnalyzer}, which would print
 * each rejected value, and so a key at fault.
 */
@Order(Ordered.HIGHEST_PRECEDENCE)
class MfaConfigurationFailureAnalyzer implements FailureAnalyzer {

	private static final ConfigurationPropertyName PREFIX = ConfigurationPropertyName.of("mfa");

	private static final String ENABLED = "Multi-factor authentication is enabled (mfa.enabled=true), but ";

	@Override
	public @Nullable FailureAnalysis analyze(Throwable failure) {
		MfaConfigurationException exception = findCause(failure, MfaConfigurationException.class);
		if (exception != null) {
			return new FailureAnalysis(ENABLED + exception.getMessage() + ".", exception.getAction(), exception);
		}
		BindValidationException invalid = findCause(failure, BindValidationException.class);
		if (invalid != null && PREFIX.equals(invalid.getValidationErrors().getName())) {
			return analyze(invalid);
		}
		return null;
	}

	private FailureAnalysis analyze(BindValidationException invalid) {
		List<ObjectError> errors = invalid.getValidationErrors().getAllErrors();
		StringBuilder description = new StringBuilder(ENABLED);
		description.append((errors.size() == 1) ? "a property is" : "properties are").append(" invalid:\n");
		StringBuilder action = new StringBuilder("Update the application's configuration:\n");
		for (ObjectError error : errors) {
			Object[] arguments = error.getArguments();
			if (arguments == null || arguments.length != 3) {
				description.append("\n    ").append(error.getDefaultMessage());
				continue;
			}
			description.append("\n    ").append(arguments[0]).append(' ').append(arguments[1]);
			Origin origin = Origin.from(error);
			if (origin != null) {
				description.append(" (").append(origin).append(')');
			}
			action.append("\n    ").append(arguments[0]).append(": ").append(arguments[2]);
		}
		return new FailureAnalysis(description.toString(), action.toString(), invalid);
	}

	private static <E extends Throwable> @Nullable E findCause(@Nullable Throwable failure, Class<E> type) {
		for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
			if (type.isInstance(cause)) {
				return type.cast(cause);
			}
		}
		return null;
	}

}
