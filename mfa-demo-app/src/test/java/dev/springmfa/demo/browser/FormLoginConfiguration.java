package dev.springmfa.demo.browser;

import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.web.SecurityFilterChain;

/**
 * A second way in that an application may have beside the SPA's JSON login: Spring
 * Security's form login, which proves the password only. It gives the browser tests a
 * real session of an enrolled user without the second factor, which every rule of the
 * demo answers with 401 {@code mfa_required}, so that the SPA has to step up.
 */
@TestConfiguration(proxyBeanMethods = false)
class FormLoginConfiguration {

	static final String LOGIN_PATH = "/test/form-login";

	@Bean
	@Order(Ordered.HIGHEST_PRECEDENCE)
	SecurityFilterChain formLoginSecurityFilterChain(HttpSecurity http) {
		http.securityMatcher(LOGIN_PATH)
			.authorizeHttpRequests((requests) -> requests.anyRequest().permitAll())
			.formLogin((form) -> form.loginProcessingUrl(LOGIN_PATH)
				.successHandler((request, response, authentication) -> response.setStatus(204))
				.failureHandler((request, response, exception) -> response.setStatus(401)))
			// The test posts it from a script, as a page of the application would with
			// its token.
			.csrf((csrf) -> csrf.disable());
		return http.build();
	}

}
