package dev.springmfa.autoconfigure;

import java.util.List;

import javax.sql.DataSource;

import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.FlywayException;
import org.jspecify.annotations.Nullable;

import org.springframework.beans.factory.InitializingBean;
import org.springframework.boot.jdbc.DatabaseDriver;
import org.springframework.jdbc.support.JdbcUtils;
import org.springframework.jdbc.support.MetaDataAccessException;

/**
 * Runs the MFA migrations shipped in the jar, for the database at hand, with a schema
 * history table of their own so that they never mix with the application's migrations. It
 * is deliberately not a {@link Flyway} bean, which would make Spring Boot's own Flyway
 * auto-configuration back off. Spring Boot runs it among its other database initializers,
 * after the application's own migrations and before JPA.
 */
final class MfaSchemaMigration implements InitializingBean {

	private static final List<String> TABLES = List.of("mfa_authenticator", "mfa_recovery_code", "mfa_ephemeral_token",
			"mfa_refresh_token");

	private final DataSource dataSource;

	private final String historyTable;

	/**
	 * Create a new instance.
	 * @param dataSource the data source
	 * @param historyTable the schema history table of the MFA migrations
	 */
	MfaSchemaMigration(DataSource dataSource, String historyTable) {
		this.dataSource = dataSource;
		this.historyTable = historyTable;
	}

	@Override
	public void afterPropertiesSet() throws MetaDataAccessException {
		String vendor = vendor();
		try {
			Flyway.configure(getClass().getClassLoader())
				.dataSource(this.dataSource)
				.locations("classpath:db/mfa/" + vendor)
				.table(this.historyTable)
				// The application's tables are there already: start our history from
				// scratch.
				.baselineOnMigrate(true)
				.baselineVersion("0")
				.failOnMissingLocations(true)
				.load()
				.migrate();
		}
		catch (FlywayException ex) {
			throw new MfaConfigurationException("mfa.schema.migrate", "the MFA migrations failed: " + firstLine(ex),
					recovery(vendor));
		}
	}

	// MySQL and MariaDB commit each DDL statement on its own: a failed script leaves the
	// tables made before the failure, and a failed row in the history table.
	private String recovery(String vendor) {
		String again = "If one of the starter's tables (" + String.join(", ", TABLES)
				+ ") is taken by a table of the application, rename that table and start again.";
		if (!"mysql".equals(vendor)) {
			return again + " The failed migration was rolled back whole.";
		}
		return again + " MySQL and MariaDB keep what the failed script created: drop the mfa_* tables of that run "
				+ "and delete its row (delete from " + this.historyTable + " where success = 0) first.";
	}

	private static String firstLine(FlywayException ex) {
		String message = String.valueOf(ex.getMessage()).strip();
		// Flyway's "Message : ..." line holds the database's words, which name the table.
		for (String line : message.split("\\R")) {
			if (line.startsWith("Message")) {
				return line.substring(line.indexOf(':') + 1).strip();
			}
		}
		return message.lines().findFirst().orElse(message);
	}

	private String vendor() throws MetaDataAccessException {
		Database database = JdbcUtils.extractDatabaseMetaData(this.dataSource,
				(metaData) -> new Database(metaData.getURL(), metaData.getDatabaseProductName()));
		return switch (DatabaseDriver.fromJdbcUrl(database.url())) {
			// H2 runs the PostgreSQL scripts as they are.
			case POSTGRESQL, H2 -> "postgresql";
			case MARIADB, MYSQL -> "mysql";
			default -> throw new MfaConfigurationException("mfa.schema.migrate",
					"has no migrations for " + database.productName(),
					"Create the tables of the MFA migrations for PostgreSQL yourself and set mfa.schema.migrate=false.");
		};
	}

	private record Database(@Nullable String url, String productName) {

	}

}
