package dev.springmfa.apps.jdbc;

import javax.sql.DataSource;

import dev.springmfa.apps.AppEndpoints;
import dev.springmfa.apps.SteppingClock;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.security.config.Customizer;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.provisioning.JdbcUserDetailsManager;
import org.springframework.security.web.SecurityFilterChain;

/**
 * An existing app that keeps its users with plain JDBC, in Spring Security's
 * {@code users} and {@code authorities} tables made by its own SQL script; it has no JPA
 * entity of its own.
 */
@SpringBootConfiguration
@EnableAutoConfiguration
@Import({ AppEndpoints.class, SteppingClock.class })
class JdbcUsersApp {

	@Bean
	JdbcUserDetailsManager users(DataSource dataSource) {
		return new JdbcUserDetailsManager(dataSource);
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
