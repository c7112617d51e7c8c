package dev.springmfa.authenticator;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

import jakarta.persistence.LockModeType;
import jakarta.persistence.QueryHint;
import org.hibernate.jpa.HibernateHints;
import org.jspecify.annotations.Nullable;

import dev.springmfa.recovery.StoredRecoveryCode;
import org.springframework.data.jpa.repository.Lock;
import org.springframework.data.jpa.repository.Modifying;
import org.springframework.data.jpa.repository.NativeQuery;
import org.springframework.data.jpa.repository.Query;
import org.springframework.data.jpa.repository.QueryHints;
import org.springframework.data.jpa.repository.support.JpaRepositoryFactory;
import org.springframework.data.repository.Repository;
import org.springframework.util.Assert;

/**
 * {@link AuthenticatorRepository} on two Spring Data JPA repositories, one for each
 * table. An attempt locks the authenticator row with a pessimistic write lock, so the
 * database orders the attempts of one user across threads and application instances
 * alike; each write is one {@code @Modifying} query. Every method runs in the caller's
 * transaction.
 */
final class JpaAuthenticatorRepository implements AuthenticatorRepository {

	private final Authenticators authenticators;

	private final RecoveryCodes recoveryCodes;

	/**
	 * Create a new instance.
	 * @param repositories the factory of the Spring Data repositories, on a
	 * transaction-bound (shared) entity manager
	 */
	JpaAuthenticatorRepository(JpaRepositoryFactory repositories) {
		Assert.notNull(repositories, "repositories cannot be null");
		this.authenticators = repositories.getRepository(Authenticators.class);
		this.recoveryCodes = repositories.getRepository(RecoveryCodes.class);
	}

	@Override
	public Optional<Authenticator> findByUserId(String userId) {
		return this.authenticators.findByUserIdAndType(userId, Authenticator.TOTP);
	}

	@Override
	public Optional<Authenticator> findByUserIdForUpdate(String userId) {
		return this.authenticators.findForUpdateByUserIdAndType(userId, Authenticator.TOTP);
	}

	@Override
	public Authenticator save(Authenticator authenticator, List<StoredRecoveryCode> recoveryCodes) {
		Authenticator saved = this.authenticators.saveAndFlush(authenticator);
		Long id = saved.getId();
		Assert.state(id != null, "Persisted authenticator has no id");
		saveRecoveryCodes(id, recoveryCodes, saved.getCreatedAt());
		return saved;
	}

	@Override
	public boolean acceptTimeStep(long authenticatorId, long timeStep, Instant now) {
		return this.authenticators.acceptTimeStep(authenticatorId, timeStep, now) == 1;
	}

	@Override
	public List<RecoveryCode> findUnusedRecoveryCodes(long authenticatorId) {
		return this.recoveryCodes.findByAuthenticatorIdAndUsedAtIsNullOrderById(authenticatorId);
	}

	@Override
	public Optional<RecoveryCode> findUnusedRecoveryCode(long authenticatorId, String codeId) {
		return this.recoveryCodes.findByAuthenticatorIdAndCodeIdAndUsedAtIsNull(authenticatorId, codeId);
	}

	@Override
	public long countUnusedRecoveryCodes(long authenticatorId) {
		return this.recoveryCodes.countByAuthenticatorIdAndUsedAtIsNull(authenticatorId);
	}

	@Override
	public boolean spendRecoveryCode(long authenticatorId, long recoveryCodeId, Instant now) {
		if (this.recoveryCodes.spend(recoveryCodeId, authenticatorId, now) != 1) {
			return false;
		}
		return this.authenticators.acceptRecoveryCode(authenticatorId, now) == 1;
	}

	@Override
	public void replaceRecoveryCodes(long authenticatorId, List<StoredRecoveryCode> recoveryCodes, Instant now) {
		this.recoveryCodes.deleteByAuthenticatorId(authenticatorId);
		saveRecoveryCodes(authenticatorId, recoveryCodes, now);
	}

	private void saveRecoveryCodes(long authenticatorId, List<StoredRecoveryCode> codes, Instant now) {
		this.recoveryCodes.saveAll(codes.stream().map((code) -> new RecoveryCode(authenticatorId, code, now)).toList());
	}

	@Override
	public void countFailure(long authenticatorId, @Nullable Instant lockedUntil) {
		if (lockedUntil != null) {
			this.authenticators.countFailureAndLock(authenticatorId, lockedUntil);
		}
		else {
			this.authenticators.countFailure(authenticatorId);
		}
	}

