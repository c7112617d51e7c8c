package dev.springmfa.autoconfigure;

import java.time.Clock;

import javax.sql.DataSource;

import jakarta.persistence.EntityManager;
import jakarta.persistence.EntityManagerFactory;
import jakarta.validation.Validator;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.json.JsonMapper;

import dev.springmfa.MfaUserIdResolver;
import dev.springmfa.audit.MfaAuditEventPublisher;
import dev.springmfa.audit.MfaAuditLogger;
import dev.springmfa.authentication.MfaChallengeService;
import dev.springmfa.authentication.MfaVerificationService;
import dev.springmfa.authenticator.Authenticator;
import dev.springmfa.authenticator.AuthenticatorRepository;
import dev.springmfa.authenticator.JpaAuthenticatorRepository;
import dev.springmfa.authenticator.LockoutPolicy;
import dev.springmfa.authenticator.SecondFactorVerifier;
import dev.springmfa.authenticator.TotpAuthenticatorService;
import dev.springmfa.config.MfaConfigurer;
import dev.springmfa.crypto.SecretEncryptor;
import dev.springmfa.jwt.JpaRefreshTokenRepository;
import dev.springmfa.jwt.JwtLoginService;
import dev.springmfa.jwt.JwtSigningKeys;
import dev.springmfa.jwt.JwtTokenService;
import dev.springmfa.jwt.RefreshTokenRecord;
import dev.springmfa.jwt.RefreshTokenRepository;
import dev.springmfa.jwt.RefreshTokenRevocationListener;
import dev.springmfa.recovery.RecoveryCodeGenerator;
import dev.springmfa.token.EphemeralTokenRepository;
import dev.springmfa.token.EphemeralTokenUse;
import dev.springmfa.token.JpaEphemeralTokenRepository;
import dev.springmfa.token.MfaTokenService;
import dev.springmfa.totp.TotpGenerator;
import dev.springmfa.totp.TotpSecretGenerator;
import dev.springmfa.web.MfaCurrentUser;
import dev.springmfa.web.MfaExceptionHandler;
import dev.springmfa.web.MfaJsonHttp;
import dev.springmfa.web.MfaStatusController;
import dev.springmfa.web.TotpController;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.autoconfigure.AutoConfigurationPackage;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.flyway.autoconfigure.FlywayAutoConfiguration;
import org.springframework.boot.flyway.autoconfigure.FlywayMigrationInitializer;
import org.springframework.boot.hibernate.autoconfigure.HibernateJpaAutoConfiguration;
import org.springframework.boot.jackson.autoconfigure.JacksonAutoConfiguration;
import org.springframework.boot.jdbc.autoconfigure.DataSourceAutoConfiguration;
import org.springframework.boot.jpa.autoconfigure.EntityManagerFactoryDependsOnPostProcessor;
import org.springframework.boot.security.autoconfigure.SecurityAutoConfiguration;
import org.springframework.boot.security.autoconfigure.UserDetailsServiceAutoConfiguration;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Import;
import org.springframework.core.env.Environment;
import org.springframework.core.io.ResourceLoader;
import org.springframework.orm.jpa.SharedEntityManagerCreator;
import org.springframework.security.config.Customizer;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.annotation.web.configuration.EnableWebSecurity;
import org.springframework.security.core.userdetails.UserDetailsService;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionOperations;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * {@link EnableAutoConfiguration Auto-configuration} of TOTP and recovery-code
 * multi-factor authentication for Spring Security, active with {@code mfa.enabled=true}.
 *
 * @see MfaProperties
 * @see MfaConfigurer
 */
@AutoConfiguration(after = { SecurityAutoConfiguration.class, UserDetailsServiceAutoConfiguration.class,
		DataSourceAutoConfiguration.class, HibernateJpaAutoConfiguration.class, FlywayAutoConfiguration.class,
		JacksonAutoConfiguration.class },
		afterName = "org.springframework.boot.validation.autoconfigure.ValidationAutoConfiguration")
