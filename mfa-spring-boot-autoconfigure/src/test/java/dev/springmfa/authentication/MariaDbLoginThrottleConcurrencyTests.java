package dev.springmfa.authentication;

import java.util.Map;

/**
 * {@link AbstractLoginThrottleConcurrencyTests} on MariaDB.
 */
class MariaDbLoginThrottleConcurrencyTests extends AbstractLoginThrottleConcurrencyTests {

	private static final String DATABASE = "mfa_password_throttle";

	@Override
	Map<String, String> database() {
		TestDatabases.recreateMariaDbDatabase(DATABASE);
		return Map.of("spring.datasource.url", TestDatabases.MARIADB_URL.replace("/test", "/" + DATABASE),
				"spring.datasource.username", "root", "spring.datasource.password", "");
	}

}