	@Override
	public boolean resetLockout(String userId) {
		return this.authenticators.resetLockout(userId) > 0;
	}

	@Override
	public void delete(long authenticatorId) {
		this.recoveryCodes.deleteByAuthenticatorId(authenticatorId);
		this.authenticators.delete(authenticatorId);
	}

	// Nested, so that an application's repository scanning never picks them up.
	interface Authenticators extends Repository<Authenticator, Long> {

		Optional<Authenticator> findByUserIdAndType(String userId, String type);

		@Lock(LockModeType.PESSIMISTIC_WRITE)
		Optional<Authenticator> findForUpdateByUserIdAndType(String userId, String type);

		Authenticator saveAndFlush(Authenticator authenticator);

		// The writes of an attempt are native SQL: Hibernate 7 caches the plans of JPQL
		// selects but translates a JPQL update again on every execution, which took a
		// sixth of a verify's CPU under load. The tables and columns are the migrations'.
		// Each names the one table it writes as its query space: a native update without
		// one makes Hibernate flush every pending change of the persistence context first
		// and evict every region of the application's second-level cache after it.

		// RFC 6238 §5.2: a code's time step is accepted once; only a later step may
		// follow. Counting the code spends every ephemeral token issued before.
		@QueryHints(@QueryHint(name = HibernateHints.HINT_NATIVE_SPACES, value = "mfa_authenticator"))
		@Modifying
		@NativeQuery("""
				update mfa_authenticator
				set last_used_step = :step, last_used_at = :now, accepted_codes = accepted_codes + 1,
				failed_attempts = 0, locked_until = null
				where id = :id and (last_used_step is null or last_used_step < :step)
				""")
		int acceptTimeStep(long id, long step, Instant now);

		@QueryHints(@QueryHint(name = HibernateHints.HINT_NATIVE_SPACES, value = "mfa_authenticator"))
		@Modifying
		@NativeQuery("""
				update mfa_authenticator
				set last_used_at = :now, accepted_codes = accepted_codes + 1, failed_attempts = 0,
				locked_until = null
				where id = :id
				""")
		int acceptRecoveryCode(long id, Instant now);

		@QueryHints(@QueryHint(name = HibernateHints.HINT_NATIVE_SPACES, value = "mfa_authenticator"))
		@Modifying
		@NativeQuery("update mfa_authenticator set failed_attempts = failed_attempts + 1 where id = :id")
		int countFailure(long id);

		@QueryHints(@QueryHint(name = HibernateHints.HINT_NATIVE_SPACES, value = "mfa_authenticator"))
		@Modifying
		@NativeQuery("""
				update mfa_authenticator set failed_attempts = failed_attempts + 1, locked_until = :until
				where id = :id
				""")
		int countFailureAndLock(long id, Instant until);

		@Modifying
		@Query("update MfaAuthenticator a set a.failedAttempts = 0, a.lockedUntil = null where a.userId = :userId")
		int resetLockout(String userId);

		// A bulk delete: Spring Data's deleteById would load the row first.
		@Modifying
		@Query("delete from MfaAuthenticator a where a.id = :id")
		int delete(long id);

	}

	interface RecoveryCodes extends Repository<RecoveryCode, Long> {

		List<RecoveryCode> findByAuthenticatorIdAndUsedAtIsNullOrderById(long authenticatorId);

		Optional<RecoveryCode> findByAuthenticatorIdAndCodeIdAndUsedAtIsNull(long authenticatorId, String codeId);

		long countByAuthenticatorIdAndUsedAtIsNull(long authenticatorId);

		List<RecoveryCode> saveAll(Iterable<RecoveryCode> recoveryCodes);

		// Native, as the authenticator's writes are.
		@QueryHints(@QueryHint(name = HibernateHints.HINT_NATIVE_SPACES, value = "mfa_recovery_code"))
		@Modifying
		@NativeQuery("""
				update mfa_recovery_code set used_at = :now
				where id = :id and authenticator_id = :authenticatorId and used_at is null
				""")
		int spend(long id, long authenticatorId, Instant now);

		// A bulk delete: a derived delete would load the rows and delete them one by one.
		@Modifying
		@Query("delete from MfaRecoveryCode c where c.authenticatorId = :authenticatorId")
		int deleteByAuthenticatorId(long authenticatorId);

	}

}