@ConditionalOnClass({ EnableWebSecurity.class, EntityManagerFactory.class, TotpGenerator.class })
@ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.SERVLET)
@ConditionalOnBooleanProperty("mfa.enabled")
@EnableConfigurationProperties(MfaProperties.class)
@AutoConfigurationPackage(basePackageClasses = { Authenticator.class, EphemeralTokenUse.class, RefreshTokenRecord.class })
@Import({ MfaAutoConfiguration.CoreConfiguration.class, MfaAutoConfiguration.PersistenceConfiguration.class,
		MfaAutoConfiguration.SchemaMigrationConfiguration.class, MfaAutoConfiguration.JwtConfiguration.class,
		MfaAutoConfiguration.WebConfiguration.class })
public final class MfaAutoConfiguration {

	// Every signing key is derived from this, one per kind of token.
	private static byte[] keyMaterial(MfaProperties properties) {
		byte[] signingKey = MfaPropertiesValidator.signingKey(properties);
		return (signingKey != null) ? signingKey : MfaPropertiesValidator.encryptionKey(properties);
	}

	@Configuration(proxyBeanMethods = false)
	static class CoreConfiguration {

		@Bean
		@ConditionalOnMissingBean
		SecretEncryptor mfaSecretEncryptor(MfaProperties properties) {
			MfaPropertiesValidator.validate(properties);
			return new SecretEncryptor(MfaPropertiesValidator.encryptionKey(properties),
					MfaPropertiesValidator.previousEncryptionKeys(properties));
		}

		@Bean
		@ConditionalOnMissingBean
		Clock mfaClock() {
			return Clock.systemUTC();
		}

		@Bean
		@ConditionalOnMissingBean
		TotpGenerator mfaTotpGenerator(MfaProperties properties) {
			MfaProperties.Totp totp = properties.getTotp();
			return new TotpGenerator(totp.getAlgorithm(), totp.getDigits(), totp.getPeriod(),
					totp.getAllowedDriftSteps());
		}

		@Bean
		@ConditionalOnMissingBean
		TotpSecretGenerator mfaTotpSecretGenerator(MfaProperties properties) {
			return new TotpSecretGenerator(properties.getTotp().getAlgorithm());
		}

		@Bean
		@ConditionalOnMissingBean
		RecoveryCodeGenerator mfaRecoveryCodeGenerator() {
			return new RecoveryCodeGenerator();
		}

		@Bean
		@ConditionalOnMissingBean
		LockoutPolicy mfaLockoutPolicy(MfaProperties properties) {
			MfaProperties.Lockout lockout = properties.getLockout();
			return new LockoutPolicy(lockout.getMaxAttempts(), lockout.getDuration(),
					lockout.getMaxConsecutiveFailures());
		}

		@Bean
		@ConditionalOnMissingBean
		MfaTokenService mfaTokenService(MfaProperties properties, SecretEncryptor encryptor, Clock clock) {
			return new MfaTokenService(keyMaterial(properties), encryptor, properties.getEphemeralToken().getTtl(),
					properties.getActivationToken().getTtl(), clock);
		}

		@Bean
		@ConditionalOnMissingBean
		MfaUserIdResolver mfaUserIdResolver() {
			return MfaUserIdResolver.byName();
		}

		@Bean
		@ConditionalOnMissingBean
		MfaAuditEventPublisher mfaAuditEventPublisher(ApplicationEventPublisher publisher, Clock clock) {
			return new MfaAuditEventPublisher(publisher, clock);
		}

		@Bean
		@ConditionalOnMissingBean
		MfaAuditLogger mfaAuditLogger() {
			return new MfaAuditLogger();
		}

		@Bean
		@ConditionalOnMissingBean(name = "mfaTransactionOperations")
		TransactionOperations mfaTransactionOperations(PlatformTransactionManager transactionManager) {
			return new TransactionTemplate(transactionManager);
		}

		@Bean
		@ConditionalOnMissingBean
		SecondFactorVerifier mfaSecondFactorVerifier(AuthenticatorRepository authenticators,
				SecretEncryptor encryptor, TotpGenerator totp, LockoutPolicy lockoutPolicy,
				TransactionOperations mfaTransactionOperations, Clock clock, MfaAuditEventPublisher events) {
			return new SecondFactorVerifier(authenticators, encryptor, totp, lockoutPolicy, mfaTransactionOperations,
					clock, events);
		}

