package dev.springmfa.apps.jdbc;

import dev.springmfa.apps.AppDatabases;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * The JDBC-only app on MariaDB.
 */
class MariaDbJdbcUsersAppTests extends JdbcUsersAppTests {

	@DynamicPropertySource
	static void database(DynamicPropertyRegistry registry) {
		AppDatabases.mariaDb("apps_jdbc").forEach((name, value) -> registry.add(name, () -> value));
	}

	// The off-mode comparison runs on H2 and, for the JDBC-only app, on PostgreSQL.
	@Override
	protected boolean comparesWithoutMfa() {
		return false;
	}

}
