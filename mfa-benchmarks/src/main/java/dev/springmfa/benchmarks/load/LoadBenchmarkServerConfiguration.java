package dev.springmfa.benchmarks.load;

import javax.sql.DataSource;

import org.springframework.beans.factory.config.BeanPostProcessor;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.annotation.web.configurers.AbstractHttpConfigurer;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.core.userdetails.UserDetailsService;
import org.springframework.security.web.SecurityFilterChain;

/**
 * What the load benchmark adds to the demo application, and only in the benchmark's
 * server JVM: the floor endpoints, a filter chain of their own that lets them through,
 * and a password encoder that does not hash.
 */
@Configuration(proxyBeanMethods = false)
final class LoadBenchmarkServerConfiguration {

	/**
	 * The number of rows of the floor's table, as many as the benchmark has users or
	 * more, so that concurrent floor requests rarely update the same row, as concurrent
	 * verifies of different users never do.
	 */
	static final int FLOOR_ROWS = 100_000;

	@Bean
	FloorController floorController(DataSource dataSource, UserDetailsService users) {
		return new FloorController(dataSource, users, FLOOR_ROWS);
	}

	// Before the demo's chain, which wants a login for every other path. The floors
	// stand for the database work of a verify only: no CSRF check, no session.
	@Bean
	@Order(Ordered.HIGHEST_PRECEDENCE)
	SecurityFilterChain floorSecurityFilterChain(HttpSecurity http) {
		http.securityMatcher(FloorController.PATH, FloorController.BUDGET_PATH)
			.authorizeHttpRequests((requests) -> requests.anyRequest().permitAll())
			.csrf(AbstractHttpConfigurer::disable)
			.requestCache((cache) -> cache.disable())
			.sessionManagement((sessions) -> sessions.sessionCreationPolicy(SessionCreationPolicy.STATELESS));
		return http.build();
	}

	// Static: a post-processor must exist before the beans it processes.
	@Bean
	static BeanPostProcessor noopPasswordEncoderPostProcessor() {
		return new NoopPasswordEncoderPostProcessor();
	}

}
