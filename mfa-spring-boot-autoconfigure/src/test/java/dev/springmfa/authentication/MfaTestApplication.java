package dev.springmfa.authentication;

import dev.springmfa.audit.RecordingAuditListener;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.security.provisioning.InMemoryUserDetailsManager;

/**
 * The smallest application that the MFA auto-configuration starts in: users in memory,
 * everything else from auto-configuration.
 */
@SpringBootConfiguration
@EnableAutoConfiguration
class MfaTestApplication {

	@Bean
	InMemoryUserDetailsManager userDetailsService() {
		return new InMemoryUserDetailsManager();
	}

	@Bean
	RecordingAuditListener auditEvents() {
		return new RecordingAuditListener();
	}

}
