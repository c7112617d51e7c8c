package dev.springmfa.authentication;

import org.junit.jupiter.api.BeforeAll;

import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * {@link AbstractLockoutTests} on PostgreSQL.
 */
class PostgresLockoutTests extends AbstractLockoutTests {

	private static final String SCHEMA = "mfa_lockout";

	@BeforeAll
	static void recreateSchema() {
		TestDatabases.recreatePostgresSchema(SCHEMA);
	}

	@DynamicPropertySource
	static void database(DynamicPropertyRegistry registry) {
		TestDatabases.postgres(SCHEMA, registry);
	}

}
