package dev.springmfa.autoconfigure;

import java.time.Clock;
import java.util.function.Supplier;

import javax.sql.DataSource;

import jakarta.persistence.EntityManager;
import jakarta.persistence.EntityManagerFactory;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.validation.Validator;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.json.JsonMapper;

import dev.springmfa.MfaUserIdResolver;
import dev.springmfa.audit.MfaAuditEventPublisher;
import dev.springmfa.audit.MfaAuditLogger;
import dev.springmfa.authentication.MfaChallengeService;
import dev.springmfa.authentication.MfaUserStore;
import dev.springmfa.authentication.MfaVerificationService;
import dev.springmfa.authenticator.AuthenticatorRepository;
import dev.springmfa.authenticator.JpaAuthenticatorRepository;
import dev.springmfa.authenticator.LockoutPolicy;
import dev.springmfa.authenticator.SecondFactorVerifier;
import dev.springmfa.authenticator.TotpAuthenticatorService;
import dev.springmfa.authorization.MfaAuthorizationManagers;
import dev.springmfa.authorization.MfaEnrollment;
import dev.springmfa.config.MfaConfigurer;
import dev.springmfa.config.MfaEndpoints;
import dev.springmfa.crypto.SecretEncryptor;
import dev.springmfa.jwt.JpaRefreshTokenRepository;
import dev.springmfa.jwt.JwtLoginService;
import dev.springmfa.jwt.JwtSigningKeys;
import dev.springmfa.jwt.JwtTokenService;
import dev.springmfa.jwt.RefreshTokenRepository;
import dev.springmfa.jwt.RefreshTokenRevocationListener;
import dev.springmfa.recovery.RecoveryCodeGenerator;
import dev.springmfa.token.EphemeralTokenRepository;
import dev.springmfa.token.JpaEphemeralTokenRepository;
import dev.springmfa.token.MfaTokenService;
import dev.springmfa.totp.TotpGenerator;
import dev.springmfa.totp.TotpSecretGenerator;
import dev.springmfa.web.HttpSessionRegistry;
import dev.springmfa.web.MfaCurrentUser;
import dev.springmfa.web.MfaExceptionHandler;
import dev.springmfa.web.MfaFallbackController;
import dev.springmfa.web.MfaJsonHttp;
import dev.springmfa.web.MfaLoginUpgrade;
import dev.springmfa.web.MfaSessions;
import dev.springmfa.web.MfaStatusController;
import dev.springmfa.web.SpringSessionRegistry;
import dev.springmfa.web.TotpController;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.SmartInitializingSingleton;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.flyway.autoconfigure.FlywayMigrationInitializer;
import org.springframework.boot.hibernate.autoconfigure.HibernateJpaAutoConfiguration;
import org.springframework.boot.jackson.autoconfigure.JacksonAutoConfiguration;
import org.springframework.boot.jdbc.autoconfigure.DataSourceAutoConfiguration;
import org.springframework.boot.jpa.autoconfigure.EntityManagerFactoryDependsOnPostProcessor;
import org.springframework.boot.security.autoconfigure.SecurityAutoConfiguration;
import org.springframework.boot.security.autoconfigure.UserDetailsServiceAutoConfiguration;
import org.springframework.context.ApplicationContext;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Import;
import org.springframework.core.env.Environment;
import org.springframework.core.io.ResourceLoader;
import org.springframework.orm.jpa.SharedEntityManagerCreator;
import org.springframework.security.access.hierarchicalroles.NullRoleHierarchy;
import org.springframework.security.access.hierarchicalroles.RoleHierarchy;
import org.springframework.security.authorization.AuthorizationManagerFactory;
import org.springframework.security.authorization.DefaultAuthorizationManagerFactory;
import org.springframework.security.config.Customizer;
import org.springframework.security.config.core.GrantedAuthorityDefaults;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.annotation.web.configuration.EnableWebSecurity;
import org.springframework.security.core.Authentication;
import org.springframework.session.FindByIndexNameSessionRepository;
import org.springframework.session.SessionRepository;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionOperations;
import org.springframework.transaction.support.TransactionTemplate;
import org.springframework.util.function.SingletonSupplier;

/**
 * {@link EnableAutoConfiguration Auto-configuration} of TOTP and recovery-code
 * multi-factor authentication for Spring Security, active with {@code mfa.enabled=true}.
 *
 * @see MfaProperties
 * @see MfaConfigurer
 */
