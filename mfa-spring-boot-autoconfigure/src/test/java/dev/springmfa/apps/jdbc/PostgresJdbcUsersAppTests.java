package dev.springmfa.apps.jdbc;

import java.util.Map;

import dev.springmfa.apps.AppDatabases;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * The JDBC-only app on PostgreSQL.
 */
class PostgresJdbcUsersAppTests extends JdbcUsersAppTests {

	@DynamicPropertySource
	static void database(DynamicPropertyRegistry registry) {
		AppDatabases.postgres("apps_jdbc").forEach((name, value) -> registry.add(name, () -> value));
	}

	@Override
	protected Map<String, String> databaseProperties(String name) {
		return AppDatabases.postgres("apps_jdbc_" + name);
	}

}
