package dev.springmfa.knownattacks;

import dev.springmfa.apps.AppDatabases;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * {@link AbstractKnownAttacksTests} on MariaDB.
 */
class MariaDbKnownAttacksTests extends AbstractKnownAttacksTests {

	@DynamicPropertySource
	static void database(DynamicPropertyRegistry registry) {
		AppDatabases.mariaDb("known_attacks").forEach((name, value) -> registry.add(name, () -> value));
	}

}