@AutoConfiguration(after = { SecurityAutoConfiguration.class, UserDetailsServiceAutoConfiguration.class,
		DataSourceAutoConfiguration.class, HibernateJpaAutoConfiguration.class, JacksonAutoConfiguration.class },
		afterName = { "org.springframework.boot.validation.autoconfigure.ValidationAutoConfiguration",
				"org.springframework.boot.flyway.autoconfigure.FlywayAutoConfiguration",
				"org.springframework.boot.liquibase.autoconfigure.LiquibaseAutoConfiguration",
				"org.springframework.boot.session.autoconfigure.SessionAutoConfiguration" })
@ConditionalOnClass({ EnableWebSecurity.class, EntityManagerFactory.class, TotpGenerator.class })
@ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.SERVLET)
@ConditionalOnBooleanProperty("mfa.enabled")
@EnableConfigurationProperties(MfaProperties.class)
@Import({ MfaAutoConfiguration.SpringSessionConfiguration.class,
		MfaAutoConfiguration.ApplicationMigrationsConfiguration.class, MfaAutoConfiguration.CoreConfiguration.class, MfaAutoConfiguration.PersistenceConfiguration.class,
		MfaAutoConfiguration.SchemaMigrationConfiguration.class, MfaAutoConfiguration.JwtConfiguration.class,
		MfaAutoConfiguration.AuthorizationConfiguration.class, MfaAutoConfiguration.WebConfiguration.class })
public final class MfaAutoConfiguration {

	// The application's clock where it has one (tests move it); the starter registers
	// none, so that it does not hand the application a general-purpose bean.
	static Clock clock(ObjectProvider<Clock> clock) {
		return clock.getIfUnique(Clock::systemUTC);
	}

	// Programmatic transactions on the application's transaction manager, built here
	// rather than registered: a TransactionOperations bean would make Spring Boot's
	// transactionTemplate back off.
	static TransactionOperations transactions(PlatformTransactionManager transactionManager) {
		return new TransactionTemplate(transactionManager);
	}

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
		MfaTokenService mfaTokenService(MfaProperties properties, SecretEncryptor encryptor,
				ObjectProvider<Clock> clock) {
			return new MfaTokenService(keyMaterial(properties), encryptor, properties.getEphemeralToken().getTtl(),
					properties.getActivationToken().getTtl(), clock(clock));
		}

		@Bean
		@ConditionalOnMissingBean
		MfaUserIdResolver mfaUserIdResolver() {
			return MfaUserIdResolver.byName();
		}

		@Bean
		@ConditionalOnMissingBean
		MfaAuditEventPublisher mfaAuditEventPublisher(ApplicationEventPublisher publisher,
				ObjectProvider<Clock> clock) {
			return new MfaAuditEventPublisher(publisher, clock(clock));
		}

		@Bean
		@ConditionalOnMissingBean
		MfaAuditLogger mfaAuditLogger() {
			return new MfaAuditLogger();
		}

		@Bean
		@ConditionalOnMissingBean
		SecondFactorVerifier mfaSecondFactorVerifier(AuthenticatorRepository authenticators,
				SecretEncryptor encryptor, TotpGenerator totp, LockoutPolicy lockoutPolicy,
				PlatformTransactionManager transactionManager, ObjectProvider<Clock> clock,
				MfaAuditEventPublisher events) {
			return new SecondFactorVerifier(authenticators, encryptor, totp, lockoutPolicy,
					transactions(transactionManager), clock(clock), events);
		}

		@Bean
		@ConditionalOnMissingBean
		TotpAuthenticatorService mfaTotpAuthenticatorService(MfaProperties properties, Environment environment,
				AuthenticatorRepository authenticators, SecondFactorVerifier verifier, MfaTokenService tokens,
				SecretEncryptor encryptor, TotpGenerator totp, TotpSecretGenerator secrets,
				RecoveryCodeGenerator recoveryCodes, PlatformTransactionManager transactionManager,
				MfaAuditEventPublisher events, ObjectProvider<Clock> clock) {
			String issuer = properties.getTotp().getIssuer();
			if (issuer == null || issuer.isBlank()) {
				issuer = environment.getProperty("spring.application.name", "Spring");
			}
			return new TotpAuthenticatorService(authenticators, verifier, tokens, encryptor, totp, secrets,
					recoveryCodes,
					new TotpAuthenticatorService.Settings(issuer, properties.getRecoveryCodes().getCount()),
					transactions(transactionManager), events, clock(clock));
		}

