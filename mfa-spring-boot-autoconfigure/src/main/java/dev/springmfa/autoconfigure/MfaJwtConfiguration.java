package dev.springmfa.autoconfigure;

import java.time.Clock;

import jakarta.persistence.EntityManagerFactory;
import org.jspecify.annotations.Nullable;

import dev.springmfa.MfaUserIdResolver;
import dev.springmfa.audit.MfaAuditEventPublisher;
import dev.springmfa.jwt.JwtLoginService;
import dev.springmfa.jwt.JwtSigningKeys;
import dev.springmfa.jwt.JwtTokenService;
import dev.springmfa.jwt.RefreshTokenRepository;
import dev.springmfa.jwt.RefreshTokenRevocationListener;
import dev.springmfa.jwt.RefreshTokenService;
import dev.springmfa.token.PasswordFingerprints;
import org.springframework.beans.factory.ListableBeanFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.Environment;
import org.springframework.transaction.PlatformTransactionManager;

import static dev.springmfa.autoconfigure.MfaAutoConfiguration.clock;
import static dev.springmfa.autoconfigure.MfaAutoConfiguration.transactions;

/**
 * The jwt login mode: access and refresh tokens, with {@code mfa.login.mode=jwt}.
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnProperty(name = "mfa.login.mode", havingValue = "jwt")
class MfaJwtConfiguration {

	@Bean
	@ConditionalOnMissingBean
	JwtTokenService mfaJwtTokenService(MfaProperties properties, Environment environment, ObjectProvider<Clock> clock) {
		MfaProperties.Jwt jwt = properties.getJwt();
		JwtSigningKeys keyPair = properties.keys().accessTokenKeyPair();
		JwtSigningKeys accessTokenKeys = (keyPair != null) ? keyPair
				: JwtSigningKeys.hmac(properties.keys().keyMaterial(), "mfa-access-token");
		String issuer = issuer(properties, environment);
		return new JwtTokenService(accessTokenKeys, new JwtTokenService.Settings(issuer,
				orDefault(jwt.getAudience(), issuer), orDefault(jwt.getClientId(), issuer), jwt.getAccessTokenTtl()),
				clock(clock));
	}

	@Bean
	@ConditionalOnMissingBean
	RefreshTokenService mfaRefreshTokenService(MfaProperties properties, Environment environment,
			ObjectProvider<Clock> clock) {
		return new RefreshTokenService(JwtSigningKeys.hmac(properties.keys().keyMaterial(), "mfa-refresh-token"),
				issuer(properties, environment), properties.getJwt().getRefreshTokenTtl(), clock(clock));
	}

	private static String issuer(MfaProperties properties, Environment environment) {
		return orDefault(properties.getJwt().getIssuer(), environment.getProperty("spring.application.name", "mfa"));
	}

	private static String orDefault(@Nullable String value, String defaultValue) {
		return (value != null && !value.isBlank()) ? value : defaultValue;
	}

	@Bean
	@ConditionalOnMissingBean
	RefreshTokenRepository mfaRefreshTokenRepository(EntityManagerFactory entityManagerFactory,
			ListableBeanFactory beanFactory) {
		return RefreshTokenRepository
			.jpa(MfaPersistenceConfigurations.repositoryFactory(entityManagerFactory, beanFactory));
	}

	@Bean
	@ConditionalOnMissingBean
	JwtLoginService mfaJwtLoginService(JwtTokenService tokens, RefreshTokenService refreshTokenService,
			RefreshTokenRepository refreshTokens, PasswordFingerprints passwordFingerprints,
			MfaUserIdResolver userIdResolver, PlatformTransactionManager transactionManager,
			MfaAuditEventPublisher events, ObjectProvider<Clock> clock) {
		return new JwtLoginService(tokens, refreshTokenService, refreshTokens, passwordFingerprints, userIdResolver,
				transactions(transactionManager), events, clock(clock));
	}

	@Bean
	@ConditionalOnMissingBean
	RefreshTokenRevocationListener mfaRefreshTokenRevocationListener(JwtLoginService loginService) {
		return new RefreshTokenRevocationListener(loginService);
	}

}
