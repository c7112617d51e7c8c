package dev.springmfa.apps.twochains;

import dev.springmfa.apps.AppEndpoints;
import dev.springmfa.apps.SteppingClock;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.core.annotation.Order;
import org.springframework.http.MediaType;
import org.springframework.security.config.Customizer;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.provisioning.InMemoryUserDetailsManager;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.csrf.CsrfToken;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * An existing app with two filter chains: an admin area behind a login form, and an API
 * behind HTTP Basic.
 */
@SpringBootConfiguration
@EnableAutoConfiguration
@Import({ AppEndpoints.class, SteppingClock.class, TwoChainsApp.AdminLoginPage.class })
class TwoChainsApp {

	@Bean
	InMemoryUserDetailsManager users() {
		return new InMemoryUserDetailsManager();
	}

	@Bean
	@Order(1)
	SecurityFilterChain adminChain(HttpSecurity http) {
		http.securityMatcher("/admin/**");
		http.authorizeHttpRequests((requests) -> requests.requestMatchers("/admin/login")
			.permitAll()
			.requestMatchers("/admin/me")
			.hasRole("ADMIN")
			.anyRequest()
			.authenticated());
		http.formLogin((form) -> form.loginPage("/admin/login").defaultSuccessUrl("/admin/home"));
		return http.build();
	}

	@Bean
	@Order(2)
	SecurityFilterChain apiChain(HttpSecurity http) {
		http.securityMatcher("/api/**");
		http.authorizeHttpRequests(
				(requests) -> requests.requestMatchers("/api/admin/**").hasRole("ADMIN").anyRequest().authenticated());
		http.httpBasic(Customizer.withDefaults());
		return http.build();
	}

	@RestController
	static class AdminLoginPage {

		@GetMapping(path = "/admin/login", produces = MediaType.TEXT_HTML_VALUE)
		String loginPage(CsrfToken csrf) {
			return "<form method=\"post\" action=\"/admin/login\"><input name=\"username\"/>"
					+ "<input name=\"password\" type=\"password\"/><input name=\"_csrf\" type=\"hidden\" value=\""
					+ csrf.getToken() + "\"/></form>";
		}

	}

}
