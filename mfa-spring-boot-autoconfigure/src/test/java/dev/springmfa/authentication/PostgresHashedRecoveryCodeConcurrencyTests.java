package dev.springmfa.authentication;

import org.junit.jupiter.api.BeforeAll;

import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * {@link AbstractHashedRecoveryCodeConcurrencyTests} on PostgreSQL.
 */
class PostgresHashedRecoveryCodeConcurrencyTests extends AbstractHashedRecoveryCodeConcurrencyTests {

	private static final String SCHEMA = "mfa_concurrency_hashed";

	@BeforeAll
	static void recreateSchema() {
		TestDatabases.recreatePostgresSchema(SCHEMA);
	}

	@DynamicPropertySource
	static void database(DynamicPropertyRegistry registry) {
		TestDatabases.postgres(SCHEMA, registry);
	}

}
