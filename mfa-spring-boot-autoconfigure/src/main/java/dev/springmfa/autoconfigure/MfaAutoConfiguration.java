package dev.springmfa.autoconfigure;

import java.time.Clock;

import jakarta.persistence.EntityManagerFactory;

import dev.springmfa.config.MfaConfigurer;
import dev.springmfa.totp.TotpGenerator;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.hibernate.autoconfigure.HibernateJpaAutoConfiguration;
import org.springframework.boot.jackson.autoconfigure.JacksonAutoConfiguration;
import org.springframework.boot.jdbc.autoconfigure.DataSourceAutoConfiguration;
import org.springframework.boot.security.autoconfigure.SecurityAutoConfiguration;
import org.springframework.boot.security.autoconfigure.UserDetailsServiceAutoConfiguration;
import org.springframework.context.annotation.Import;
import org.springframework.security.config.annotation.web.configuration.EnableWebSecurity;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionOperations;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * {@link EnableAutoConfiguration Auto-configuration} of TOTP and recovery-code
 * multi-factor authentication for Spring Security, active with {@code mfa.enabled=true}.
 *
 * @see MfaProperties
 * @see MfaConfigurer
 */
@AutoConfiguration(after = { SecurityAutoConfiguration.class, UserDetailsServiceAutoConfiguration.class,
		DataSourceAutoConfiguration.class, HibernateJpaAutoConfiguration.class, JacksonAutoConfiguration.class },
		afterName = { "org.springframework.boot.validation.autoconfigure.ValidationAutoConfiguration",
				"org.springframework.boot.flyway.autoconfigure.FlywayAutoConfiguration",
				"org.springframework.boot.liquibase.autoconfigure.LiquibaseAutoConfiguration",
				"org.springframework.boot.session.autoconfigure.SessionAutoConfiguration" })
@ConditionalOnClass({ EnableWebSecurity.class, EntityManagerFactory.class, TotpGenerator.class })
@ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.SERVLET)
@ConditionalOnBooleanProperty("mfa.enabled")
@EnableConfigurationProperties(MfaProperties.class)
@Import({ MfaSpringSessionConfiguration.class, MfaCoreConfiguration.class,
		MfaPersistenceConfigurations.PersistenceConfiguration.class,
		MfaPersistenceConfigurations.SchemaMigrationConfiguration.class, MfaJwtConfiguration.class,
		MfaLoginThrottleConfiguration.class, MfaAuthorizationConfiguration.class, MfaWebConfiguration.class })
public final class MfaAutoConfiguration {

	// The application's clock where it has one (tests move it); the starter registers
	// none, so that it does not hand the application a general-purpose bean.
	static Clock clock(ObjectProvider<Clock> clock) {
		return clock.getIfUnique(Clock::systemUTC);
	}

	// Programmatic transactions on the application's transaction manager, built here
	// rather than registered: a TransactionOperations bean would make Spring Boot's
	// transactionTemplate back off.
	static TransactionOperations transactions(PlatformTransactionManager transactionManager) {
		return new TransactionTemplate(transactionManager);
	}

}
