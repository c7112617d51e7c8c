package dev.springmfa.authentication;

import org.junit.jupiter.api.BeforeAll;

import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * {@link AbstractHashedRecoveryCodeConcurrencyTests} on MariaDB.
 */
class MariaDbHashedRecoveryCodeConcurrencyTests extends AbstractHashedRecoveryCodeConcurrencyTests {

	private static final String DATABASE = "mfa_concurrency_hashed";

	@BeforeAll
	static void recreateSchema() {
		TestDatabases.recreateMariaDbDatabase(DATABASE);
	}

	@DynamicPropertySource
	static void database(DynamicPropertyRegistry registry) {
		TestDatabases.mariaDb(DATABASE, registry);
	}

}
