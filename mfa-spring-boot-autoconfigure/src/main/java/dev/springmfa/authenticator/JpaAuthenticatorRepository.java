package dev.springmfa.authenticator;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

import jakarta.persistence.EntityManager;

import dev.springmfa.crypto.EncryptedValue;
import org.springframework.util.Assert;

/**
 * {@link AuthenticatorRepository} on JPA. The races are settled by bulk JPQL updates
 * whose {@code where} clause carries the precondition, so the database decides the winner
 * across threads and application instances alike.
 */
public class JpaAuthenticatorRepository implements AuthenticatorRepository {

	private final EntityManager entityManager;

	/**
	 * Create a new instance.
	 * @param entityManager a transaction-bound (shared) entity manager
	 */
	public JpaAuthenticatorRepository(EntityManager entityManager) {
		Assert.notNull(entityManager, "entityManager cannot be null");
		this.entityManager = entityManager;
	}

	@Override
	public Optional<Authenticator> findByUserId(String userId) {
		return this.entityManager
			.createQuery("select a from MfaAuthenticator a where a.userId = :userId and a.type = :type",
					Authenticator.class)
			.setParameter("userId", userId)
			.setParameter("type", Authenticator.TOTP)
			.getResultStream()
			.findFirst();
	}

	@Override
	public Authenticator save(Authenticator authenticator, List<EncryptedValue> recoveryCodes) {
		this.entityManager.persist(authenticator);
		this.entityManager.flush();
		Long id = authenticator.getId();
		Assert.state(id != null, "Persisted authenticator has no id");
		recoveryCodes
			.forEach((code) -> this.entityManager.persist(new RecoveryCode(id, code, authenticator.getCreatedAt())));
		return authenticator;
	}

	@Override
	public boolean acceptTimeStep(long authenticatorId, long timeStep, Instant now, int maxFailedAttempts) {
		// RFC 6238 §5.2: a code's time step is accepted once; only a later step may
		// follow.
		return this.entityManager.createQuery("""
				update MfaAuthenticator a
				set a.lastUsedStep = :step, a.lastUsedAt = :now, a.failedAttempts = 0, a.lockedUntil = null
				where a.id = :id and (a.lastUsedStep is null or a.lastUsedStep < :step)
				and (a.lockedUntil is null or a.lockedUntil <= :now) and a.failedAttempts < :max
				""")
			.setParameter("step", timeStep)
			.setParameter("now", now)
			.setParameter("id", authenticatorId)
			.setParameter("max", maxFailedAttempts)
			.executeUpdate() == 1;
	}

	@Override
	public List<RecoveryCode> findUnusedRecoveryCodes(long authenticatorId) {
		return this.entityManager
			.createQuery(
					"select c from MfaRecoveryCode c where c.authenticatorId = :id and c.usedAt is null order by c.id",
					RecoveryCode.class)
			.setParameter("id", authenticatorId)
			.getResultList();
	}

	@Override
	public boolean spendRecoveryCode(long authenticatorId, long recoveryCodeId, Instant now, int maxFailedAttempts) {
		// Lock the authenticator row first, as acceptTimeStep does, so that concurrent
		// checks of one user always take their locks in the same order.
		int unlocked = this.entityManager.createQuery("""
				update MfaAuthenticator a
				set a.lastUsedAt = :now, a.failedAttempts = 0, a.lockedUntil = null
				where a.id = :id and (a.lockedUntil is null or a.lockedUntil <= :now) and a.failedAttempts < :max
				""")
			.setParameter("now", now)
			.setParameter("id", authenticatorId)
			.setParameter("max", maxFailedAttempts)
			.executeUpdate();
		if (unlocked != 1) {
			return false;
		}
		return this.entityManager
			.createQuery("update MfaRecoveryCode c set c.usedAt = :now where c.id = :id and c.usedAt is null")
			.setParameter("now", now)
			.setParameter("id", recoveryCodeId)
			.executeUpdate() == 1;
	}

	@Override
	public void replaceRecoveryCodes(long authenticatorId, List<EncryptedValue> recoveryCodes, Instant now) {
		this.entityManager.createQuery("delete from MfaRecoveryCode c where c.authenticatorId = :id")
			.setParameter("id", authenticatorId)
			.executeUpdate();
		recoveryCodes.forEach((code) -> this.entityManager.persist(new RecoveryCode(authenticatorId, code, now)));
	}

	@Override
	public int incrementFailedAttempts(long authenticatorId) {
		this.entityManager
			.createQuery("update MfaAuthenticator a set a.failedAttempts = a.failedAttempts + 1 where a.id = :id")
			.setParameter("id", authenticatorId)
			.executeUpdate();
		// Read back inside the same transaction, which holds the row lock of the update:
		// concurrent failures each see their own, distinct count. A concurrent
		// deactivation may have deleted the row: nothing is left to count.
		return this.entityManager
			.createQuery("select a.failedAttempts from MfaAuthenticator a where a.id = :id", Integer.class)
			.setParameter("id", authenticatorId)
			.getResultStream()
			.findFirst()
			.orElse(0);
	}

	@Override
	public void lockUntil(long authenticatorId, Instant lockedUntil) {
		this.entityManager.createQuery("update MfaAuthenticator a set a.lockedUntil = :until where a.id = :id")
			.setParameter("until", lockedUntil)
			.setParameter("id", authenticatorId)
			.executeUpdate();
	}

	@Override
	public boolean resetLockout(String userId) {
		return this.entityManager
			.createQuery(
					"update MfaAuthenticator a set a.failedAttempts = 0, a.lockedUntil = null where a.userId = :userId")
			.setParameter("userId", userId)
			.executeUpdate() > 0;
	}

	@Override
	public void delete(long authenticatorId) {
		this.entityManager.createQuery("delete from MfaRecoveryCode c where c.authenticatorId = :id")
			.setParameter("id", authenticatorId)
			.executeUpdate();
		this.entityManager.createQuery("delete from MfaAuthenticator a where a.id = :id")
			.setParameter("id", authenticatorId)
			.executeUpdate();
	}

}
