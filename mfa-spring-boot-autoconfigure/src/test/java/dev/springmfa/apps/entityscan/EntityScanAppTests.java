package dev.springmfa.apps.entityscan;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import dev.springmfa.apps.AbstractExistingAppTests;
import dev.springmfa.apps.AppClient;
import org.springframework.boot.test.context.SpringBootTest;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The starter in an app with {@code @EntityScan} on its own package and an entity named
 * {@code RecoveryCode}.
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

}
