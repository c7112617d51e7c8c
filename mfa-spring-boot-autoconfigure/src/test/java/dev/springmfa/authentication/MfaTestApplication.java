package dev.springmfa.authentication;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import dev.springmfa.audit.MfaAuditEvent;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.context.ApplicationListener;
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
	AuditEvents auditEvents() {
		return new AuditEvents();
	}

	/**
	 * Records the audit events, so that a test can tell what the service did when its
	 * answers alone cannot.
	 */
	static class AuditEvents implements ApplicationListener<MfaAuditEvent> {

		private final List<MfaAuditEvent> events = new CopyOnWriteArrayList<>();

		@Override
		public void onApplicationEvent(MfaAuditEvent event) {
			this.events.add(event);
		}

		List<MfaAuditEvent> of(String userId) {
			return this.events.stream().filter((event) -> event.getUserId().equals(userId)).toList();
		}

	}

}
