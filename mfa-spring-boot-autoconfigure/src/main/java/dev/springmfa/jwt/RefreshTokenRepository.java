package dev.springmfa.jwt;

import java.time.Instant;

/**
 * The server-side state of refresh tokens. Each change is one conditional update, so that
 * concurrent requests on any number of application instances sharing the database agree
 * on which of them spent a token.
 */
public interface RefreshTokenRepository {

	/**
	 * Record a newly issued token, unspent.
	 * @param token the token
	 */
	void save(RefreshToken token);

	/**
	 * Spend a token if it is unspent, unrevoked and unexpired.
	 * @param tokenId the token
	 * @param now the current time
	 * @return whether this call spent it
	 */
	boolean spend(String tokenId, Instant now);

	/**
	 * Return whether a token was spent already: presenting it again is a reuse.
	 * @param tokenId the token
	 * @return whether it is spent
	 */
	boolean isSpent(String tokenId);

	/**
	 * Revoke every unrevoked token of a family.
	 * @param familyId the family
	 * @param now the current time
	 * @return the number of tokens revoked
	 */
	int revokeFamily(String familyId, Instant now);

	/**
	 * Revoke every unrevoked token of a user.
	 * @param userId the user
	 * @param now the current time
	 * @return the number of tokens revoked
	 */
	int revokeAll(String userId, Instant now);

	/**
	 * Delete the records of tokens that expired before a time.
	 * @param before the time
	 * @return the number deleted
	 */
	int deleteExpired(Instant before);

}
