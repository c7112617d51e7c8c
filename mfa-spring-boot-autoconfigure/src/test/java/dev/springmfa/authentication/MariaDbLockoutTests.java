package dev.springmfa.authentication;

import org.junit.jupiter.api.BeforeAll;

import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * {@link AbstractLockoutTests} on MariaDB.
 */
class MariaDbLockoutTests extends AbstractLockoutTests {

	private static final String DATABASE = "mfa_lockout";

	@BeforeAll
	static void recreateSchema() {
		TestDatabases.recreateMariaDbDatabase(DATABASE);
	}

	@DynamicPropertySource
	static void database(DynamicPropertyRegistry registry) {
		TestDatabases.mariaDb(DATABASE, registry);
	}

}
