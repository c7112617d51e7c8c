package dev.springmfa.autoconfigure;

import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

import jakarta.persistence.EntityManagerFactory;

import org.springframework.beans.factory.BeanFactoryUtils;
import org.springframework.beans.factory.config.BeanDefinition;
import org.springframework.beans.factory.config.ConfigurableListableBeanFactory;
import org.springframework.boot.sql.init.dependency.AbstractBeansOfTypeDatabaseInitializerDetector;
import org.springframework.boot.sql.init.dependency.DatabaseInitializerDetector;
import org.springframework.core.env.Environment;
import org.springframework.orm.jpa.AbstractEntityManagerFactoryBean;
import org.springframework.util.StringUtils;

/**
 * A {@link DatabaseInitializerDetector} for {@link MfaSchemaMigration}. Spring Boot runs
 * the initializers in the order of their detectors and makes JPA, and every other bean
 * that depends on database initialization, wait for all of them. This one comes after the
 * application's Flyway and Liquibase migrations, which refuse a schema that others have
 * filled before them, and before the application's SQL scripts, which may seed the
 * starter's tables.
 * <p>
 * With {@code spring.jpa.defer-datasource-initialization=true} Spring Boot runs every
 * initializer after JPA instead. The starter's tables must exist before Hibernate
 * validates or creates the schema whatever the application defers, so there the migration
 * is no initializer of that chain: JPA waits for it, as without deferral.
 */
final class MfaSchemaMigrationDatabaseInitializerDetector extends AbstractBeansOfTypeDatabaseInitializerDetector {

	// Spring Boot's Flyway detectors take 0 and 1, its Liquibase detector 0, its SQL
	// scripts Ordered.LOWEST_PRECEDENCE - 100.
	static final int ORDER = 100;

	private final Environment environment;

	MfaSchemaMigrationDatabaseInitializerDetector(Environment environment) {
		this.environment = environment;
	}

	@Override
	protected Set<Class<?>> getDatabaseInitializerBeanTypes() {
		return jpaDeferred() ? Collections.emptySet() : Collections.singleton(MfaSchemaMigration.class);
	}

	@Override
	public void detectionComplete(ConfigurableListableBeanFactory beanFactory, Set<String> initializerNames) {
		if (jpaDeferred()) {
			String[] migrations = beanFactory.getBeanNamesForType(MfaSchemaMigration.class, true, false);
			for (String name : entityManagerFactoryNames(beanFactory)) {
				BeanDefinition definition = beanFactory.getBeanDefinition(name);
				definition.setDependsOn(StringUtils.concatenateStringArrays(definition.getDependsOn(), migrations));
			}
		}
	}

	private static Set<String> entityManagerFactoryNames(ConfigurableListableBeanFactory beanFactory) {
		Set<String> names = new LinkedHashSet<>();
		for (Class<?> type : List.of(EntityManagerFactory.class, AbstractEntityManagerFactoryBean.class)) {
			for (String name : beanFactory.getBeanNamesForType(type, true, false)) {
				names.add(BeanFactoryUtils.transformedBeanName(name));
			}
		}
		return names;
	}

	private boolean jpaDeferred() {
		return this.environment.getProperty("spring.jpa.defer-datasource-initialization", boolean.class, false);
	}

	@Override
	public int getOrder() {
		return ORDER;
	}

}
