package dev.springmfa.authentication;

import java.util.Map;

/**
 * {@link AbstractLoginThrottleConcurrencyTests} on PostgreSQL.
 */
class PostgresLoginThrottleConcurrencyTests extends AbstractLoginThrottleConcurrencyTests {

	private static final String SCHEMA = "mfa_password_throttle";

	@Override
	Map<String, String> database() {
		TestDatabases.recreatePostgresSchema(SCHEMA);
		return Map.of("spring.datasource.url", TestDatabases.POSTGRES_URL + "?currentSchema=" + SCHEMA,
				"spring.datasource.username", "postgres", "spring.datasource.password", "");
	}

}
