package dev.springmfa.authentication;

import org.junit.jupiter.api.BeforeAll;

import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * {@link AbstractConcurrencyTests} on MariaDB.
 */
class MariaDbConcurrencyTests extends AbstractConcurrencyTests {

	private static final String DATABASE = "mfa_concurrency";

	@BeforeAll
	static void recreateSchema() {
		TestDatabases.recreateMariaDbDatabase(DATABASE);
	}

	@DynamicPropertySource
	static void database(DynamicPropertyRegistry registry) {
		TestDatabases.mariaDb(DATABASE, registry);
	}

}
