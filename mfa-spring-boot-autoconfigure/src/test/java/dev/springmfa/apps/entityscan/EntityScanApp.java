package dev.springmfa.apps.entityscan;

import java.util.Map;

import jakarta.persistence.EntityManager;

import dev.springmfa.apps.AppEndpoints;
import dev.springmfa.apps.SteppingClock;
import dev.springmfa.apps.entityscan.domain.RecoveryCode;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.persistence.autoconfigure.EntityScan;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.security.config.Customizer;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.provisioning.InMemoryUserDetailsManager;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * An existing app that scans its own entity package with {@code @EntityScan}, one of its
 * entities named {@code RecoveryCode}, and has a Spring Data repository of its own; the
 * starter's packages are not added.
 */
@SpringBootConfiguration
@EnableAutoConfiguration
@EntityScan(basePackageClasses = RecoveryCode.class)
@Import({ AppEndpoints.class, SteppingClock.class, EntityScanApp.CodesController.class })
class EntityScanApp {

	@Bean
	InMemoryUserDetailsManager users() {
		return new InMemoryUserDetailsManager();
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

	@RestController
	static class CodesController {

		private final EntityManager entityManager;

		CodesController(EntityManager entityManager) {
			this.entityManager = entityManager;
		}

		@GetMapping("/api/codes")
		Map<String, Object> count() {
			return Map.of("codes", this.entityManager.createQuery("select count(c) from RecoveryCode c", Long.class)
				.getSingleResult());
		}

		@PostMapping("/api/codes")
		@Transactional
		Map<String, Object> add() {
			RecoveryCode code = new RecoveryCode("app-code");
			this.entityManager.persist(code);
			return Map.of("id", code.getId());
		}

	}

}
