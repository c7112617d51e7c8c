package dev.springmfa.web;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

import jakarta.validation.Constraint;
import jakarta.validation.ConstraintValidator;
import jakarta.validation.ConstraintValidatorContext;
import jakarta.validation.Payload;
import org.jspecify.annotations.Nullable;

/**
 * Text without a control character (Unicode category Cc, which includes NUL, CR, LF and
 * NEL U+0085) or a Unicode line or paragraph separator (U+2028, U+2029). A loop over the
 * characters, since every token of a request passes through it: a {@code @Pattern} with a
 * character class took 6 % of a verify's CPU in a profile (docs/benchmarks.md).
 */
@Documented
@Constraint(validatedBy = Printable.Validator.class)
@Target(ElementType.FIELD)
@Retention(RetentionPolicy.RUNTIME)
@interface Printable {

	String message() default "must not contain control characters or line breaks";

	Class<?>[] groups() default {};

	Class<? extends Payload>[] payload() default {};

	/**
	 * Checks a string; {@code null} is left to {@code @NotBlank}.
	 */
	final class Validator implements ConstraintValidator<Printable, String> {

		@Override
		public boolean isValid(@Nullable String value, ConstraintValidatorContext context) {
			if (value == null) {
				return true;
			}
			for (int i = 0; i < value.length(); i++) {
				char c = value.charAt(i);
				if (Character.isISOControl(c) || c == '\u2028' || c == '\u2029') {
					return false;
				}
			}
			return true;
		}

	}

}
