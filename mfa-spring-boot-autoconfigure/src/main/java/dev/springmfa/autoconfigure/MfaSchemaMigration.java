package dev.springmfa.autoconfigure;

import java.sql.DatabaseMetaData;
import java.util.Locale;

import javax.sql.DataSource;

import org.flywaydb.core.Flyway;

import org.springframework.beans.factory.InitializingBean;
import org.springframework.jdbc.support.JdbcUtils;
import org.springframework.jdbc.support.MetaDataAccessException;

/**
 * Runs the MFA migrations shipped in the jar, for the database at hand, with a schema
 * history table of their own so that they never mix with the application's migrations.
 * It is deliberately not a {@link Flyway} bean, which would make Spring Boot's own Flyway
 * auto-configuration back off.
 */
public class MfaSchemaMigration implements InitializingBean {

	private final DataSource dataSource;

	private final String historyTable;

	/**
	 * Create a new instance.
	 * @param dataSource the data source
	 * @param historyTable the schema history table of the MFA migrations
	 */
	public MfaSchemaMigration(DataSource dataSource, String historyTable) {
		this.dataSource = dataSource;
		this.historyTable = historyTable;
	}

	@Override
	public void afterPropertiesSet() throws MetaDataAccessException {
		Flyway.configure(getClass().getClassLoader())
			.dataSource(this.dataSource)
			.locations("classpath:db/mfa/" + vendor())
			.table(this.historyTable)
			// The application's tables are there already: start our history from scratch.
			.baselineOnMigrate(true)
			.baselineVersion("0")
			.failOnMissingLocations(true)
			.load()
			.migrate();
	}

	private String vendor() throws MetaDataAccessException {
		String product = JdbcUtils.extractDatabaseMetaData(this.dataSource, DatabaseMetaData::getDatabaseProductName);
		String name = product.toLowerCase(Locale.ROOT);
		// H2 runs the PostgreSQL scripts as they are.
		if (name.contains("postgres") || name.contains("h2")) {
			return "postgresql";
		}
		if (name.contains("mariadb") || name.contains("mysql")) {
			return "mysql";
		}
		throw new MfaConfigurationException("mfa.schema.migrate", "has no migrations for " + product,
				"Create the tables of the MFA migrations for PostgreSQL yourself and set mfa.schema.migrate=false.");
	}

}
