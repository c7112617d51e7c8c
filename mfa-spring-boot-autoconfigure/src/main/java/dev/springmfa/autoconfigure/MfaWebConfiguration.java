package dev.springmfa.autoconfigure;

import java.time.Clock;

import jakarta.validation.Validator;
import tools.jackson.databind.json.JsonMapper;

import dev.springmfa.MfaUserIdResolver;
import dev.springmfa.authenticator.TotpAuthenticatorService;
import dev.springmfa.authenticator.TotpEnrollmentService;
import dev.springmfa.authorization.MfaEnrollment;
import dev.springmfa.config.MfaConfigurer;
import dev.springmfa.config.MfaEndpoints;
import dev.springmfa.jwt.JwtLoginService;
import dev.springmfa.web.HttpSessionRegistry;
import dev.springmfa.web.MfaCurrentUser;
import dev.springmfa.web.MfaExceptionHandler;
import dev.springmfa.web.MfaFallbackController;
import dev.springmfa.web.MfaHttpMessages;
import dev.springmfa.web.MfaLoginUpgrade;
import dev.springmfa.web.MfaProblemResponder;
import dev.springmfa.web.MfaResponseHeadersAdvice;
import dev.springmfa.web.MfaSessions;
import dev.springmfa.web.MfaStatusController;
import dev.springmfa.web.TotpController;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.security.config.Customizer;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;

import static dev.springmfa.autoconfigure.MfaAutoConfiguration.clock;

/**
 * The REST endpoints and the configurer that plugs them into a filter chain.
 */
@Configuration(proxyBeanMethods = false)
class MfaWebConfiguration {

	@Bean
	@ConditionalOnMissingBean
	MfaEndpoints mfaEndpoints(MfaProperties properties) {
		return new MfaEndpoints(properties.getBasePath(),
				properties.getLogin().getMode() == MfaProperties.LoginMode.JWT,
				properties.getMaxRequestSize().toBytes());
	}

	@Bean
	@ConditionalOnMissingBean
	MfaHttpMessages mfaHttpMessages(ObjectProvider<JsonMapper> jsonMapper, Validator validator,
			MfaEndpoints endpoints) {
		return new MfaHttpMessages(jsonMapper.getIfAvailable(JsonMapper::new), validator, endpoints.maxRequestSize());
	}

	@Bean
	@ConditionalOnMissingBean
	MfaProblemResponder mfaProblemResponder(MfaHttpMessages messages) {
		return new MfaProblemResponder(messages);
	}

	@Bean
	static MfaEndpointsPathPrefix mfaEndpointsPathPrefix(ObjectProvider<MfaEndpoints> endpoints) {
		return new MfaEndpointsPathPrefix(endpoints);
	}

	@Bean
	@ConditionalOnMissingBean
	MfaCurrentUser mfaCurrentUser(MfaUserIdResolver userIdResolver, MfaEnrollment enrollment) {
		return new MfaCurrentUser(userIdResolver, enrollment);
	}

	@Bean
	@ConditionalOnMissingBean
	MfaSessions mfaSessions() {
		return new HttpSessionRegistry();
	}

	@Bean
	@ConditionalOnMissingBean
	MfaLoginUpgrade mfaLoginUpgrade(MfaSessions sessions, ObjectProvider<JwtLoginService> jwtLoginService,
			ObjectProvider<Clock> clock) {
		return new MfaLoginUpgrade(sessions, jwtLoginService.getIfAvailable(), clock(clock));
	}

	@Bean
	@ConditionalOnMissingBean
	TotpController mfaTotpController(TotpEnrollmentService enrollment, TotpAuthenticatorService service,
			MfaCurrentUser currentUser, MfaLoginUpgrade loginUpgrade) {
		return new TotpController(enrollment, service, currentUser, loginUpgrade);
	}

	@Bean
	@ConditionalOnMissingBean
	MfaStatusController mfaStatusController(TotpAuthenticatorService service, MfaCurrentUser currentUser) {
		return new MfaStatusController(service, currentUser);
	}

	@Bean
	@ConditionalOnMissingBean
	MfaFallbackController mfaFallbackController(MfaEndpoints endpoints) {
		return new MfaFallbackController(endpoints.basePath());
	}

	@Bean
	@ConditionalOnMissingBean
	MfaExceptionHandler mfaExceptionHandler(MfaProblemResponder problems) {
		return new MfaExceptionHandler(problems);
	}

	@Bean
	@ConditionalOnMissingBean
	MfaResponseHeadersAdvice mfaResponseHeadersAdvice() {
		return new MfaResponseHeadersAdvice();
	}

	@Bean
	@ConditionalOnMissingBean(name = "mfaHttpSecurityCustomizer")
	Customizer<HttpSecurity> mfaHttpSecurityCustomizer() {
		return (http) -> http.with(MfaConfigurer.mfa(), Customizer.withDefaults());
	}

}
