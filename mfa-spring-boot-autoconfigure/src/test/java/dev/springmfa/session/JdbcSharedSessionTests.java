package dev.springmfa.session;

import java.util.List;

import org.springframework.session.jdbc.JdbcIndexedSessionRepository;

/**
 * Two instances sharing Spring Session JDBC on PostgreSQL, the MFA tables in the same
 * database.
 */
class JdbcSharedSessionTests extends AbstractSharedSessionTests {

	private static final String SCHEMA = "mfa_session_jdbc";

	@Override
	Class<?> sessionStore() {
		return SessionStores.Jdbc.class;
	}

	@Override
	Class<?> indexedRepository() {
		return JdbcIndexedSessionRepository.class;
	}

	@Override
	List<String> prepareStores() {
		SharedStores.recreatePostgresSchema(SCHEMA, true);
		return List.of("--spring.datasource.url=" + SharedStores.postgresUrl(SCHEMA),
				"--spring.datasource.username=postgres", "--spring.datasource.password=");
	}

}
