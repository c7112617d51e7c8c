package dev.springmfa.autoconfigure;

import dev.springmfa.config.MfaConfigurer;
import dev.springmfa.config.MfaEndpoints;
import dev.springmfa.web.MfaAuthenticationHandlers;
import dev.springmfa.web.MfaHttpMessages;
import dev.springmfa.web.MfaProblemResponder;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.boot.security.autoconfigure.web.servlet.ConditionalOnDefaultWebSecurity;
import org.springframework.boot.security.autoconfigure.web.servlet.ServletWebSecurityAutoConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.annotation.web.configurers.AbstractHttpConfigurer;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.web.SecurityFilterChain;

/**
 * {@link EnableAutoConfiguration Auto-configuration} of a default security filter chain
 * for applications that define none: every request needs a complete login, answered with
 * problem documents instead of a login page; in session mode a CSRF setup for SPAs whose
 * token is bound to the session, in jwt mode no session and no CSRF protection. Spring
 * Boot's own default chain backs off.
 */
@AutoConfiguration(after = MfaAutoConfiguration.class, before = ServletWebSecurityAutoConfiguration.class)
@ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.SERVLET)
@ConditionalOnBooleanProperty("mfa.enabled")
@ConditionalOnBean(MfaHttpMessages.class)
@ConditionalOnDefaultWebSecurity
public final class MfaWebSecurityAutoConfiguration {

	@Bean
	SecurityFilterChain mfaSecurityFilterChain(HttpSecurity http, MfaHttpMessages messages,
			MfaProblemResponder problems, MfaEndpoints endpoints) {
		MfaAuthenticationHandlers handlers = new MfaAuthenticationHandlers(messages, problems);
		http.authorizeHttpRequests((requests) -> requests.anyRequest().authenticated());
		http.exceptionHandling(
				(exceptions) -> exceptions.authenticationEntryPoint(handlers).accessDeniedHandler(handlers));
		if (endpoints.stateless()) {
			// The chain is the starter's own: bearer tokens only, nothing kept between
			// requests.
			http.sessionManagement((sessions) -> sessions.sessionCreationPolicy(SessionCreationPolicy.STATELESS));
			http.csrf(AbstractHttpConfigurer::disable);
			http.requestCache((cache) -> cache.disable());
		}
		http.with(MfaConfigurer.mfa(), (mfa) -> mfa.spaCsrf(!endpoints.stateless()));
		return http.build();
	}

}
