package dev.springmfa.authenticator;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

import dev.springmfa.crypto.EncryptedValue;

/**
 * Persistence of authenticators and their recovery codes. Every state change that a
 * concurrent request could race is one conditional update whose result says whether this
 * caller won. Callers run each method inside a transaction.
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
	 * Record a TOTP success: accept {@code timeStep} only if it is later than the last
	 * accepted one and the authenticator is not locked at {@code now}, and reset its
	 * failure count.
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
	 * Spend a recovery code unless it is spent already or the authenticator is locked at
	 * {@code now}, and reset the authenticator's failure count.
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
	 * Add one failure to the authenticator's consecutive failure count.
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

}
