package dev.springmfa.apps.entityscan;

import java.time.Instant;
import java.util.List;
import java.util.Map;

import javax.sql.DataSource;

import jakarta.persistence.EntityManager;
import org.junit.jupiter.api.Test;

import dev.springmfa.apps.AbstractExistingAppTests;
import dev.springmfa.apps.AppClient;
import dev.springmfa.apps.entityscan.domain.RecoveryCode;
import dev.springmfa.apps.entityscan.domain.RecoveryCodeRepository;
import dev.springmfa.authenticator.AuthenticatorRepository;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.data.jpa.repository.support.JpaRepositoryFactoryBean;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The starter in an app with {@code @EntityScan} on its own package, an entity named
 * {@code RecoveryCode} and a Spring Data repository of its own.
 */
@SpringBootTest(classes = EntityScanApp.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
		properties = { AbstractExistingAppTests.MFA_ON,
				"spring.sql.init.schema-locations=classpath:apps/entityscan-schema.sql" })
class EntityScanAppTests extends AbstractExistingAppTests {

	@Override
	protected Class<?> application() {
		return EntityScanApp.class;
	}

	@Override
	protected Map<String, String> applicationProperties() {
		return Map.of("spring.sql.init.schema-locations", "classpath:apps/entityscan-schema.sql");
	}

	@Override
	protected List<PasswordLogin> passwordLogins() {
		return List.of(PasswordLogin.httpBasic());
	}

	@Override
	protected List<String> protectedPaths() {
		return List.of("/api/data", "/api/me", "/api/codes");
	}

	@Test
	void appsRecoveryCodeEntityAndTheStartersLiveSideBySide() {
		String username = newUser("USER");
		Enrolment enrolment = enrol(username);
		AppClient client = enrolment.client();
		assertThat(client.postJson("/api/codes", "{}").status()).isEqualTo(200);
		assertThat(client.get("/api/codes").body().get("codes").asLong()).isEqualTo(1);
		assertThat(client.get("/api/auth/mfa/recovery-codes").body().get("remaining").asInt()).isEqualTo(10);
	}

	@Test
	void appsOwnSpringDataRepositoryWorksBesideTheStarters() {
		// Spring Boot's repository auto-configuration backs off from an app that has a
		// repository factory bean: the starter must register none.
		assertThat(this.context.getBeanNamesForType(JpaRepositoryFactoryBean.class))
			.containsExactly("&recoveryCodeRepository");
		RecoveryCodeRepository codes = this.context.getBean(RecoveryCodeRepository.class);
		RecoveryCode saved = codes.save(new RecoveryCode("from-the-repository"));
		assertThat(codes.findByCode("from-the-repository")).extracting(RecoveryCode::getId)
			.containsExactly(saved.getId());
		String username = newUser("USER");
		assertThat(enrol(username).client().get("/api/auth/mfa/recovery-codes").body().get("remaining").asInt())
			.isEqualTo(10);
	}

	/**
	 * The starter's writes of an attempt are native SQL that name their table: Hibernate
	 * neither flushes the app's pending changes of other tables before them nor, where
	 * the app has a second-level cache, evicts its regions after them. Without the table,
	 * the app's change would be flushed (and seen on the transaction's connection) by the
	 * starter's write.
	 */
	@Test
	void attemptWithACodeLeavesTheAppsPendingChangesOfOtherTablesToTheAppsFlush() {
		String username = newUser("USER");
		enrol(username);
		RecoveryCode saved = this.context.getBean(RecoveryCodeRepository.class).save(new RecoveryCode("before"));
		EntityManager entityManager = this.context.getBean(EntityManager.class);
		AuthenticatorRepository authenticators = this.context.getBean(AuthenticatorRepository.class);
		JdbcTemplate jdbc = new JdbcTemplate(this.context.getBean(DataSource.class));
		new TransactionTemplate(this.context.getBean(PlatformTransactionManager.class))
			.executeWithoutResult((status) -> {
				entityManager.find(RecoveryCode.class, saved.getId()).setCode("pending");
				Long authenticatorId = authenticators.findByUserIdForUpdate(username).orElseThrow().getId();
				authenticators.countFailure(authenticatorId, null);
				assertThat(authenticators.acceptTimeStep(authenticatorId, Long.MAX_VALUE, Instant.now())).isTrue();
				Long recoveryCodeId = authenticators.findUnusedRecoveryCodes(authenticatorId).get(0).getId();
				assertThat(authenticators.spendRecoveryCode(authenticatorId, recoveryCodeId, Instant.now())).isTrue();
				assertThat(
						jdbc.queryForObject("select code from recovery_code where id = ?", String.class, saved.getId()))
					.isEqualTo("before");
				status.setRollbackOnly();
			});
	}

}