		@Bean
		@ConditionalOnMissingBean
		TotpAuthenticatorService mfaTotpAuthenticatorService(MfaProperties properties, Environment environment,
				AuthenticatorRepository authenticators, SecondFactorVerifier verifier, MfaTokenService tokens,
				SecretEncryptor encryptor, TotpGenerator totp, TotpSecretGenerator secrets,
				RecoveryCodeGenerator recoveryCodes, TransactionOperations mfaTransactionOperations,
				MfaAuditEventPublisher events, Clock clock) {
			String issuer = properties.getTotp().getIssuer();
			if (issuer == null || issuer.isBlank()) {
				issuer = environment.getProperty("spring.application.name", "Spring");
			}
			return new TotpAuthenticatorService(authenticators, verifier, tokens, encryptor, totp, secrets,
					recoveryCodes,
					new TotpAuthenticatorService.Settings(issuer, properties.getRecoveryCodes().getCount()),
					mfaTransactionOperations, events, clock);
		}

		@Bean
		@ConditionalOnMissingBean
		MfaChallengeService mfaChallengeService(TotpAuthenticatorService authenticators, MfaTokenService tokens,
				EphemeralTokenRepository tokenUses, ObjectProvider<UserDetailsService> userDetailsService,
				MfaUserIdResolver userIdResolver, TransactionOperations mfaTransactionOperations,
				MfaAuditEventPublisher events, Clock clock) {
			return new MfaChallengeService(authenticators, tokens, tokenUses, requireUserDetailsService(userDetailsService),
					userIdResolver, mfaTransactionOperations, events, clock);
		}

		@Bean
		@ConditionalOnMissingBean
		MfaVerificationService mfaVerificationService(MfaProperties properties, MfaTokenService tokens,
				EphemeralTokenRepository tokenUses, AuthenticatorRepository authenticators,
				SecondFactorVerifier verifier, ObjectProvider<UserDetailsService> userDetailsService,
				TransactionOperations mfaTransactionOperations, MfaAuditEventPublisher events, Clock clock) {
			return new MfaVerificationService(tokens, tokenUses, authenticators, verifier,
					requireUserDetailsService(userDetailsService), mfaTransactionOperations, events,
					properties.getLockout().getMaxAttempts(), clock);
		}

		static UserDetailsService requireUserDetailsService(ObjectProvider<UserDetailsService> provider) {
			UserDetailsService userDetailsService = provider.getIfUnique();
			if (userDetailsService == null) {
				throw new MfaConfigurationException("mfa.enabled",
						"the second login step needs exactly one UserDetailsService bean to load the user again",
						"Define a single UserDetailsService bean (for example a JdbcUserDetailsManager), or mark one @Primary.");
			}
			return userDetailsService;
		}

	}

	@Configuration(proxyBeanMethods = false)
	static class PersistenceConfiguration {

		@Bean
		@ConditionalOnMissingBean
		AuthenticatorRepository mfaAuthenticatorRepository(EntityManagerFactory entityManagerFactory) {
			return new JpaAuthenticatorRepository(sharedEntityManager(entityManagerFactory));
		}

		@Bean
		@ConditionalOnMissingBean
		EphemeralTokenRepository mfaEphemeralTokenRepository(EntityManagerFactory entityManagerFactory) {
			return new JpaEphemeralTokenRepository(sharedEntityManager(entityManagerFactory));
		}

		private static EntityManager sharedEntityManager(EntityManagerFactory entityManagerFactory) {
			return SharedEntityManagerCreator.createSharedEntityManager(entityManagerFactory);
		}

	}

	@Configuration(proxyBeanMethods = false)
	@ConditionalOnBooleanProperty(name = "mfa.schema.migrate", matchIfMissing = true)
	static class SchemaMigrationConfiguration {

		@Bean
		@ConditionalOnMissingBean
		MfaSchemaMigration mfaSchemaMigration(DataSource dataSource, MfaProperties properties,
				ObjectProvider<FlywayMigrationInitializer> applicationMigrations) {
			// The application's own migrations first: its Flyway refuses a non-empty
			// schema without its history table.
			applicationMigrations.orderedStream().forEach((initializer) -> {
			});
			return new MfaSchemaMigration(dataSource, properties.getSchema().getHistoryTable());
		}

		@Bean
		static EntityManagerFactoryDependsOnPostProcessor mfaSchemaMigrationEntityManagerFactoryDependsOn() {
			return new EntityManagerFactoryDependsOnPostProcessor(MfaSchemaMigration.class);
		}

	}

