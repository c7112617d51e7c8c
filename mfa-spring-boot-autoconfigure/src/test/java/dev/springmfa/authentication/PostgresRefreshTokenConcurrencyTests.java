package dev.springmfa.authentication;

import org.junit.jupiter.api.BeforeAll;

import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * {@link AbstractRefreshTokenConcurrencyTests} on PostgreSQL.
 */
class PostgresRefreshTokenConcurrencyTests extends AbstractRefreshTokenConcurrencyTests {

	private static final String SCHEMA = "mfa_refresh";

	@BeforeAll
	static void recreateSchema() {
		TestDatabases.recreatePostgresSchema(SCHEMA);
	}

	@DynamicPropertySource
	static void database(DynamicPropertyRegistry registry) {
		TestDatabases.postgres(SCHEMA, registry);
	}

}
