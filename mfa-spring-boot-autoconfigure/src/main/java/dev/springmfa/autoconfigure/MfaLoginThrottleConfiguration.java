package dev.springmfa.autoconfigure;

import java.time.Clock;

import jakarta.persistence.EntityManagerFactory;

import dev.springmfa.audit.MfaAuditEventPublisher;
import dev.springmfa.throttle.LoginThrottle;
import org.springframework.beans.factory.ListableBeanFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.transaction.PlatformTransactionManager;

import static dev.springmfa.autoconfigure.MfaAutoConfiguration.clock;
import static dev.springmfa.autoconfigure.MfaAutoConfiguration.transactions;

/**
 * The throttle of the password step, with {@code mfa.login.throttle.enabled=true}.
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnBooleanProperty("mfa.login.throttle.enabled")
class MfaLoginThrottleConfiguration {

	@Bean
	@ConditionalOnMissingBean
	LoginThrottle mfaLoginThrottle(MfaProperties properties, EntityManagerFactory entityManagerFactory,
			ListableBeanFactory beanFactory, PlatformTransactionManager transactionManager, ObjectProvider<Clock> clock,
			MfaAuditEventPublisher events) {
		MfaProperties.Throttle throttle = properties.getLogin().getThrottle();
		return new LoginThrottle(MfaPersistenceConfigurations.repositoryFactory(entityManagerFactory, beanFactory),
				transactions(transactionManager), properties.keys().keyMaterial(),
				new LoginThrottle.Limits(throttle.getMaxAttemptsPerAccount(), throttle.getMaxAttemptsPerAddress(),
						throttle.getDuration()),
				clock(clock), events);
	}

}
