package dev.springmfa.jwt;

import java.time.Instant;

import jakarta.persistence.EntityManager;

import org.springframework.util.Assert;

/**
 * A {@link RefreshTokenRepository} in JPA. Callers provide the transactions.
 */
public class JpaRefreshTokenRepository implements RefreshTokenRepository {

	private final EntityManager entityManager;

	/**
	 * Create a new instance.
	 * @param entityManager a transaction-bound (shared) entity manager
	 */
	public JpaRefreshTokenRepository(EntityManager entityManager) {
		Assert.notNull(entityManager, "entityManager cannot be null");
		this.entityManager = entityManager;
	}

	@Override
	public void save(RefreshToken token) {
		this.entityManager.persist(new RefreshTokenRecord(token.id(), token.familyId(), token.userId(),
				token.issuedAt(), token.expiresAt()));
	}

	@Override
	public boolean spend(String tokenId, Instant now) {
		return this.entityManager.createQuery("""
				update MfaRefreshToken t set t.spentAt = :now
				where t.id = :id and t.spentAt is null and t.revokedAt is null and t.expiresAt > :now
				""").setParameter("now", now).setParameter("id", tokenId).executeUpdate() == 1;
	}

	@Override
	public boolean isSpent(String tokenId) {
		return this.entityManager
			.createQuery("select count(t) from MfaRefreshToken t where t.id = :id and t.spentAt is not null",
					Long.class)
			.setParameter("id", tokenId)
			.getSingleResult() > 0;
	}

	@Override
	public int revokeFamily(String familyId, Instant now) {
		return this.entityManager
			.createQuery("update MfaRefreshToken t set t.revokedAt = :now"
					+ " where t.familyId = :family and t.revokedAt is null")
			.setParameter("now", now)
			.setParameter("family", familyId)
			.executeUpdate();
	}

	@Override
	public int revokeAll(String userId, Instant now) {
		return this.entityManager
			.createQuery("update MfaRefreshToken t set t.revokedAt = :now"
					+ " where t.userId = :user and t.revokedAt is null")
			.setParameter("now", now)
			.setParameter("user", userId)
			.executeUpdate();
	}

	@Override
	public int deleteExpired(Instant before) {
		return this.entityManager.createQuery("delete from MfaRefreshToken t where t.expiresAt < :before")
			.setParameter("before", before)
			.executeUpdate();
	}

}
