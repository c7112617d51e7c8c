package dev.springmfa.autoconfigure;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;

import org.junit.jupiter.api.Test;

import org.springframework.boot.diagnostics.FailureAnalysis;

import static dev.springmfa.autoconfigure.MfaAutoConfigurationTests.KEY;
import static dev.springmfa.autoconfigure.MfaAutoConfigurationTests.analyze;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * A starter's table name already taken by the application on MariaDB, whose DDL is not
 * transactional: the start fails naming the table, leaves the tables created before the
 * failure, and the recovery that the message gives brings the next start through.
 */
class MariaDbSchemaMigrationFailureTests {

	private static final String SERVER = "jdbc:mariadb://127.0.0.1:3306/";

	private static final String DATABASE = "mfa_migration_failure";

	@Test
	void migrationWhenTableNameIsTakenThenFailsNamingItAndTheGivenRecoveryWorks() throws SQLException {
		execute("test", "drop database if exists " + DATABASE, "create database " + DATABASE);
		execute(DATABASE, "create table mfa_recovery_code (id int primary key)");

		contextRunner().run((context) -> {
			assertThat(context).hasFailed();
			FailureAnalysis analysis = analyze(context.getStartupFailure());
			assertThat(analysis.getDescription()).contains("mfa.schema.migrate").contains("mfa_recovery_code");
			assertThat(analysis.getAction()).contains("rename that table")
				.contains("delete from mfa_schema_history where success = 0");
		});
		// Half made: the table before the failing one stays behind.
		assertThat(tableExists("mfa_authenticator")).isTrue();

		execute(DATABASE, "rename table mfa_recovery_code to app_recovery_code", "drop table mfa_authenticator",
				"delete from mfa_schema_history where success = 0");
		contextRunner().run((context) -> assertThat(context).hasNotFailed());
		assertThat(tableExists("mfa_refresh_token")).isTrue();
	}

	private static org.springframework.boot.test.context.runner.WebApplicationContextRunner contextRunner() {
		return MfaAutoConfigurationTests.contextRunner()
			.withPropertyValues("spring.datasource.url=" + SERVER + DATABASE, "spring.datasource.username=root",
					"spring.datasource.password=", "spring.flyway.enabled=false",
					"spring.jpa.hibernate.ddl-auto=validate", "mfa.enabled=true", KEY);
	}

	private static boolean tableExists(String table) throws SQLException {
		try (Connection connection = DriverManager.getConnection(SERVER + DATABASE, "root", "");
				ResultSet tables = connection.getMetaData().getTables(DATABASE, null, table, null)) {
			return tables.next();
		}
	}

	private static void execute(String database, String... statements) throws SQLException {
		try (Connection connection = DriverManager.getConnection(SERVER + database, "root", "");
				Statement statement = connection.createStatement()) {
			for (String sql : statements) {
				statement.execute(sql);
			}
		}
	}

}
