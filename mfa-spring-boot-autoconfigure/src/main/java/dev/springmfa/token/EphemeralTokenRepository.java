package dev.springmfa.token;

import java.time.Instant;

import org.springframework.data.jpa.repository.support.JpaRepositoryFactory;

/**
 * Keeps the ephemeral tokens of the password step single-use and counts their failed
 * attempts; the tokens themselves are signed and need no storage.
 * <p>
 * The starter calls every method inside its own transaction, and an implementation must
 * join it. {@link #spend} and {@link #incrementFailedAttempts} must each be one atomic
 * step against every concurrent caller on every instance of the application (a single
 * {@code UPDATE ... WHERE <condition>}, not a read then a write): of requests racing with
 * one token, at most one may spend it, else one password step would complete two logins.
 * <p>
 * The default, {@link #jpa(JpaRepositoryFactory)}, keeps them in the starter's table
 * through Spring Data JPA. Define a bean of this type to keep them elsewhere.
 *
 * @author springmfa
 */
public interface EphemeralTokenRepository {

	/**
	 * Record a newly issued token.
	 * @param token the token
	 */
	void save(EphemeralToken token);

	/**
	 * Spend a token, atomically: only if it is unspent, unexpired at {@code now} and has
	 * fewer than {@code maxFailedAttempts} failures. Of concurrent calls, at most one
	 * returns {@code true}.
	 * @param tokenId the token id
	 * @param now the current time
	 * @param maxFailedAttempts the failed attempts that use a token up
	 * @return whether this caller spent it
	 */
	boolean spend(String tokenId, Instant now, int maxFailedAttempts);

	/**
	 * Count a failed attempt with a token, atomically: concurrent calls each see a
	 * different count.
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

	/**
	 * Return the repository that keeps the tokens in the starter's table, with each
	 * conditional update a single {@code UPDATE} statement.
	 * @param repositories the factory of Spring Data repositories, on a transaction-bound
	 * (shared) entity manager
	 * @return the repository
	 */
	static EphemeralTokenRepository jpa(JpaRepositoryFactory repositories) {
		return new JpaEphemeralTokenRepository(repositories);
	}

}
