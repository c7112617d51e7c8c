package dev.springmfa.demo;

import javax.sql.DataSource;

import dev.springmfa.autoconfigure.MfaProperties;
import dev.springmfa.config.MfaConfigurer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.annotation.web.configurers.AbstractHttpConfigurer;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.crypto.factory.PasswordEncoderFactories;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.security.provisioning.JdbcUserDetailsManager;
import org.springframework.security.provisioning.UserDetailsManager;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.authentication.logout.HttpStatusReturningLogoutSuccessHandler;

/**
 * Security of the demo: users in the database and the application's own filter chain, to
 * which MFA is applied explicitly.
 */
@Configuration(proxyBeanMethods = false)
class SecurityConfiguration {

	@Bean
	SecurityFilterChain securityFilterChain(HttpSecurity http, MfaProperties properties) {
		// The account endpoints sit beside the starter's, under mfa.base-path.
		String basePath = properties.getBasePath();
		http.authorizeHttpRequests((requests) -> requests.requestMatchers(HttpMethod.POST, basePath + "/register")
			.permitAll()
			.requestMatchers("/", "/index.html", "/assets/**", "/favicon.ico", "/error")
			.permitAll()
			.anyRequest()
			.authenticated());
		http.logout((logout) -> logout.logoutUrl(basePath + "/logout")
			.logoutSuccessHandler(new HttpStatusReturningLogoutSuccessHandler(HttpStatus.NO_CONTENT)));
		if (properties.getLogin().getMode() == MfaProperties.LoginMode.JWT) {
			// The 'jwt' profile: a bearer-token API, nothing kept between requests and so
			// nothing for CSRF protection to protect.
			http.sessionManagement((sessions) -> sessions.sessionCreationPolicy(SessionCreationPolicy.STATELESS));
			http.csrf(AbstractHttpConfigurer::disable);
		}
		// The auto-configuration applies MFA to every chain already; an application that
		// builds its own chain says so here, where it can also customize it: the SPA
		// reads its CSRF token from the XSRF-TOKEN cookie.
		http.with(MfaConfigurer.mfa(), (mfa) -> mfa.spaCsrf(true));
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
