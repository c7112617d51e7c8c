package dev.springmfa.authenticator;

import java.time.Duration;
import java.time.Instant;

import org.jspecify.annotations.Nullable;

import dev.springmfa.InvalidMfaCodeException;
import dev.springmfa.TooManyMfaAttemptsException;
import org.springframework.security.core.AuthenticationException;

/**
 * The outcome of one attempt with a code, decided and written in the caller's
 * transaction; the caller answers with it once that transaction has committed.
 *
 * @param userId the user
 * @param at when the code was checked
 * @param factor the factor authority that the code proved, or {@code null} if it proved
 * none
 * @param checked whether the code was checked; it is not while the second factor is
 * locked
 * @param replayed whether the code was a TOTP code of a time step accepted before
 * @param failures the consecutive failures after this attempt
 * @param lock how long the second factor stays locked, if it is, or {@code null}
 */
public record CodeAttempt(String userId, Instant at, @Nullable String factor, boolean checked, boolean replayed,
		int failures, @Nullable Duration lock) {

	/**
	 * Return whether the code was accepted.
	 * @return whether the code proved a factor
	 */
	public boolean succeeded() {
		return this.factor != null;
	}

	/**
	 * Return the exception that refuses this attempt: {@code too_many_attempts} while the
	 * second factor is locked (this attempt locked it, or found it locked), else
	 * {@code invalid_code}.
	 * @return the exception
	 */
	public AuthenticationException failure() {
		return (this.lock != null) ? new TooManyMfaAttemptsException(this.lock) : new InvalidMfaCodeException();
	}

	static CodeAttempt accepted(String userId, Instant at, String factor) {
		return new CodeAttempt(userId, at, factor, true, false, 0, null);
	}

	static CodeAttempt refusedWhileLocked(String userId, Instant at, int failures, Duration lock) {
		return new CodeAttempt(userId, at, null, false, false, failures, lock);
	}

	static CodeAttempt failed(String userId, Instant at, boolean replayed, int failures, @Nullable Duration lock) {
		return new CodeAttempt(userId, at, null, true, replayed, failures, lock);
	}

}
