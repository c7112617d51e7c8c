package dev.springmfa.session;

import java.util.List;
import java.util.UUID;

import org.springframework.session.data.redis.RedisIndexedSessionRepository;

/**
 * Two instances sharing Spring Session Redis (the indexed repository, which finds a
 * user's sessions), the MFA tables in PostgreSQL. Each run keeps its keys under a
 * namespace of its own.
 */
class RedisSharedSessionTests extends AbstractSharedSessionTests {

	private static final String SCHEMA = "mfa_session_redis";

	@Override
	Class<?> sessionStore() {
		return SessionStores.Redis.class;
	}

	@Override
	Class<?> indexedRepository() {
		return RedisIndexedSessionRepository.class;
	}

	@Override
	List<String> prepareStores() {
		SharedStores.checkRedis();
		SharedStores.recreatePostgresSchema(SCHEMA, false);
		return List.of("--spring.datasource.url=" + SharedStores.postgresUrl(SCHEMA),
				"--spring.datasource.username=postgres", "--spring.datasource.password=",
				"--test.redis.namespace=mfa-session-tests:" + UUID.randomUUID());
	}

}
