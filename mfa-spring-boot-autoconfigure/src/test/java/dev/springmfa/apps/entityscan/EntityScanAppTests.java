package dev.springmfa.apps.entityscan;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import dev.springmfa.apps.AbstractExistingAppTests;
import dev.springmfa.apps.AppClient;
import dev.springmfa.apps.entityscan.domain.RecoveryCode;
import dev.springmfa.apps.entityscan.domain.RecoveryCodeRepository;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.data.jpa.repository.support.JpaRepositoryFactoryBean;

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

}
