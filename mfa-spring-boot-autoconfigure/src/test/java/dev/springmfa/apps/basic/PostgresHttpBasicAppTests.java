package dev.springmfa.apps.basic;

import java.util.Map;

import dev.springmfa.apps.AppDatabases;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * The HTTP Basic app on PostgreSQL.
 */
class PostgresHttpBasicAppTests extends HttpBasicAppTests {

	@DynamicPropertySource
	static void database(DynamicPropertyRegistry registry) {
		AppDatabases.postgres("apps_basic").forEach((name, value) -> registry.add(name, () -> value));
	}

	@Override
	protected Map<String, String> databaseProperties(String name) {
		return AppDatabases.postgres("apps_basic_" + name);
	}

}
