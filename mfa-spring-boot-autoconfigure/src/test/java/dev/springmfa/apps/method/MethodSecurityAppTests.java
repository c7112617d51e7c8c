package dev.springmfa.apps.method;

import java.util.List;

import org.junit.jupiter.api.Test;

import dev.springmfa.apps.AbstractExistingAppTests;
import dev.springmfa.apps.AppClient;
import org.springframework.boot.test.context.SpringBootTest;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The starter in an app with {@code @EnableMethodSecurity}: {@code @PreAuthorize} rules
 * require the second factor of an enrolled user too.
 */
@SpringBootTest(classes = MethodSecurityApp.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
		properties = AbstractExistingAppTests.MFA_ON)
class MethodSecurityAppTests extends AbstractExistingAppTests {

	@Override
	protected Class<?> application() {
		return MethodSecurityApp.class;
	}

	@Override
	protected List<PasswordLogin> passwordLogins() {
		return List.of(PasswordLogin.httpBasic());
	}

	@Override
	protected List<String> protectedPaths() {
		return List.of("/api/method/data", "/api/data", "/api/me");
	}

	@Override
	protected List<String> adminPaths() {
		return List.of("/api/method/admin", "/api/admin/data");
	}

	@Test
	void preAuthorizeRefusesEnrolledUserWithPasswordOnlyForTheSecondFactorNotTheRole() {
		String username = newUser("USER");
		enrol(username);
		AppClient passwordOnly = new AppClient(this.port).basic(username, PASSWORD);
		assertMfaRequired(passwordOnly.get("/api/method/data"), "@PreAuthorize hasRole('USER')");
	}

	@Test
	void preAuthorizeStillRefusesTheRoleToUsersWithoutMfa() {
		String username = newUser("USER");
		AppClient client = new AppClient(this.port).basic(username, PASSWORD);
		assertThat(client.get("/api/method/data").status()).isEqualTo(200);
		assertThat(client.get("/api/method/admin").status()).isEqualTo(403);
	}

}