		@Bean
		@ConditionalOnMissingBean
		MfaUserStore mfaUserStore(ApplicationContext context) {
			return new MfaUserStore(() -> MfaUserStores.find(context));
		}

		@Bean
		@ConditionalOnMissingBean
		MfaChallengeService mfaChallengeService(TotpAuthenticatorService authenticators, MfaTokenService tokens,
				EphemeralTokenRepository tokenUses, MfaUserStore users, MfaUserIdResolver userIdResolver,
				PlatformTransactionManager transactionManager, MfaAuditEventPublisher events,
				ObjectProvider<Clock> clock) {
			return new MfaChallengeService(authenticators, tokens, tokenUses, users.asUserDetailsService(),
					userIdResolver, transactions(transactionManager), events, clock(clock));
		}

		@Bean
		@ConditionalOnMissingBean
		MfaVerificationService mfaVerificationService(MfaProperties properties, MfaTokenService tokens,
				EphemeralTokenRepository tokenUses, AuthenticatorRepository authenticators,
				SecondFactorVerifier verifier, MfaUserStore users, PlatformTransactionManager transactionManager,
				MfaAuditEventPublisher events, ObjectProvider<Clock> clock) {
			return new MfaVerificationService(tokens, tokenUses, authenticators, verifier,
					users.asUserDetailsService(), transactions(transactionManager), events,
					properties.getLockout().getMaxAttempts(), clock(clock));
		}

		// Finds the store at the start, so that a missing one stops it.
		@Bean
		static SmartInitializingSingleton mfaUserStoreCheck(ObjectProvider<MfaUserStore> users) {
			return () -> users.ifAvailable(MfaUserStore::userDetailsService);
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

		@Bean
		static MfaManagedTypes mfaManagedTypes() {
			return new MfaManagedTypes();
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
				ObjectProvider<ApplicationMigrations> applicationMigrations) {
			// The application's own migrations first: its Flyway refuses a non-empty
			// schema without its history table.
			applicationMigrations.ifAvailable((migrations) -> migrations.await().run());
			return new MfaSchemaMigration(dataSource, properties.getSchema().getHistoryTable());
		}

		@Bean
		static EntityManagerFactoryDependsOnPostProcessor mfaSchemaMigrationEntityManagerFactoryDependsOn() {
			return new EntityManagerFactoryDependsOnPostProcessor(MfaSchemaMigration.class);
		}

	}

	// Only where the application runs Spring Boot's Flyway auto-configuration: the
	// starter brings Flyway's core but not that.
	@Configuration(proxyBeanMethods = false)
	@ConditionalOnClass(FlywayMigrationInitializer.class)
	static class ApplicationMigrationsConfiguration {

		@Bean
		ApplicationMigrations mfaApplicationMigrations(ObjectProvider<FlywayMigrationInitializer> initializers) {
			return new ApplicationMigrations(() -> initializers.orderedStream().forEach((initializer) -> {
			}));
		}

	}

	// Runs the application's Flyway migrations, where it has them, by asking for their
	// initializers.
	record ApplicationMigrations(Runnable await) {

	}

	@Configuration(proxyBeanMethods = false)
	@ConditionalOnProperty(name = "mfa.login.mode", havingValue = "jwt")
	static class JwtConfiguration {

		@Bean
		@ConditionalOnMissingBean
		JwtTokenService mfaJwtTokenService(MfaProperties properties, Environment environment,
				ResourceLoader resourceLoader, ObjectProvider<Clock> clock) {
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
					clock(clock));
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
				MfaTokenService passwordFingerprints, MfaUserStore users, MfaUserIdResolver userIdResolver,
				PlatformTransactionManager transactionManager, MfaAuditEventPublisher events,
				ObjectProvider<Clock> clock) {
			return new JwtLoginService(tokens, refreshTokens, passwordFingerprints, users.asUserDetailsService(),
					userIdResolver, transactions(transactionManager), events, clock(clock));
		}

