package dev.springmfa.token;

import java.time.Instant;

import jakarta.persistence.EntityManager;

import org.springframework.util.Assert;

/**
 * {@link EphemeralTokenRepository} on JPA; the spend is one conditional update, so
 * exactly one of any number of concurrent spends wins.
 */
public class JpaEphemeralTokenRepository implements EphemeralTokenRepository {

	private final EntityManager entityManager;

	/**
	 * Create a new instance.
	 * @param entityManager a transaction-bound (shared) entity manager
	 */
	public JpaEphemeralTokenRepository(EntityManager entityManager) {
		Assert.notNull(entityManager, "entityManager cannot be null");
		this.entityManager = entityManager;
	}

	@Override
	public void save(EphemeralToken token) {
		this.entityManager.persist(new EphemeralTokenUse(token.id(), token.userId(), token.expiresAt()));
	}

	@Override
	public boolean spend(String tokenId, Instant now, int maxFailedAttempts) {
		return this.entityManager.createQuery("""
				update MfaEphemeralTokenUse t set t.spentAt = :now
				where t.id = :id and t.spentAt is null and t.expiresAt > :now and t.failedAttempts < :max
				""")
			.setParameter("now", now)
			.setParameter("id", tokenId)
			.setParameter("max", maxFailedAttempts)
			.executeUpdate() == 1;
	}

	@Override
	public int incrementFailedAttempts(String tokenId) {
		this.entityManager
			.createQuery("update MfaEphemeralTokenUse t set t.failedAttempts = t.failedAttempts + 1 where t.id = :id")
			.setParameter("id", tokenId)
			.executeUpdate();
		return this.entityManager
			.createQuery("select t.failedAttempts from MfaEphemeralTokenUse t where t.id = :id", Integer.class)
			.setParameter("id", tokenId)
			.getResultStream()
			.findFirst()
			.orElse(0);
	}

	@Override
	public int deleteExpired(Instant before) {
		return this.entityManager.createQuery("delete from MfaEphemeralTokenUse t where t.expiresAt < :before")
			.setParameter("before", before)
			.executeUpdate();
	}

}
