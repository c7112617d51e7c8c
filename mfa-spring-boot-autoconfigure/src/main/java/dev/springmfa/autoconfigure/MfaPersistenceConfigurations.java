package dev.springmfa.autoconfigure;

import javax.sql.DataSource;

import jakarta.persistence.EntityManager;
import jakarta.persistence.EntityManagerFactory;

import dev.springmfa.authenticator.AuthenticatorRepository;
import dev.springmfa.authenticator.JpaAuthenticatorRepository;
import dev.springmfa.token.EphemeralTokenRepository;
import dev.springmfa.token.JpaEphemeralTokenRepository;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.flyway.autoconfigure.FlywayMigrationInitializer;
import org.springframework.boot.jpa.autoconfigure.EntityManagerFactoryDependsOnPostProcessor;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.orm.jpa.SharedEntityManagerCreator;

/**
 * The starter's repositories and its schema migration, each group imported by
 * {@link MfaAutoConfiguration}.
 */
final class MfaPersistenceConfigurations {

	private MfaPersistenceConfigurations() {
	}

	@Configuration(proxyBeanMethods = false)
	static class PersistenceConfiguration {

		@Bean
		@ConditionalOnMissingBean
		AuthenticatorRepository mfaAuthenticatorRepository(EntityManagerFactory entityManagerFactory) {
			return new JpaAuthenticatorRepository(sharedEntityManager(entityManagerFactory));
		}

		@Bean
		@ConditionalOnMissingBean
		EphemeralTokenRepository mfaEphemeralTokenRepository(EntityManagerFactory entityManagerFactory) {
			return new JpaEphemeralTokenRepository(sharedEntityManager(entityManagerFactory));
		}

		@Bean
		static MfaManagedTypes mfaManagedTypes() {
			return new MfaManagedTypes();
		}

		private static EntityManager sharedEntityManager(EntityManagerFactory entityManagerFactory) {
			return SharedEntityManagerCreator.createSharedEntityManager(entityManagerFactory);
		}

	}

	@Configuration(proxyBeanMethods = false)
	@ConditionalOnBooleanProperty(name = "mfa.schema.migrate", matchIfMissing = true)
	static class SchemaMigrationConfiguration {

		@Bean
		@ConditionalOnMissingBean
		MfaSchemaMigration mfaSchemaMigration(DataSource dataSource, MfaProperties properties,
				ObjectProvider<ApplicationMigrations> applicationMigrations) {
			// The application's own migrations first: its Flyway refuses a non-empty
			// schema without its history table.
			applicationMigrations.ifAvailable((migrations) -> migrations.await().run());
			return new MfaSchemaMigration(dataSource, properties.getSchema().getHistoryTable());
		}

		@Bean
		static EntityManagerFactoryDependsOnPostProcessor mfaSchemaMigrationEntityManagerFactoryDependsOn() {
			return new EntityManagerFactoryDependsOnPostProcessor(MfaSchemaMigration.class);
		}

	}

	// Only where the application runs Spring Boot's Flyway auto-configuration: the
	// starter brings Flyway's core but not that.
	@Configuration(proxyBeanMethods = false)
	@ConditionalOnClass(FlywayMigrationInitializer.class)
	static class ApplicationMigrationsConfiguration {

		@Bean
		ApplicationMigrations mfaApplicationMigrations(ObjectProvider<FlywayMigrationInitializer> initializers) {
			return new ApplicationMigrations(() -> initializers.orderedStream().forEach((initializer) -> {
			}));
		}

	}

	// Runs the application's Flyway migrations, where it has them, by asking for their
	// initializers.
	record ApplicationMigrations(Runnable await) {

	}

}
