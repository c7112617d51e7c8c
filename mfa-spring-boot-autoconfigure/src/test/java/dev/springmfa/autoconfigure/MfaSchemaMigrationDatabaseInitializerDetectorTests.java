package dev.springmfa.autoconfigure;

import javax.sql.DataSource;

import org.junit.jupiter.api.Test;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.jdbc.autoconfigure.DataSourceInitializationAutoConfiguration;
import org.springframework.boot.test.context.runner.WebApplicationContextRunner;
import org.springframework.jdbc.core.JdbcTemplate;

import static dev.springmfa.autoconfigure.MfaAutoConfigurationTests.KEY;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for {@link MfaSchemaMigrationDatabaseInitializerDetector}: where the starter's
 * migration runs among the application's database initializers.
 */
class MfaSchemaMigrationDatabaseInitializerDetectorTests {

	private final WebApplicationContextRunner contextRunner = MfaAutoConfigurationTests.contextRunner()
		.withConfiguration(AutoConfigurations.of(DataSourceInitializationAutoConfiguration.class))
		.withPropertyValues("mfa.enabled=true", KEY, "spring.jpa.hibernate.ddl-auto=validate");

	@Test
	void migrationRunsAfterTheApplicationsFlywayMigrations() {
		// The application's Flyway refuses a schema that others have filled first.
		this.contextRunner.withPropertyValues("spring.flyway.locations=classpath:apps/flyway").run((context) -> {
			assertThat(context).hasNotFailed();
			JdbcTemplate jdbc = new JdbcTemplate(context.getBean(DataSource.class));
			assertThat(jdbc.queryForList("select \"version\" from \"flyway_schema_history\" where \"type\" = 'SQL'",
					String.class))
				.containsExactly("1");
			assertThat(jdbc.queryForObject("select count(*) from app_note", Integer.class)).isZero();
		});
	}

	@Test
	void migrationRunsBeforeTheApplicationsSqlScripts() {
		this.contextRunner.withPropertyValues("spring.sql.init.data-locations=classpath:apps/mfa-seed.sql")
			.run((context) -> {
				assertThat(context).hasNotFailed();
				JdbcTemplate jdbc = new JdbcTemplate(context.getBean(DataSource.class));
				assertThat(jdbc.queryForList("select user_id from mfa_authenticator", String.class))
					.containsExactly("alice");
			});
	}

	@Test
	void migrationRunsBeforeJpaWhenTheApplicationDefersDataSourceInitialization() {
		// Deferred, Spring Boot runs the SQL scripts after JPA: Hibernate still finds the
		// starter's tables, and the scripts still find them too. (Deferral and Flyway do
		// not go together in Spring Boot.)
		this.contextRunner
			.withPropertyValues("spring.jpa.defer-datasource-initialization=true", "spring.flyway.enabled=false",
					"spring.sql.init.data-locations=classpath:apps/mfa-seed.sql")
			.run((context) -> {
				assertThat(context).hasNotFailed();
				JdbcTemplate jdbc = new JdbcTemplate(context.getBean(DataSource.class));
				assertThat(jdbc.queryForList("select user_id from mfa_authenticator", String.class))
					.containsExactly("alice");
			});
	}

}
