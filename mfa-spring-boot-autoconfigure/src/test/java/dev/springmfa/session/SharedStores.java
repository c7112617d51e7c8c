package dev.springmfa.session;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;

import org.springframework.core.io.ClassPathResource;
import org.springframework.data.redis.connection.lettuce.LettuceConnectionFactory;
import org.springframework.jdbc.datasource.init.ScriptUtils;

/**
 * The servers that the two instances share: PostgreSQL for the MFA tables (and, for
 * Spring Session JDBC, the session tables), Redis for Spring Session Redis. Each test
 * class gets a schema of its own, dropped and created again before its instances start. A
 * server that is down fails the tests, never skips them: CI starts both.
 */
final class SharedStores {

	static final String POSTGRES_URL = "jdbc:postgresql://127.0.0.1:5432/test";

	static final String REDIS_HOST = "127.0.0.1";

	static final int REDIS_PORT = 6379;

	private SharedStores() {
	}

	static String postgresUrl(String schema) {
		return POSTGRES_URL + "?currentSchema=" + schema;
	}

	/**
	 * Drop and create the schema; with {@code sessionTables}, also create Spring
	 * Session's tables in it, from the script that Spring Session JDBC ships (what
	 * {@code spring.session.jdbc.initialize-schema=always} runs in an application).
	 * @param schema the schema
	 * @param sessionTables whether to create Spring Session's tables
	 */
	static void recreatePostgresSchema(String schema, boolean sessionTables) {
		try (Connection connection = DriverManager.getConnection(POSTGRES_URL, "postgres", "");
				Statement statement = connection.createStatement()) {
			statement.execute("drop schema if exists " + schema + " cascade");
			statement.execute("create schema " + schema);
			if (sessionTables) {
				statement.execute("set search_path to " + schema);
				ScriptUtils.executeSqlScript(connection,
						new ClassPathResource("org/springframework/session/jdbc/schema-postgresql.sql"));
			}
		}
		catch (SQLException ex) {
			throw new IllegalStateException(
					"PostgreSQL not reachable at " + POSTGRES_URL
							+ " as 'postgres': start it before running the session tests (" + ex.getMessage() + ")",
					ex);
		}
	}

	static void checkRedis() {
		LettuceConnectionFactory connectionFactory = new LettuceConnectionFactory(REDIS_HOST, REDIS_PORT);
		connectionFactory.afterPropertiesSet();
		connectionFactory.start();
		try (var connection = connectionFactory.getConnection()) {
			connection.ping();
		}
		catch (RuntimeException ex) {
			throw new IllegalStateException("Redis not reachable at " + REDIS_HOST + ":" + REDIS_PORT
					+ ": start it before running the session tests (" + ex.getMessage() + ")", ex);
		}
		finally {
			connectionFactory.destroy();
		}
	}

}
