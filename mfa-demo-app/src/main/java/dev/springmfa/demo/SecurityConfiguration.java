package dev.springmfa.demo;

import javax.sql.DataSource;

import dev.springmfa.config.MfaConfigurer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.security.config.Customizer;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.crypto.factory.PasswordEncoderFactories;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.security.provisioning.JdbcUserDetailsManager;
import org.springframework.security.provisioning.UserDetailsManager;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.authentication.logout.HttpStatusReturningLogoutSuccessHandler;

/**
 * Security of the demo: users in the database and the application's own filter chain,
 * to which MFA is applied explicitly.
 */
@Configuration(proxyBeanMethods = false)
class SecurityConfiguration {

	@Bean
	SecurityFilterChain securityFilterChain(HttpSecurity http) {
		http.authorizeHttpRequests((requests) -> requests.requestMatchers(HttpMethod.POST, "/api/auth/register")
			.permitAll()
			.requestMatchers("/", "/index.html", "/assets/**", "/favicon.ico", "/error")
			.permitAll()
			.anyRequest()
			.authenticated());
		http.logout((logout) -> logout.logoutUrl("/api/auth/logout")
			.logoutSuccessHandler(new HttpStatusReturningLogoutSuccessHandler(HttpStatus.NO_CONTENT)));
		// The auto-configuration applies MFA to every chain already; an application that
		// builds its own chain says so here, where it can also customize it. CSRF and
		// sessions are left to the configurer: cookie CSRF for SPAs in session mode, no
		// session and no CSRF in jwt mode (the 'jwt' profile).
		http.with(MfaConfigurer.mfa(), Customizer.withDefaults());
		return http.build();
	}

	@Bean
	UserDetailsManager userDetailsManager(DataSource dataSource) {
		return new JdbcUserDetailsManager(dataSource);
	}

	@Bean
	PasswordEncoder passwordEncoder() {
		return PasswordEncoderFactories.createDelegatingPasswordEncoder();
	}

}
