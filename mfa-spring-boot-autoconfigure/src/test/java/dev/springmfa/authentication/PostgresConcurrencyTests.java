package dev.springmfa.authentication;

import org.junit.jupiter.api.BeforeAll;

import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * {@link AbstractConcurrencyTests} on PostgreSQL.
 */
class PostgresConcurrencyTests extends AbstractConcurrencyTests {

	private static final String SCHEMA = "mfa_concurrency";

	@BeforeAll
	static void recreateSchema() {
		TestDatabases.recreatePostgresSchema(SCHEMA);
	}

	@DynamicPropertySource
	static void database(DynamicPropertyRegistry registry) {
		TestDatabases.postgres(SCHEMA, registry);
	}

}
