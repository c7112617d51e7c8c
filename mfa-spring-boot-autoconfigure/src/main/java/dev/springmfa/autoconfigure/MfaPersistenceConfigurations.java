package dev.springmfa.autoconfigure;

import javax.sql.DataSource;

import jakarta.persistence.EntityManagerFactory;

import dev.springmfa.authenticator.AuthenticatorRepository;
import org.springframework.beans.factory.ListableBeanFactory;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.sql.init.dependency.DatabaseInitializationDependencyConfigurer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Import;
import org.springframework.data.jpa.repository.support.JpaRepositoryFactory;
import org.springframework.data.repository.core.support.PersistenceExceptionTranslationRepositoryProxyPostProcessor;
import org.springframework.orm.jpa.SharedEntityManagerCreator;

/**
 * The starter's repositories and its schema migration, each group imported by
 * {@link MfaAutoConfiguration}.
 * <p>
 * The Spring Data repositories are made here by a {@link JpaRepositoryFactory}, not by
 * {@code @EnableJpaRepositories}: the repository factory beans that it registers would
 * make Spring Boot's own repository auto-configuration back off, and the application
 * would lose the repositories it declares. The factory is set up as a repository factory
 * bean would set it up, with one difference: it adds exception translation but no
 * transaction interceptor, since every repository method runs in its caller's
 * transaction.
 */
final class MfaPersistenceConfigurations {

	private MfaPersistenceConfigurations() {
	}

	/**
	 * Return a factory of Spring Data JPA repositories on a shared entity manager of the
	 * given persistence unit.
	 * @param entityManagerFactory the persistence unit
	 * @param beanFactory the bean factory, whose persistence exception translators
	 * translate the repositories' exceptions
	 * @return the factory
	 */
	static JpaRepositoryFactory repositoryFactory(EntityManagerFactory entityManagerFactory,
			ListableBeanFactory beanFactory) {
		JpaRepositoryFactory factory = new JpaRepositoryFactory(
				SharedEntityManagerCreator.createSharedEntityManager(entityManagerFactory));
		// The repository interfaces are not public: their proxies must come from the
		// class loader that defined them, which need not be the application's (DevTools).
		factory.setBeanClassLoader(MfaPersistenceConfigurations.class.getClassLoader());
		factory.setBeanFactory(beanFactory);
		factory.addRepositoryProxyPostProcessor(
				new PersistenceExceptionTranslationRepositoryProxyPostProcessor(beanFactory));
		return factory;
	}

	@Configuration(proxyBeanMethods = false)
	static class PersistenceConfiguration {

		@Bean
		@ConditionalOnMissingBean
		AuthenticatorRepository mfaAuthenticatorRepository(EntityManagerFactory entityManagerFactory,
				ListableBeanFactory beanFactory) {
			return AuthenticatorRepository.jpa(repositoryFactory(entityManagerFactory, beanFactory));
		}

		@Bean
		static MfaManagedTypes mfaManagedTypes() {
			return new MfaManagedTypes();
		}

	}

	// Spring Boot orders the migration among the other database initializers (see
	// MfaSchemaMigrationDatabaseInitializerDetector): after the application's own
	// migrations, before JPA.
	@Configuration(proxyBeanMethods = false)
	@ConditionalOnBooleanProperty(name = "mfa.schema.migrate", matchIfMissing = true)
	@Import(DatabaseInitializationDependencyConfigurer.class)
	static class SchemaMigrationConfiguration {

		@Bean
		@ConditionalOnMissingBean
		MfaSchemaMigration mfaSchemaMigration(DataSource dataSource, MfaProperties properties) {
			return new MfaSchemaMigration(dataSource, properties.getSchema().getHistoryTable());
		}

	}

}
