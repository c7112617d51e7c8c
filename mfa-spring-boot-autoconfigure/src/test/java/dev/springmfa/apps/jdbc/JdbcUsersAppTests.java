package dev.springmfa.apps.jdbc;

import java.util.List;
import java.util.Map;

import dev.springmfa.apps.AbstractExistingAppTests;
import org.springframework.boot.test.context.SpringBootTest;

/**
 * The starter in an app whose users live in JDBC tables of its own.
 */
@SpringBootTest(classes = JdbcUsersApp.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
		properties = { AbstractExistingAppTests.MFA_ON, JdbcUsersAppTests.USERS_SCHEMA })
class JdbcUsersAppTests extends AbstractExistingAppTests {

	static final String USERS_SCHEMA = "spring.sql.init.schema-locations=classpath:apps/jdbc-users-schema.sql";

	@Override
	protected Class<?> application() {
		return JdbcUsersApp.class;
	}

	@Override
	protected Map<String, String> applicationProperties() {
		return Map.of("spring.sql.init.schema-locations", "classpath:apps/jdbc-users-schema.sql");
	}

	@Override
	protected List<PasswordLogin> passwordLogins() {
		return List.of(PasswordLogin.httpBasic());
	}

}
