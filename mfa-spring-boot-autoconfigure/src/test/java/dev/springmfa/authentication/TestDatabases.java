package dev.springmfa.authentication;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;

import org.springframework.test.context.DynamicPropertyRegistry;

/**
 * The real database servers of the persistence tests. Each test class gets a schema of
 * its own, dropped and created again before its context starts, so that a rerun, or
 * another test class on the same server, never finds its rows.
 */
final class TestDatabases {

	static final String POSTGRES_URL = "jdbc:postgresql://127.0.0.1:5432/test";

	static final String MARIADB_URL = "jdbc:mariadb://127.0.0.1:3306/test";

	private TestDatabases() {
	}

	static void recreatePostgresSchema(String schema) {
		recreate(POSTGRES_URL, "postgres", "drop schema if exists " + schema + " cascade", "create schema " + schema);
	}

	static void postgres(String schema, DynamicPropertyRegistry registry) {
		registry.add("spring.datasource.url", () -> POSTGRES_URL + "?currentSchema=" + schema);
		registry.add("spring.datasource.username", () -> "postgres");
		registry.add("spring.datasource.password", () -> "");
	}

	static void recreateMariaDbDatabase(String database) {
		recreate(MARIADB_URL, "root", "drop database if exists " + database, "create database " + database);
	}

	static void mariaDb(String database, DynamicPropertyRegistry registry) {
		registry.add("spring.datasource.url", () -> MARIADB_URL.replace("/test", "/" + database));
		registry.add("spring.datasource.username", () -> "root");
		registry.add("spring.datasource.password", () -> "");
	}

	private static void recreate(String url, String user, String... statements) {
		try (Connection connection = DriverManager.getConnection(url, user, "");
				Statement statement = connection.createStatement()) {
			for (String sql : statements) {
				statement.execute(sql);
			}
		}
		catch (SQLException ex) {
			// Fail, never skip: CI starts the servers, and a skipped race test proves
			// nothing.
			throw new IllegalStateException("Database server not reachable at " + url + " as '" + user
					+ "': start it before running the persistence tests (" + ex.getMessage() + ")", ex);
		}
	}

}
