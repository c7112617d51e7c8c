package dev.springmfa.authentication;

import org.junit.jupiter.api.BeforeAll;

import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * {@link AbstractRefreshTokenConcurrencyTests} on MariaDB.
 */
class MariaDbRefreshTokenConcurrencyTests extends AbstractRefreshTokenConcurrencyTests {

	private static final String DATABASE = "mfa_refresh";

	@BeforeAll
	static void recreateSchema() {
		TestDatabases.recreateMariaDbDatabase(DATABASE);
	}

	@DynamicPropertySource
	static void database(DynamicPropertyRegistry registry) {
		TestDatabases.mariaDb(DATABASE, registry);
	}

}
