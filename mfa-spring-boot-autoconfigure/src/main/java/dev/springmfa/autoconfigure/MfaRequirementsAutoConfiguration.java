package dev.springmfa.autoconfigure;

import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * {@link EnableAutoConfiguration Auto-configuration} that stops the start, saying what to
 * add, where {@code mfa.enabled=true} cannot take effect: without JPA the starter has
 * nowhere to keep its secrets, and would otherwise do nothing, silently.
 */
@AutoConfiguration(after = MfaAutoConfiguration.class,
		afterName = "org.springframework.boot.hibernate.autoconfigure.HibernateJpaAutoConfiguration")
@ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.SERVLET)
@ConditionalOnBooleanProperty("mfa.enabled")
public final class MfaRequirementsAutoConfiguration {

	private static final String ADD_JPA = "Add spring-boot-starter-data-jpa and a DataSource (the starter's "
			+ "dependency brings them), and do not exclude HibernateJpaAutoConfiguration.";

	@Configuration(proxyBeanMethods = false)
	@ConditionalOnMissingClass("jakarta.persistence.EntityManagerFactory")
	static class NoJpaOnClasspath {

		@Bean
		Object mfaRequiresJpa() {
			throw new MfaConfigurationException("mfa.enabled", "needs JPA, which is not on the classpath", ADD_JPA);
		}

	}

	@Configuration(proxyBeanMethods = false)
	@ConditionalOnClass(name = "jakarta.persistence.EntityManagerFactory")
	@ConditionalOnMissingBean(type = "jakarta.persistence.EntityManagerFactory")
	static class NoEntityManagerFactory {

		@Bean
		Object mfaRequiresEntityManagerFactory() {
			throw new MfaConfigurationException("mfa.enabled",
					"needs a JPA EntityManagerFactory to keep its secrets, and the application has none", ADD_JPA);
		}

	}

}
