package dev.springmfa.authenticator;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

import dev.springmfa.crypto.EncryptedValue;
import org.springframework.data.jpa.repository.support.JpaRepositoryFactory;

/**
 * Persistence of authenticators and their recovery codes.
 * <p>
 * The starter calls every method inside its own transaction, and an implementation must
 * join it rather than commit on its own. Its security rests on the conditional updates
 * ({@link #acceptTimeStep}, {@link #spendRecoveryCode},
 * {@link #incrementFailedAttempts}): each must check its condition and make its change as
 * one atomic step, against every concurrent caller on every instance of the application,
 * so that of two requests racing with the same code exactly one is told it won. A read
 * followed by a write does not qualify; a single {@code UPDATE ... WHERE <condition>}
 * that reports the rows it changed does. Otherwise a TOTP code or a recovery code could
 * be used twice, and failures counted in parallel could escape the lockout.
 * <p>
 * The default, {@link #jpa(JpaRepositoryFactory)}, stores them in the starter's tables
 * through Spring Data JPA. Define a bean of this type to store them elsewhere.
 *
 * @author springmfa
 */
public interface AuthenticatorRepository {

	/**
	 * Find the TOTP authenticator of a user.
	 * @param userId the user
	 * @return the authenticator, if the user has one
	 */
	Optional<Authenticator> findByUserId(String userId);

	/**
	 * Store a new authenticator with its recovery codes.
	 * @param authenticator the authenticator
	 * @param recoveryCodes the encrypted recovery codes
	 * @return the stored authenticator
	 */
	Authenticator save(Authenticator authenticator, List<EncryptedValue> recoveryCodes);

	/**
	 * Record a TOTP success, atomically: accept {@code timeStep} only if it is later than
	 * the last accepted one, the authenticator is not locked at {@code now} and its
	 * failure count is below {@code maxFailedAttempts}; then store the step and reset the
	 * failure count. Of concurrent calls with the same step, at most one returns
	 * {@code true}.
	 * @param authenticatorId the authenticator
	 * @param timeStep the time step of the accepted code
	 * @param now the current time
	 * @param maxFailedAttempts the failure count at which the authenticator stays locked
	 * @return whether this caller's step was accepted
	 */
	boolean acceptTimeStep(long authenticatorId, long timeStep, Instant now, int maxFailedAttempts);

	/**
	 * Return the recovery codes of an authenticator that are not used yet.
	 * @param authenticatorId the authenticator
	 * @return the unused codes, oldest first
	 */
	List<RecoveryCode> findUnusedRecoveryCodes(long authenticatorId);

	/**
	 * Spend a recovery code, atomically: only if it is unspent, the authenticator is not
	 * locked at {@code now} and its failure count is below {@code maxFailedAttempts};
	 * then mark it used and reset the failure count. Of concurrent calls with the same
	 * code, at most one returns {@code true}.
	 * @param authenticatorId the authenticator that owns the code
	 * @param recoveryCodeId the code
	 * @param now the current time
	 * @param maxFailedAttempts the failure count at which the authenticator stays locked
	 * @return whether this caller spent the code
	 */
	boolean spendRecoveryCode(long authenticatorId, long recoveryCodeId, Instant now, int maxFailedAttempts);

	/**
	 * Replace every recovery code of an authenticator.
	 * @param authenticatorId the authenticator
	 * @param recoveryCodes the new encrypted codes
	 * @param now the current time
	 */
	void replaceRecoveryCodes(long authenticatorId, List<EncryptedValue> recoveryCodes, Instant now);

	/**
	 * Add one failure to the authenticator's consecutive failure count, atomically: of
	 * {@code n} concurrent calls, each sees a different count, so that no failure escapes
	 * the {@link LockoutPolicy}.
	 * @param authenticatorId the authenticator
	 * @return the count after this failure, counting concurrent ones; {@code 0} if the
	 * authenticator no longer exists
	 */
	int incrementFailedAttempts(long authenticatorId);

	/**
	 * Lock the second factor until the given time.
	 * @param authenticatorId the authenticator
	 * @param lockedUntil the end of the lock
	 */
	void lockUntil(long authenticatorId, Instant lockedUntil);

	/**
	 * Clear the failure count and any lock of a user's authenticator.
	 * @param userId the user
	 * @return whether the user has an authenticator
	 */
	boolean resetLockout(String userId);

	/**
	 * Delete an authenticator and all its recovery codes.
	 * @param authenticatorId the authenticator
	 */
	void delete(long authenticatorId);

	/**
	 * Return the repository that stores authenticators in the starter's tables, with each
	 * conditional update a single {@code UPDATE} statement.
	 * @param repositories the factory of Spring Data repositories, on a transaction-bound
	 * (shared) entity manager
	 * @return the repository
	 */
	static AuthenticatorRepository jpa(JpaRepositoryFactory repositories) {
		return new JpaAuthenticatorRepository(repositories);
	}

}
