package dev.springmfa.knownattacks;

import dev.springmfa.apps.AppDatabases;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * {@link AbstractKnownAttacksTests} on PostgreSQL.
 */
class PostgresKnownAttacksTests extends AbstractKnownAttacksTests {

	@DynamicPropertySource
	static void database(DynamicPropertyRegistry registry) {
		AppDatabases.postgres("known_attacks").forEach((name, value) -> registry.add(name, () -> value));
	}

}
