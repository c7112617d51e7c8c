package dev.springmfa.jwt;

import java.time.Instant;

import org.springframework.data.jpa.repository.support.JpaRepositoryFactory;

/**
 * The server-side state of the refresh tokens of jwt mode.
 * <p>
 * The starter calls every method inside its own transaction, and an implementation must
 * join it. {@link #spend} must be one atomic conditional update against every concurrent
 * caller on every instance of the application (a single
 * {@code UPDATE ... WHERE <condition>}, not a read then a write): of requests racing with
 * one token, at most one may spend it, so that a stolen token used alongside its owner's
 * is detected as a reuse and its family revoked instead of both getting a new pair.
 * Revocation must be visible to every later {@link #spend}.
 * <p>
 * The default, {@link #jpa(JpaRepositoryFactory)}, keeps them in the starter's table
 * through Spring Data JPA. Define a bean of this type to keep them elsewhere.
 *
 * @author springmfa
 */
public interface RefreshTokenRepository {

	/**
	 * Record a newly issued token, unspent.
	 * @param token the token
	 */
	void save(RefreshToken token);

	/**
	 * Spend a token, atomically: only if it is unspent, unrevoked and unexpired at
	 * {@code now}. Of concurrent calls, at most one returns {@code true}.
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

	/**
	 * Return the repository that keeps the tokens in the starter's table, with each
	 * conditional update a single {@code UPDATE} statement.
	 * @param repositories the factory of Spring Data repositories, on a transaction-bound
	 * (shared) entity manager
	 * @return the repository
	 */
	static RefreshTokenRepository jpa(JpaRepositoryFactory repositories) {
		return new JpaRefreshTokenRepository(repositories);
	}

}
