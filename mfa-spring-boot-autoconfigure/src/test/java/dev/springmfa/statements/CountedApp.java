package dev.springmfa.statements;

import javax.sql.DataSource;

import dev.springmfa.apps.AppEndpoints;
import dev.springmfa.apps.SteppingClock;
import dev.springmfa.autoconfigure.MfaProperties;
import dev.springmfa.config.MfaConfigurer;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.http.HttpStatus;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.annotation.web.configurers.AbstractHttpConfigurer;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.crypto.factory.PasswordEncoderFactories;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.security.provisioning.JdbcUserDetailsManager;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.authentication.logout.HttpStatusReturningLogoutSuccessHandler;

/**
 * The demo's security and persistence, on a database whose calls {@link DatabaseCalls}
 * counts: users in Spring Security's JDBC tables, the app's own filter chain with MFA
 * applied to it, stateless and without CSRF in jwt mode, and no entity manager held open
 * for a view. A {@link SteppingClock} moves only when a test takes a code.
 */
@SpringBootConfiguration
@EnableAutoConfiguration
@Import({ AppEndpoints.class, SteppingClock.class })
class CountedApp {

	@Bean
	static DatabaseCalls databaseCalls() {
		return new DatabaseCalls();
	}

	@Bean
	RequestsInFlight requestsInFlight() {
		return new RequestsInFlight();
	}

	@Bean
	SecurityFilterChain securityFilterChain(HttpSecurity http, MfaProperties properties) {
		http.authorizeHttpRequests(
				(requests) -> requests.requestMatchers("/public/**").permitAll().anyRequest().authenticated());
		http.logout((logout) -> logout.logoutUrl(properties.getBasePath() + "/logout")
			.logoutSuccessHandler(new HttpStatusReturningLogoutSuccessHandler(HttpStatus.NO_CONTENT)));
		if (properties.getLogin().getMode() == MfaProperties.LoginMode.JWT) {
			http.sessionManagement((sessions) -> sessions.sessionCreationPolicy(SessionCreationPolicy.STATELESS));
			http.csrf(AbstractHttpConfigurer::disable);
		}
		http.with(MfaConfigurer.mfa(), (mfa) -> mfa.spaCsrf(true));
		return http.build();
	}

	@Bean
	JdbcUserDetailsManager users(DataSource dataSource) {
		return new JdbcUserDetailsManager(dataSource);
	}

	@Bean
	PasswordEncoder passwordEncoder() {
		return PasswordEncoderFactories.createDelegatingPasswordEncoder();
	}

}
