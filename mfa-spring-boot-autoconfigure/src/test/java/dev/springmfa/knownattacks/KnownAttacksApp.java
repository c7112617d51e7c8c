package dev.springmfa.knownattacks;

import dev.springmfa.apps.AppEndpoints;
import dev.springmfa.audit.RecordingAuditListener;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.security.config.Customizer;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.provisioning.InMemoryUserDetailsManager;
import org.springframework.security.web.SecurityFilterChain;

/**
 * The app the known attacks are played against: the starter's JSON login beside HTTP
 * Basic, which gives an attacker who knows the password a password-only login of an
 * enrolled user, and the starter's defaults for everything else.
 */
@SpringBootConfiguration
@EnableAutoConfiguration
@Import(AppEndpoints.class)
class KnownAttacksApp {

	@Bean
	InMemoryUserDetailsManager users() {
		return new InMemoryUserDetailsManager();
	}

	@Bean
	AttackClock clock() {
		return new AttackClock();
	}

	@Bean
	RecordingAuditListener auditEvents() {
		return new RecordingAuditListener();
	}

	@Bean
	SecurityFilterChain securityFilterChain(HttpSecurity http) {
		http.authorizeHttpRequests((requests) -> requests.requestMatchers("/public/**")
			.permitAll()
			.requestMatchers("/api/admin/**")
			.hasRole("ADMIN")
			.anyRequest()
			.authenticated());
		http.httpBasic(Customizer.withDefaults());
		return http.build();
	}

}
