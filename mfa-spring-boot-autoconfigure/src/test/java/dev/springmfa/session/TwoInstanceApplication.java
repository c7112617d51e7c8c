package dev.springmfa.session;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;

import dev.springmfa.MfaFactors;
import dev.springmfa.config.MfaConfigurer;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.http.HttpStatus;
import org.springframework.security.authorization.AllRequiredFactorsAuthorizationManager;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.core.authority.FactorGrantedAuthority;
import org.springframework.security.provisioning.InMemoryUserDetailsManager;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.access.intercept.RequestAuthorizationContext;
import org.springframework.security.web.authentication.HttpStatusEntryPoint;
import org.springframework.security.web.authentication.SimpleUrlAuthenticationFailureHandler;
import org.springframework.security.web.authentication.logout.HttpStatusReturningLogoutSuccessHandler;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * An existing application run as several instances behind a load balancer: its own chain
 * with form login and the starter's CSRF setup for SPAs ({@code spaCsrf(true)}), its
 * users in memory (each instance has the same ones), the starter added with
 * {@code mfa.enabled=true}, and its HTTP sessions, CSRF tokens included, in Spring
 * Session, shared by every instance through one store (one of {@link SessionStores}). An
 * endpoint for sensitive actions needs a TOTP factor proven in the last five minutes
 * (step-up).
 */
@SpringBootConfiguration
@EnableAutoConfiguration
class TwoInstanceApplication {

	@Bean
	InMemoryUserDetailsManager userDetailsService() {
		return new InMemoryUserDetailsManager();
	}

	@Bean
	SecurityFilterChain securityFilterChain(HttpSecurity http, Clock clock) {
		AllRequiredFactorsAuthorizationManager<RequestAuthorizationContext> recentTotp = AllRequiredFactorsAuthorizationManager
			.<RequestAuthorizationContext>builder()
			.requireFactor((factor) -> factor.authority(MfaFactors.TOTP_AUTHORITY).validDuration(Duration.ofMinutes(5)))
			.build();
		recentTotp.setClock(clock);
		http.authorizeHttpRequests((requests) -> requests.requestMatchers("/api/sensitive")
			.access(recentTotp)
			.anyRequest()
			.authenticated());
		// A SPA's form login: a status instead of redirects.
		http.formLogin((form) -> form.loginProcessingUrl("/login")
			.successHandler((request, response, authentication) -> response.setStatus(HttpStatus.OK.value()))
			.failureHandler(new SimpleUrlAuthenticationFailureHandler()));
		http.exceptionHandling(
				(exceptions) -> exceptions.authenticationEntryPoint(new HttpStatusEntryPoint(HttpStatus.UNAUTHORIZED)));
		http.logout((logout) -> logout.logoutUrl("/api/auth/logout")
			.logoutSuccessHandler(new HttpStatusReturningLogoutSuccessHandler(HttpStatus.NO_CONTENT)));
		http.with(MfaConfigurer.mfa(), (mfa) -> mfa.spaCsrf(true));
		return http.build();
	}

	@RestController
	static class TestController {

		@GetMapping("/api/auth/user")
		Map<String, Object> user(Authentication authentication) {
			List<String> factors = authentication.getAuthorities()
				.stream()
				.filter(FactorGrantedAuthority.class::isInstance)
				.map(GrantedAuthority::getAuthority)
				.sorted()
				.toList();
			return Map.of("username", authentication.getName(), "factors", factors);
		}

		@GetMapping("/api/sensitive")
		Map<String, Object> sensitive() {
			return Map.of("sensitive", "ok");
		}

	}

	/**
	 * The clock of every instance, one object for all: the tests move it forward instead
	 * of sleeping.
	 */
	static class MutableClock extends Clock {

		private volatile Instant now;

		MutableClock(Instant now) {
			this.now = now;
		}

		void advance(Duration duration) {
			this.now = this.now.plus(duration);
		}

		@Override
		public ZoneId getZone() {
			return ZoneOffset.UTC;
		}

		@Override
		public Clock withZone(ZoneId zone) {
			return this;
		}

		@Override
		public Instant instant() {
			return this.now;
		}

	}

}
