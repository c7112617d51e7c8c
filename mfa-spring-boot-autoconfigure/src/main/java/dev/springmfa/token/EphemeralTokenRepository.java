package dev.springmfa.token;

import java.time.Instant;

/**
 * Keeps ephemeral tokens single-use and counts their failed attempts. Callers run each
 * method inside a transaction.
 */
public interface EphemeralTokenRepository {

	/**
	 * Record a newly issued token.
	 * @param token the token
	 */
	void save(EphemeralToken token);

	/**
	 * Spend a token unless it is spent, expired, or has used up its attempts.
	 * @param tokenId the token id
	 * @param now the current time
	 * @param maxFailedAttempts the failed attempts that use a token up
	 * @return whether this caller spent it
	 */
	boolean spend(String tokenId, Instant now, int maxFailedAttempts);

	/**
	 * Count a failed attempt with a token.
	 * @param tokenId the token id
	 * @return the failed attempts after this one
	 */
	int incrementFailedAttempts(String tokenId);

	/**
	 * Delete the records of tokens that expired before the given time.
	 * @param before the cut-off
	 * @return how many were deleted
	 */
	int deleteExpired(Instant before);

}
