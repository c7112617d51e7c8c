package dev.springmfa.authenticator;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

import org.jspecify.annotations.Nullable;

import dev.springmfa.recovery.StoredRecoveryCode;
import org.springframework.data.jpa.repository.support.JpaRepositoryFactory;

/**
 * Persistence of authenticators and their recovery codes.
 * <p>
 * The starter calls every method inside its own transaction, and an implementation must
 * join it rather than commit on its own. Its security rests on
 * {@link #findByUserIdForUpdate}: every check of a code starts there, and the row lock it
 * takes is the attempt's reservation of the budget. Attempts for one user, on every
 * instance of the application, each wait for the one before to commit its outcome (the
 * failure counted, or the code accepted), so that no attempt is checked against a count
 * that misses another. The writes that follow ({@link #acceptTimeStep},
 * {@link #spendRecoveryCode}, {@link #countFailure}) are single statements under that
 * lock; {@link #acceptTimeStep} and {@link #spendRecoveryCode} also carry their
 * precondition in their {@code where} clause, so that a code is never accepted twice even
 * by a caller that did not lock.
 * <p>
 * The default, {@link #jpa(JpaRepositoryFactory)}, stores them in the starter's tables
 * through Spring Data JPA. Define a bean of this type to store them elsewhere.
 *
 * @author springmfa
 */
public interface AuthenticatorRepository {

	/**
	 * Find the TOTP authenticator of a user, without locking it.
	 * @param userId the user
	 * @return the authenticator, if the user has one
	 */
	Optional<Authenticator> findByUserId(String userId);

	/**
	 * Find the TOTP authenticator of a user and lock its row until the caller's
	 * transaction ends ({@code SELECT ... FOR UPDATE}): a concurrent call for the same
	 * user, from any instance, waits until then and reads what this transaction wrote.
	 * @param userId the user
	 * @return the authenticator, if the user has one
	 */
	Optional<Authenticator> findByUserIdForUpdate(String userId);

	/**
	 * Store a new authenticator with its recovery codes.
	 * @param authenticator the authenticator
	 * @param recoveryCodes the recovery codes, encrypted or hashed
	 * @return the stored authenticator
	 */
	Authenticator save(Authenticator authenticator, List<StoredRecoveryCode> recoveryCodes);

	/**
	 * Record a TOTP success: accept {@code timeStep} only if it is later than the last
	 * accepted one; then store it, count the accepted code and clear the failures and any
	 * lock, in one statement. Of concurrent calls with the same step, at most one returns
	 * {@code true}.
	 * @param authenticatorId the authenticator
	 * @param timeStep the time step of the accepted code
	 * @param now the current time
	 * @return whether this caller's step was accepted
	 */
	boolean acceptTimeStep(long authenticatorId, long timeStep, Instant now);

	/**
	 * Return the recovery codes of an authenticator that are not used yet.
	 * @param authenticatorId the authenticator
	 * @return the unused codes, oldest first
	 */
	List<RecoveryCode> findUnusedRecoveryCodes(long authenticatorId);

	/**
	 * Find the unused recovery code of an authenticator that is stored hashed under an
	 * id, without reading the others.
	 * @param authenticatorId the authenticator
	 * @param codeId the id at the start of the code, see
	 * {@link StoredRecoveryCode.Hashed#codeId()}
	 * @return the code, if the authenticator has an unused one with that id
	 */
	Optional<RecoveryCode> findUnusedRecoveryCode(long authenticatorId, String codeId);

	/**
	 * Count the unused recovery codes of an authenticator, without reading them.
	 * @param authenticatorId the authenticator
	 * @return the number of unused codes
	 */
	long countUnusedRecoveryCodes(long authenticatorId);

	/**
	 * Spend a recovery code: mark it used only if it is unused; then count the accepted
	 * code on the authenticator and clear its failures and any lock. Of concurrent calls
	 * with the same code, at most one returns {@code true}.
	 * @param authenticatorId the authenticator that owns the code
	 * @param recoveryCodeId the code
	 * @param now the current time
	 * @return whether this caller spent the code
	 */
	boolean spendRecoveryCode(long authenticatorId, long recoveryCodeId, Instant now);

	/**
	 * Replace every recovery code of an authenticator.
	 * @param authenticatorId the authenticator
	 * @param recoveryCodes the new codes, encrypted or hashed
	 * @param now the current time
	 */
	void replaceRecoveryCodes(long authenticatorId, List<StoredRecoveryCode> recoveryCodes, Instant now);

	/**
	 * Add one failure to the authenticator's consecutive failure count, in one statement,
	 * and lock the second factor until the given time if one is given.
	 * @param authenticatorId the authenticator
	 * @param lockedUntil the end of the lock this failure starts, or {@code null} if it
	 * starts none
	 */
	void countFailure(long authenticatorId, @Nullable Instant lockedUntil);

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
	 * write a single statement.
	 * @param repositories the factory of Spring Data repositories, on a transaction-bound
	 * (shared) entity manager
	 * @return the repository
	 */
	static AuthenticatorRepository jpa(JpaRepositoryFactory repositories) {
		return new JpaAuthenticatorRepository(repositories);
	}

}