		@Bean
		@ConditionalOnMissingBean
		RefreshTokenRevocationListener mfaRefreshTokenRevocationListener(JwtLoginService loginService) {
			return new RefreshTokenRevocationListener(loginService);
		}

	}

	@Configuration(proxyBeanMethods = false)
	static class AuthorizationConfiguration {

		@Bean
		@ConditionalOnMissingBean
		MfaEnrollment mfaEnrollment(TotpAuthenticatorService authenticators, MfaUserIdResolver userIdResolver) {
			return new MfaEnrollment(authenticators::isEnabled, userIdResolver);
		}

		// Raw, as Spring Security's own @EnableMultiFactorAuthentication declares it, so
		// that request and method security both find it.
		@Bean
		@ConditionalOnMissingBean(AuthorizationManagerFactory.class)
		@SuppressWarnings("rawtypes")
		DefaultAuthorizationManagerFactory mfaAuthorizationManagerFactory(MfaEnrollment enrollment,
				ObjectProvider<RoleHierarchy> roleHierarchy, ObjectProvider<GrantedAuthorityDefaults> authorityDefaults) {
			GrantedAuthorityDefaults defaults = authorityDefaults.getIfAvailable();
			return MfaAuthorizationManagers.factory(enrollment, roleHierarchy.getIfAvailable(NullRoleHierarchy::new),
					(defaults != null) ? defaults.getRolePrefix() : "ROLE_");
		}

	}

	@Configuration(proxyBeanMethods = false)
	static class WebConfiguration {

		@Bean
		@ConditionalOnMissingBean
		MfaEndpoints mfaEndpoints(MfaProperties properties) {
			return new MfaEndpoints(properties.getBasePath(),
					properties.getLogin().getMode() == MfaProperties.LoginMode.JWT,
					properties.getMaxRequestSize().toBytes());
		}

		@Bean
		@ConditionalOnMissingBean
		MfaJsonHttp mfaJsonHttp(ObjectProvider<JsonMapper> jsonMapper, Validator validator, MfaProperties properties) {
			return new MfaJsonHttp(jsonMapper.getIfAvailable(JsonMapper::new), validator,
					properties.getMaxRequestSize().toBytes());
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
		TotpController mfaTotpController(TotpAuthenticatorService service, MfaCurrentUser currentUser,
				MfaLoginUpgrade loginUpgrade) {
			return new TotpController(service, currentUser, loginUpgrade);
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
		MfaExceptionHandler mfaExceptionHandler() {
			return new MfaExceptionHandler();
		}

		@Bean
		@ConditionalOnMissingBean(name = "mfaHttpSecurityCustomizer")
		Customizer<HttpSecurity> mfaHttpSecurityCustomizer() {
			return (http) -> http.with(MfaConfigurer.mfa(), Customizer.withDefaults());
		}

	}

	@Configuration(proxyBeanMethods = false)
	@ConditionalOnClass(FindByIndexNameSessionRepository.class)
	static class SpringSessionConfiguration {

		// Spring Session's repository where the application has one, else the
		// container's sessions; looked up on first use, once every bean is there.
		@Bean
		@ConditionalOnMissingBean
		MfaSessions mfaSessions(ObjectProvider<FindByIndexNameSessionRepository<?>> repository) {
			return new LazyMfaSessions(SingletonSupplier.of(() -> {
				FindByIndexNameSessionRepository<?> sessions = repository.getIfUnique();
				return (sessions != null) ? new SpringSessionRegistry(sessions) : new HttpSessionRegistry();
			}));
		}

		// Turning MFA on must end the user's other sessions, and Spring Session finds them
		// only through its index by principal; the container's sessions are not there.
		@Bean
		static SmartInitializingSingleton mfaIndexedSessionsCheck(ObjectProvider<SessionRepository<?>> repository) {
			return () -> {
				SessionRepository<?> sessions = repository.getIfUnique();
				if (sessions != null && !(sessions instanceof FindByIndexNameSessionRepository)) {
					throw new MfaConfigurationException("mfa.enabled",
							"needs Spring Session to index sessions by user, so that turning MFA on ends the user's "
									+ "other sessions, and " + sessions.getClass().getSimpleName() + " does not",
							"With Spring Session Redis set spring.session.data.redis.repository-type=indexed; "
									+ "otherwise use a FindByIndexNameSessionRepository such as JDBC's.");
				}
			};
		}

	}

	private record LazyMfaSessions(Supplier<MfaSessions> sessions) implements MfaSessions {

		@Override
		public void register(HttpServletRequest request, Authentication authentication) {
			this.sessions.get().register(request, authentication);
		}

		@Override
		public void endOtherSessions(String username, HttpServletRequest request) {
			this.sessions.get().endOtherSessions(username, request);
		}

	}

}
