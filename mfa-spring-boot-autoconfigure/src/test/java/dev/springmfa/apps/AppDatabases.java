package dev.springmfa.apps;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The real database servers of the matrix's PostgreSQL and MariaDB variants. Each app
 * context gets a schema (PostgreSQL) or database (MariaDB) of its own, dropped and
 * created again before it starts.
 */
public final class AppDatabases {

	static final String POSTGRES_URL = "jdbc:postgresql://127.0.0.1:5432/test";

	static final String MARIADB_URL = "jdbc:mariadb://127.0.0.1:3306/test";

	private AppDatabases() {
	}

	/**
	 * Create an empty PostgreSQL schema and return the properties of a DataSource on it.
	 * @param schema the schema
	 * @return the properties
	 */
	public static Map<String, String> postgres(String schema) {
		recreate(POSTGRES_URL, "postgres", "drop schema if exists " + schema + " cascade", "create schema " + schema);
		return dataSource(POSTGRES_URL + "?currentSchema=" + schema, "postgres");
	}

	/**
	 * Create an empty MariaDB database and return the properties of a DataSource on it.
	 * @param database the database
	 * @return the properties
	 */
	public static Map<String, String> mariaDb(String database) {
		recreate(MARIADB_URL, "root", "drop database if exists " + database, "create database " + database);
		return dataSource(MARIADB_URL.replace("/test", "/" + database), "root");
	}

	private static Map<String, String> dataSource(String url, String username) {
		Map<String, String> properties = new LinkedHashMap<>();
		properties.put("spring.datasource.url", url);
		properties.put("spring.datasource.username", username);
		properties.put("spring.datasource.password", "");
		properties.put("spring.sql.init.mode", "always");
		return properties;
	}

	private static void recreate(String url, String user, String... statements) {
		try (Connection connection = DriverManager.getConnection(url, user, "");
				Statement statement = connection.createStatement()) {
			for (String sql : statements) {
				statement.execute(sql);
			}
		}
		catch (SQLException ex) {
			throw new IllegalStateException(
					"Database server not reachable at " + url + " as '" + user
							+ "': start it before running the matrix's database variants (" + ex.getMessage() + ")",
					ex);
		}
	}

}
