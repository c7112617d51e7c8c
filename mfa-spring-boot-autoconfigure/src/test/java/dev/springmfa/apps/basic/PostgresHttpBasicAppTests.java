package dev.springmfa.apps.basic;

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

	// The off-mode comparison runs on H2 and, for the JDBC-only app, on PostgreSQL.
	@Override
	protected boolean comparesWithoutMfa() {
		return false;
	}

}
