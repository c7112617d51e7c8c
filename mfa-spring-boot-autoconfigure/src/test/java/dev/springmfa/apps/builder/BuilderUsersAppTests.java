package dev.springmfa.apps.builder;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import dev.springmfa.apps.AbstractExistingAppTests;
import dev.springmfa.apps.AppClient;
import dev.springmfa.apps.AppClient.Response;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.context.ApplicationContext;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.security.core.userdetails.UserDetailsService;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The starter in an app whose users come from {@code jdbcAuthentication()} on the global
 * {@code AuthenticationManagerBuilder}, with no {@code UserDetailsService} bean of its
 * own: the second login step must load them from that store, not from Spring Boot's
 * generated user.
 */
@SpringBootTest(classes = BuilderUsersApp.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
		properties = { AbstractExistingAppTests.MFA_ON,
				"spring.sql.init.schema-locations=classpath:apps/jdbc-users-schema.sql" })
class BuilderUsersAppTests extends AbstractExistingAppTests {

	@Override
	protected Class<?> application() {
		return BuilderUsersApp.class;
	}

	@Override
	protected Map<String, String> applicationProperties() {
		return Map.of("spring.sql.init.schema-locations", "classpath:apps/jdbc-users-schema.sql");
	}

	@Override
	protected List<PasswordLogin> passwordLogins() {
		return List.of(PasswordLogin.httpBasic());
	}

	@Override
	protected void createUser(ApplicationContext context, String username, String... roles) {
		JdbcTemplate jdbc = new JdbcTemplate(context.getBean(javax.sql.DataSource.class));
		jdbc.update("insert into users (username, password, enabled) values (?, ?, ?)", username, "{noop}" + PASSWORD,
				true);
		for (String role : roles) {
			jdbc.update("insert into authorities (username, authority) values (?, ?)", username, "ROLE_" + role);
		}
	}

	@Test
	void enrolledUserOfTheBuildersStoreCompletesTheJsonLoginBesideBootsGeneratedUser() {
		assertThat(this.context.getBeanNamesForType(UserDetailsService.class))
			.containsExactly("inMemoryUserDetailsManager");
		String username = newUser("USER");
		Enrolment enrolment = enrol(username);
		AppClient browser = new AppClient(this.port);
		Response challenge = browser.postJson("/api/auth/login", credentials(username));
		assertThat(challenge.body().get("mfaRequired").asBoolean()).isTrue();
		Response verified = browser.postJson("/api/auth/mfa/verify", "{\"ephemeralToken\":\""
				+ challenge.field("ephemeralToken") + "\",\"code\":\"" + code(enrolment) + "\"}");
		assertThat(verified.status()).as(verified.toString()).isEqualTo(200);
		assertThat(factors(browser.get("/api/me"))).containsExactly("FACTOR_PASSWORD", "FACTOR_TOTP");
	}

	@Test
	void bootsGeneratedUserLogsNoOneIn() {
		Response login = new AppClient(this.port).postJson("/api/auth/login",
				"{\"username\":\"user\",\"password\":\"whatever\"}");
		assertProblem(login, 401, "bad_credentials");
	}

	@Test
	void appWithCsrfOffKeepsItOffButTheStartersLoginNeedsTheToken() {
		String username = newUser("USER");
		AppClient client = new AppClient(this.port);
		assertProblem(client.postJson("/api/auth/login", credentials(username), false), 403, "access_denied");
		assertThat(client.postJson("/api/auth/login", credentials(username)).status()).isEqualTo(200);
		assertThat(new AppClient(this.port).basic(username, PASSWORD).postJson("/api/data", "{}", false).status())
			.isEqualTo(200);
	}

}
