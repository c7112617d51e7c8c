package dev.springmfa.benchmarks.load;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;

/**
 * The run's own PostgreSQL database, dropped and created again for every run so that the
 * users, tables and statistics of an earlier run play no part.
 */
final class BenchmarkDatabase {

	private final LoadBenchmarkOptions options;

	BenchmarkDatabase(LoadBenchmarkOptions options) {
		this.options = options;
	}

	/**
	 * Return the JDBC URL of the run's database.
	 * @return the URL
	 */
	String url() {
		return this.options.postgresUrl() + "/" + this.options.database();
	}

	/**
	 * Drop the database, closing the sessions left on it, and create it empty.
	 * @throws SQLException if PostgreSQL refuses
	 */
	void recreate() throws SQLException {
		try (Connection connection = connect(); Statement statement = connection.createStatement()) {
			statement.execute("drop database if exists " + this.options.database() + " with (force)");
			statement.execute("create database " + this.options.database());
		}
	}

	/**
	 * Describe the PostgreSQL server: its version and how it commits.
	 * @return the description
	 * @throws SQLException if PostgreSQL refuses
	 */
	String describe() throws SQLException {
		try (Connection connection = connect(); Statement statement = connection.createStatement()) {
			return "PostgreSQL " + show(statement, "server_version") + " (synchronous_commit "
					+ show(statement, "synchronous_commit") + ", fsync " + show(statement, "fsync")
					+ ", shared_buffers " + show(statement, "shared_buffers") + ", max_connections "
					+ show(statement, "max_connections") + ")";
		}
	}

	private Connection connect() throws SQLException {
		return DriverManager.getConnection(this.options.postgresUrl() + "/postgres", this.options.postgresUser(), "");
	}

	private static String show(Statement statement, String setting) throws SQLException {
		try (ResultSet result = statement.executeQuery("show " + setting)) {
			result.next();
			return result.getString(1);
		}
	}

}
