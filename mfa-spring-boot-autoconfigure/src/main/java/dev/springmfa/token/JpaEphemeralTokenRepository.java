package dev.springmfa.token;

import java.time.Instant;
import java.util.Optional;

import org.springframework.data.jpa.repository.Modifying;
import org.springframework.data.jpa.repository.Query;
import org.springframework.data.jpa.repository.support.JpaRepositoryFactory;
import org.springframework.data.repository.Repository;
import org.springframework.util.Assert;

/**
 * {@link EphemeralTokenRepository} on a Spring Data JPA repository; the spend is one
 * conditional update, so exactly one of any number of concurrent spends wins. Every
 * method runs in the caller's transaction.
 */
final class JpaEphemeralTokenRepository implements EphemeralTokenRepository {

	private final TokenUses tokenUses;

	/**
	 * Create a new instance.
	 * @param repositories the factory of the Spring Data repositories, on a
	 * transaction-bound (shared) entity manager
	 */
	JpaEphemeralTokenRepository(JpaRepositoryFactory repositories) {
		Assert.notNull(repositories, "repositories cannot be null");
		this.tokenUses = repositories.getRepository(TokenUses.class);
	}

	@Override
	public void save(EphemeralToken token) {
		this.tokenUses.save(new EphemeralTokenUse(token.id(), token.userId(), token.expiresAt()));
	}

	@Override
	public boolean spend(String tokenId, Instant now, int maxFailedAttempts) {
		return this.tokenUses.spend(tokenId, now, maxFailedAttempts) == 1;
	}

	@Override
	public int incrementFailedAttempts(String tokenId) {
		this.tokenUses.incrementFailedAttempts(tokenId);
		return this.tokenUses.findFailedAttemptsById(tokenId).orElse(0);
	}

	@Override
	public int deleteExpired(Instant before) {
		return this.tokenUses.deleteExpired(before);
	}

	// Nested, so that an application's repository scanning never picks it up.
	interface TokenUses extends Repository<EphemeralTokenUse, String> {

		EphemeralTokenUse save(EphemeralTokenUse tokenUse);

		@Modifying
		@Query("""
				update MfaEphemeralTokenUse t set t.spentAt = :now
				where t.id = :id and t.spentAt is null and t.expiresAt > :now and t.failedAttempts < :max
				""")
		int spend(String id, Instant now, int max);

		@Modifying
		@Query("update MfaEphemeralTokenUse t set t.failedAttempts = t.failedAttempts + 1 where t.id = :id")
		int incrementFailedAttempts(String id);

		@Query("select t.failedAttempts from MfaEphemeralTokenUse t where t.id = :id")
		Optional<Integer> findFailedAttemptsById(String id);

		@Modifying
		@Query("delete from MfaEphemeralTokenUse t where t.expiresAt < :before")
		int deleteExpired(Instant before);

	}

}
