package dev.springmfa.web;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;

import dev.springmfa.MfaFactors;
import dev.springmfa.audit.RecordingAuditListener;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.http.HttpStatus;
import org.springframework.security.authorization.AllRequiredFactorsAuthorizationManager;
import org.springframework.security.authorization.AuthorizationManagerFactories;
import org.springframework.security.authorization.DefaultAuthorizationManagerFactory;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.core.authority.FactorGrantedAuthority;
import org.springframework.security.provisioning.InMemoryUserDetailsManager;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.access.intercept.RequestAuthorizationContext;
import org.springframework.security.web.authentication.logout.HttpStatusReturningLogoutSuccessHandler;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * An application with its own security filter chain, as a user of the starter writes it:
 * an admin area that requires the TOTP factor through Spring Security's own multi-factor
 * authorization.
 */
@SpringBootConfiguration
@EnableAutoConfiguration
class MfaTestApplication {

	@Bean
	InMemoryUserDetailsManager userDetailsService() {
		return new InMemoryUserDetailsManager();
	}

	@Bean
	MutableClock clock() {
		return new MutableClock(Instant.parse("2026-11-25T10:00:00Z"));
	}

	@Bean
	RecordingAuditListener auditEvents() {
		return new RecordingAuditListener();
	}

	@Bean
	SecurityFilterChain securityFilterChain(HttpSecurity http, MutableClock clock,
			@Value("${mfa.login.mode:session}") String mode) {
		if ("jwt".equals(mode)) {
			// A bearer-token API keeps no session, and so needs no CSRF protection: the
			// starter no longer switches either off on the application's chain.
			http.sessionManagement((sessions) -> sessions.sessionCreationPolicy(SessionCreationPolicy.STATELESS));
			http.csrf((csrf) -> csrf.disable());
		}
		DefaultAuthorizationManagerFactory<RequestAuthorizationContext> totpRequired = AuthorizationManagerFactories
			.<RequestAuthorizationContext>multiFactor()
			.requireFactors(FactorGrantedAuthority.PASSWORD_AUTHORITY, MfaFactors.TOTP_AUTHORITY)
			.build();
		// Step-up: a TOTP factor proven in the last five minutes.
		AllRequiredFactorsAuthorizationManager<RequestAuthorizationContext> recentTotp = AllRequiredFactorsAuthorizationManager
			.<RequestAuthorizationContext>builder()
			.requireFactor((factor) -> factor.authority(MfaFactors.TOTP_AUTHORITY).validDuration(Duration.ofMinutes(5)))
			.build();
		recentTotp.setClock(clock);
		http.authorizeHttpRequests((requests) -> requests.requestMatchers("/api/admin/recent")
			.access(recentTotp)
			.requestMatchers("/api/admin/**")
			.access(totpRequired.authenticated())
			.anyRequest()
			.authenticated());
		http.logout((logout) -> logout.logoutUrl("/api/auth/logout")
			.logoutSuccessHandler(new HttpStatusReturningLogoutSuccessHandler(HttpStatus.NO_CONTENT)));
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

		@GetMapping("/api/admin/report")
		Map<String, Object> report() {
			return Map.of("report", "ok");
		}

		@GetMapping("/api/admin/recent")
		Map<String, Object> recent() {
			return Map.of("recent", "ok");
		}

	}

	/**
	 * A clock the tests move forward instead of sleeping.
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
