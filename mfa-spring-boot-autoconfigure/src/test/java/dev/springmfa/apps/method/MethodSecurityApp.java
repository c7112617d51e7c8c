package dev.springmfa.apps.method;

import java.util.Map;

import dev.springmfa.apps.AppEndpoints;
import dev.springmfa.apps.SteppingClock;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.security.config.Customizer;
import org.springframework.security.config.annotation.method.configuration.EnableMethodSecurity;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.provisioning.InMemoryUserDetailsManager;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * An existing app that guards part of its API with method security alone: its filter
 * chain lets {@code /api/method/**} through, and {@code @PreAuthorize} decides.
 */
@SpringBootConfiguration
@EnableAutoConfiguration
@EnableMethodSecurity
@Import({ AppEndpoints.class, SteppingClock.class, MethodSecurityApp.MethodSecuredController.class })
class MethodSecurityApp {

	@Bean
	InMemoryUserDetailsManager users() {
		return new InMemoryUserDetailsManager();
	}

	@Bean
	SecurityFilterChain securityFilterChain(HttpSecurity http) {
		http.authorizeHttpRequests((requests) -> requests.requestMatchers("/public/**", "/api/method/**")
			.permitAll()
			.requestMatchers("/api/admin/**")
			.hasRole("ADMIN")
			.anyRequest()
			.authenticated());
		http.httpBasic(Customizer.withDefaults());
		return http.build();
	}

	@RestController
	static class MethodSecuredController {

		@GetMapping("/api/method/data")
		@PreAuthorize("hasRole('USER')")
		Map<String, Object> data() {
			return Map.of("method", "ok");
		}

		@GetMapping("/api/method/admin")
		@PreAuthorize("hasRole('ADMIN')")
		Map<String, Object> admin() {
			return Map.of("method", "admin");
		}

	}

}
