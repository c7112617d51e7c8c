package dev.springmfa.autoconfigure;

import dev.springmfa.web.MfaAuthenticationHandlers;
import dev.springmfa.web.MfaJsonHttp;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.boot.security.autoconfigure.web.servlet.ConditionalOnDefaultWebSecurity;
import org.springframework.boot.security.autoconfigure.web.servlet.ServletWebSecurityAutoConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.web.SecurityFilterChain;

/**
 * {@link EnableAutoConfiguration Auto-configuration} of a default security filter chain
 * for applications that define none: every request needs a complete login, answered with
 * problem documents instead of a login page. Spring Boot's own default chain backs off.
 */
@AutoConfiguration(after = MfaAutoConfiguration.class, before = ServletWebSecurityAutoConfiguration.class)
@ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.SERVLET)
@ConditionalOnBooleanProperty("mfa.enabled")
@ConditionalOnBean(MfaJsonHttp.class)
@ConditionalOnDefaultWebSecurity
public final class MfaWebSecurityAutoConfiguration {

	@Bean
	SecurityFilterChain mfaSecurityFilterChain(HttpSecurity http, MfaJsonHttp json) {
		MfaAuthenticationHandlers handlers = new MfaAuthenticationHandlers(json);
		http.authorizeHttpRequests((requests) -> requests.anyRequest().authenticated());
		http.exceptionHandling(
				(exceptions) -> exceptions.authenticationEntryPoint(handlers).accessDeniedHandler(handlers));
		return http.build();
	}

}
