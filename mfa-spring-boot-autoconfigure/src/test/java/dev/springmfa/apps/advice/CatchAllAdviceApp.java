package dev.springmfa.apps.advice;

import java.util.Map;

import dev.springmfa.apps.AppEndpoints;
import dev.springmfa.apps.SteppingClock;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.security.config.Customizer;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.provisioning.InMemoryUserDetailsManager;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.web.bind.annotation.ControllerAdvice;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * An existing app with a catch-all {@code @ControllerAdvice} that answers every exception
 * with a 500 naming its class, as spring-petclinic-rest's does.
 */
@SpringBootConfiguration
@EnableAutoConfiguration
@Import({ AppEndpoints.class, SteppingClock.class, CatchAllAdviceApp.CatchAll.class,
		CatchAllAdviceApp.FailingController.class })
class CatchAllAdviceApp {

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

	@ControllerAdvice
	static class CatchAll {

		@ExceptionHandler(Exception.class)
		ResponseEntity<Map<String, Object>> handle(Exception ex) {
			return ResponseEntity.status(HttpStatus.INTERNAL_SERVER_ERROR)
				.body(Map.of("error", ex.getClass().getName()));
		}

	}

	@RestController
	static class FailingController {

		@GetMapping("/api/fail")
		Map<String, Object> fail() {
			throw new IllegalStateException("the app's own failure");
		}

	}

}
