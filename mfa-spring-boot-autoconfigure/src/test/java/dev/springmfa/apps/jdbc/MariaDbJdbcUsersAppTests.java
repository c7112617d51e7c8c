package dev.springmfa.apps.jdbc;

import java.util.Map;

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

	@Override
	protected Map<String, String> databaseProperties(String name) {
		return AppDatabases.mariaDb("apps_jdbc_" + name);
	}

}
