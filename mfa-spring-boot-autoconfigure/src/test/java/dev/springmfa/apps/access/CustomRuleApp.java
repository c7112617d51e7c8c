package dev.springmfa.apps.access;

import dev.springmfa.apps.AppEndpoints;
import dev.springmfa.apps.SteppingClock;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.security.authentication.AuthenticationTrustResolverImpl;
import org.springframework.security.authorization.AuthorizationDecision;
import org.springframework.security.config.Customizer;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.provisioning.InMemoryUserDetailsManager;
import org.springframework.security.web.SecurityFilterChain;

/**
 * An existing app whose rules are its own {@code access(...)} managers, which Spring
 * Security's {@code AuthorizationManagerFactory} never builds: a login check written by
 * hand, and a rule open to everyone.
 */
@SpringBootConfiguration
@EnableAutoConfiguration
@Import({ AppEndpoints.class, SteppingClock.class })
class CustomRuleApp {

	@Bean
	InMemoryUserDetailsManager users() {
		return new InMemoryUserDetailsManager();
	}

	@Bean
	SecurityFilterChain securityFilterChain(HttpSecurity http) {
		AuthenticationTrustResolverImpl trust = new AuthenticationTrustResolverImpl();
		http.authorizeHttpRequests((requests) -> requests.requestMatchers("/public/**")
			.access((authentication, context) -> new AuthorizationDecision(true))
			.anyRequest()
			.access((authentication,
					context) -> new AuthorizationDecision(trust.isAuthenticated(authentication.get()))));
		http.httpBasic(Customizer.withDefaults());
		return http.build();
	}

}
