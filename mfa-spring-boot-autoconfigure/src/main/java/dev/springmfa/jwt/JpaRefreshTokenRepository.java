package dev.springmfa.jwt;

import java.time.Instant;

import jakarta.persistence.QueryHint;
import org.hibernate.jpa.HibernateHints;

import org.springframework.data.jpa.repository.Modifying;
import org.springframework.data.jpa.repository.NativeQuery;
import org.springframework.data.jpa.repository.Query;
import org.springframework.data.jpa.repository.QueryHints;
import org.springframework.data.jpa.repository.support.JpaRepositoryFactory;
import org.springframework.data.repository.Repository;
import org.springframework.util.Assert;

/**
 * A {@link RefreshTokenRepository} on a Spring Data JPA repository. Every method runs in
 * the caller's transaction.
 */
final class JpaRefreshTokenRepository implements RefreshTokenRepository {

	private final RefreshTokenRecords records;

	/**
	 * Create a new instance.
	 * @param repositories the factory of the Spring Data repositories, on a
	 * transaction-bound (shared) entity manager
	 */
	JpaRefreshTokenRepository(JpaRepositoryFactory repositories) {
		Assert.notNull(repositories, "repositories cannot be null");
		this.records = repositories.getRepository(RefreshTokenRecords.class);
	}

	@Override
	public void save(RefreshToken token) {
		this.records.save(new RefreshTokenRecord(token.id(), token.familyId(), token.userId(), token.issuedAt(),
				token.expiresAt()));
	}

	@Override
	public boolean spend(String tokenId, Instant now) {
		return this.records.spend(tokenId, now) == 1;
	}

	@Override
	public boolean isSpent(String tokenId) {
		return this.records.existsByIdAndSpentAtIsNotNull(tokenId);
	}

	@Override
	public int revokeFamily(String familyId, Instant now) {
		return this.records.revokeFamily(familyId, now);
	}

	@Override
	public int revokeAll(String userId, Instant now) {
		return this.records.revokeAll(userId, now);
	}

	@Override
	public int deleteExpired(Instant before) {
		return this.records.deleteExpired(before);
	}

	// Nested, so that an application's repository scanning never picks it up.
	interface RefreshTokenRecords extends Repository<RefreshTokenRecord, String> {

		RefreshTokenRecord save(RefreshTokenRecord refreshToken);

		// Native, as the authenticator's writes are: Hibernate translates a JPQL update
		// again at each call, and every refresh makes this one.
		@QueryHints(@QueryHint(name = HibernateHints.HINT_NATIVE_SPACES, value = "mfa_refresh_token"))
		@Modifying
		@NativeQuery("""
				update mfa_refresh_token set spent_at = :now
				where id = :id and spent_at is null and revoked_at is null and expires_at > :now
				""")
		int spend(String id, Instant now);

		boolean existsByIdAndSpentAtIsNotNull(String id);

		@Modifying
		@Query("update MfaRefreshToken t set t.revokedAt = :now where t.familyId = :familyId and t.revokedAt is null")
		int revokeFamily(String familyId, Instant now);

		@Modifying
		@Query("update MfaRefreshToken t set t.revokedAt = :now where t.userId = :userId and t.revokedAt is null")
		int revokeAll(String userId, Instant now);

		@Modifying
		@Query("delete from MfaRefreshToken t where t.expiresAt < :before")
		int deleteExpired(Instant before);

	}

}