	@Configuration(proxyBeanMethods = false)
	@ConditionalOnProperty(name = "mfa.login.mode", havingValue = "jwt")
	static class JwtConfiguration {

		@Bean
		@ConditionalOnMissingBean
		JwtTokenService mfaJwtTokenService(MfaProperties properties, Environment environment,
				ResourceLoader resourceLoader, Clock clock) {
			MfaPropertiesValidator.validateJwt(properties);
			MfaProperties.Jwt jwt = properties.getJwt();
			byte[] keyMaterial = keyMaterial(properties);
			JwtSigningKeys keyPair = MfaPropertiesValidator.jwtKeyPair(properties, resourceLoader);
			JwtSigningKeys accessTokenKeys = (keyPair != null) ? keyPair
					: JwtSigningKeys.hmac(keyMaterial, "mfa-access-token");
			String issuer = orDefault(jwt.getIssuer(), environment.getProperty("spring.application.name", "mfa"));
			return new JwtTokenService(accessTokenKeys, JwtSigningKeys.hmac(keyMaterial, "mfa-refresh-token"),
					new JwtTokenService.Settings(issuer, orDefault(jwt.getAudience(), issuer),
							orDefault(jwt.getClientId(), issuer), jwt.getAccessTokenTtl(), jwt.getRefreshTokenTtl()),
					clock);
		}

		private static String orDefault(@Nullable String value, String defaultValue) {
			return (value != null && !value.isBlank()) ? value : defaultValue;
		}

		@Bean
		@ConditionalOnMissingBean
		RefreshTokenRepository mfaRefreshTokenRepository(EntityManagerFactory entityManagerFactory) {
			return new JpaRefreshTokenRepository(
					SharedEntityManagerCreator.createSharedEntityManager(entityManagerFactory));
		}

		@Bean
		@ConditionalOnMissingBean
		JwtLoginService mfaJwtLoginService(JwtTokenService tokens, RefreshTokenRepository refreshTokens,
				MfaTokenService passwordFingerprints, ObjectProvider<UserDetailsService> userDetailsService,
				MfaUserIdResolver userIdResolver, TransactionOperations mfaTransactionOperations,
				MfaAuditEventPublisher events, Clock clock) {
			return new JwtLoginService(tokens, refreshTokens, passwordFingerprints,
					CoreConfiguration.requireUserDetailsService(userDetailsService), userIdResolver,
					mfaTransactionOperations, events, clock);
		}

		@Bean
		@ConditionalOnMissingBean
		RefreshTokenRevocationListener mfaRefreshTokenRevocationListener(JwtLoginService loginService) {
			return new RefreshTokenRevocationListener(loginService);
		}

	}

	@Configuration(proxyBeanMethods = false)
	static class WebConfiguration {

		@Bean
		@ConditionalOnMissingBean
		MfaJsonHttp mfaJsonHttp(ObjectProvider<JsonMapper> jsonMapper, Validator validator, MfaProperties properties) {
			return new MfaJsonHttp(jsonMapper.getIfAvailable(JsonMapper::new), validator,
					properties.getMaxRequestSize().toBytes());
		}

		@Bean
		@ConditionalOnMissingBean
		MfaCurrentUser mfaCurrentUser(MfaUserIdResolver userIdResolver) {
			return new MfaCurrentUser(userIdResolver);
		}

		@Bean
		@ConditionalOnMissingBean
		TotpController mfaTotpController(TotpAuthenticatorService service, MfaCurrentUser currentUser) {
			return new TotpController(service, currentUser);
		}

		@Bean
		@ConditionalOnMissingBean
		MfaStatusController mfaStatusController(TotpAuthenticatorService service, MfaCurrentUser currentUser) {
			return new MfaStatusController(service, currentUser);
		}

		@Bean
		@ConditionalOnMissingBean
		MfaExceptionHandler mfaExceptionHandler() {
			return new MfaExceptionHandler();
		}

		@Bean
		@ConditionalOnMissingBean(name = "mfaHttpSecurityCustomizer")
		Customizer<HttpSecurity> mfaHttpSecurityCustomizer() {
			return (http) -> http.with(MfaConfigurer.mfa(), Customizer.withDefaults());
		}

	}

}
