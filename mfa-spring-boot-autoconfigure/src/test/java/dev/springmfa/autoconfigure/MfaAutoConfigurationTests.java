package dev.springmfa.autoconfigure;

import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import dev.springmfa.audit.MfaAuditEvent;
import dev.springmfa.audit.MfaAuditEventPublisher;
import dev.springmfa.audit.MfaAuditEventType;
import org.springframework.context.ApplicationListener;

import dev.springmfa.authentication.MfaUserStore;
import dev.springmfa.config.MfaConfigurer;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.FilteredClassLoader;
import org.springframework.security.authentication.AuthenticationProvider;
import org.springframework.security.authentication.TestingAuthenticationProvider;
import org.springframework.security.config.Customizer;
import org.springframework.security.config.annotation.authentication.builders.AuthenticationManagerBuilder;
import org.springframework.transaction.support.TransactionOperations;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import dev.springmfa.MfaUserIdResolver;
import dev.springmfa.audit.MfaAuditEventPublisher;
import dev.springmfa.audit.MfaAuditListener;
import dev.springmfa.authenticator.LockoutPolicy;
import dev.springmfa.authenticator.SecondFactorVerifier;
import dev.springmfa.recovery.RecoveryCodeGenerator;
import dev.springmfa.recovery.RecoveryCodeStorage;
import dev.springmfa.totp.TotpSecretGenerator;
import dev.springmfa.web.MfaCurrentUser;
import dev.springmfa.web.MfaExceptionHandler;
import dev.springmfa.web.MfaHttpMessages;
import dev.springmfa.authentication.MfaChallengeService;
import dev.springmfa.authentication.MfaVerificationService;
import dev.springmfa.authenticator.ActivationTokenService;
import dev.springmfa.authenticator.AuthenticatorRepository;
import dev.springmfa.authenticator.TotpAuthenticatorService;
import dev.springmfa.authenticator.TotpEnrollmentService;
import dev.springmfa.authenticator.TotpSupportDeskService;
import dev.springmfa.crypto.SecretEncryptor;
import dev.springmfa.throttle.LoginThrottle;
import dev.springmfa.token.MfaTokenService;
import dev.springmfa.token.PasswordFingerprints;
import dev.springmfa.totp.TotpAlgorithm;
import dev.springmfa.totp.TotpGenerator;
import dev.springmfa.web.MfaProblemResponder;
import dev.springmfa.web.MfaResponseHeadersAdvice;
import dev.springmfa.web.MfaStatusController;
import dev.springmfa.web.TotpController;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.diagnostics.FailureAnalysis;
import org.springframework.boot.flyway.autoconfigure.FlywayAutoConfiguration;
import org.springframework.boot.hibernate.autoconfigure.HibernateJpaAutoConfiguration;
import org.springframework.boot.jackson.autoconfigure.JacksonAutoConfiguration;
import org.springframework.boot.jdbc.autoconfigure.DataSourceAutoConfiguration;
import org.springframework.boot.security.autoconfigure.SecurityAutoConfiguration;
import org.springframework.boot.security.autoconfigure.UserDetailsServiceAutoConfiguration;
import org.springframework.boot.security.autoconfigure.web.servlet.ServletWebSecurityAutoConfiguration;
import org.springframework.boot.test.context.runner.WebApplicationContextRunner;
import org.springframework.boot.transaction.autoconfigure.TransactionAutoConfiguration;
import org.springframework.boot.validation.autoconfigure.ValidationAutoConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.security.core.userdetails.User;
import org.springframework.security.provisioning.InMemoryUserDetailsManager;
import org.springframework.security.web.SecurityFilterChain;

import java.time.Clock;
import java.time.Duration;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.Mockito.mock;

/**
 * Tests for {@link MfaAutoConfiguration} and {@link MfaWebSecurityAutoConfiguration}.
 */
class MfaAutoConfigurationTests {

	static final String KEY = "mfa.encryption.key=gRQP+S3aBi5IVcJfm2QQWhiijs17qGB6P2sy1KAISHw=";

	private final WebApplicationContextRunner contextRunner = contextRunner();

	/**
	 * Return a runner of the auto-configurations an application of the starter has.
	 * @return the runner
	 */
	static WebApplicationContextRunner contextRunner() {
		return runnerWithoutUsers().withUserConfiguration(UsersConfiguration.class);
	}

	static WebApplicationContextRunner runnerWithoutUsers() {
		return new WebApplicationContextRunner()
			.withConfiguration(AutoConfigurations.of(MfaAutoConfiguration.class, MfaWebSecurityAutoConfiguration.class,
					DataSourceAutoConfiguration.class, HibernateJpaAutoConfiguration.class,
					TransactionAutoConfiguration.class, FlywayAutoConfiguration.class, JacksonAutoConfiguration.class,
					ValidationAutoConfiguration.class, SecurityAutoConfiguration.class,
					UserDetailsServiceAutoConfiguration.class, ServletWebSecurityAutoConfiguration.class))
			.withPropertyValues("spring.datasource.url=jdbc:h2:mem:" + UUID.randomUUID());
	}

	@Test
	void addsNothingWhenMfaEnabledIsUnset() {
		this.contextRunner.withPropertyValues(KEY)
			.run((context) -> assertThat(context).hasNotFailed()
				.doesNotHaveBean(MfaTokenService.class)
				.doesNotHaveBean(MfaProperties.class)
				.doesNotHaveBean(MfaSchemaMigration.class)
				.doesNotHaveBean("mfaHttpSecurityCustomizer"));
	}

	@Test
	void addsNothingWhenMfaIsDisabled() {
		this.contextRunner.withPropertyValues("mfa.enabled=false")
			.run((context) -> assertThat(context).hasNotFailed().doesNotHaveBean(TotpAuthenticatorService.class));
	}

	@Test
	void wiresEveryPieceWhenEnabled() {
		this.contextRunner.withPropertyValues("mfa.enabled=true", KEY).run((context) -> {
			assertThat(context).hasNotFailed()
				.hasSingleBean(SecretEncryptor.class)
				.hasSingleBean(TotpGenerator.class)
				.hasSingleBean(MfaTokenService.class)
				.hasSingleBean(ActivationTokenService.class)
				.hasSingleBean(PasswordFingerprints.class)
				.hasSingleBean(AuthenticatorRepository.class)
				.hasSingleBean(TotpEnrollmentService.class)
				.hasSingleBean(TotpAuthenticatorService.class)
				.hasSingleBean(TotpSupportDeskService.class)
				.hasSingleBean(MfaChallengeService.class)
				.hasSingleBean(MfaVerificationService.class)
				.hasSingleBean(MfaSchemaMigration.class)
				.hasSingleBean(TotpController.class)
				.hasSingleBean(MfaStatusController.class)
				.hasBean("mfaHttpSecurityCustomizer")
				.hasBean("mfaSecurityFilterChain");
			assertThat(context.getBean(TotpGenerator.class).digits()).isEqualTo(6);
		});
	}

	@Test
	void appliesTotpProperties() {
		this.contextRunner
			.withPropertyValues("mfa.enabled=true", KEY, "mfa.totp.digits=8", "mfa.totp.algorithm=sha256",
					"mfa.totp.period=60s")
			.run((context) -> {
				TotpGenerator totp = context.getBean(TotpGenerator.class);
				assertThat(totp.digits()).isEqualTo(8);
				assertThat(totp.algorithm()).isEqualTo(TotpAlgorithm.SHA256);
				assertThat(totp.period()).isEqualTo(Duration.ofSeconds(60));
			});
	}

	@ParameterizedTest
	@ValueSource(classes = { SecretEncryptor.class, TotpGenerator.class, TotpSecretGenerator.class,
			RecoveryCodeGenerator.class, LockoutPolicy.class, MfaTokenService.class, ActivationTokenService.class,
			PasswordFingerprints.class, MfaUserIdResolver.class, MfaAuditEventPublisher.class, MfaAuditListener.class,
			SecondFactorVerifier.class, TotpEnrollmentService.class, TotpAuthenticatorService.class,
			TotpSupportDeskService.class, MfaChallengeService.class, MfaVerificationService.class,
			AuthenticatorRepository.class, MfaSchemaMigration.class, MfaHttpMessages.class, MfaProblemResponder.class,
			MfaCurrentUser.class, TotpController.class, MfaStatusController.class, MfaExceptionHandler.class,
			MfaResponseHeadersAdvice.class, RecoveryCodeStorage.class })
	<T> void backsOffWhenUserDefinesBean(Class<T> type) {
		T custom = mock(type);
		this.contextRunner.withPropertyValues("mfa.enabled=true", KEY)
			.withBean("custom", type, () -> custom)
			.run((context) -> {
				assertThat(context).hasNotFailed();
				assertThat(context.getBeansOfType(type)).containsOnlyKeys("custom");
			});
	}

	@Test
	void backsOffWhenUserDefinesTotpGenerator() {
		this.contextRunner.withPropertyValues("mfa.enabled=true", KEY)
			.withBean("customTotp", TotpGenerator.class,
					() -> new TotpGenerator(TotpAlgorithm.SHA512, 8, Duration.ofSeconds(30), 0))
			.run((context) -> assertThat(context).getBean(TotpGenerator.class).isSameAs(context.getBean("customTotp")));
	}

	@Test
	void backsOffWhenUserDefinesUserIdResolver() {
		MfaUserIdResolver resolver = (authentication) -> "id:" + authentication.getName();
		this.contextRunner.withPropertyValues("mfa.enabled=true", KEY)
			.withBean(MfaUserIdResolver.class, () -> resolver)
			.run((context) -> assertThat(context).getBean(MfaUserIdResolver.class).isSameAs(resolver));
	}

	@Test
	void backsOffFromDefaultChainWhenUserDefinesSecurityFilterChain() {
		this.contextRunner.withPropertyValues("mfa.enabled=true", KEY)
			.withUserConfiguration(CustomChainConfiguration.class)
			.run((context) -> assertThat(context).hasNotFailed()
				.doesNotHaveBean("mfaSecurityFilterChain")
				.hasBean("customChain")
				.hasBean("mfaHttpSecurityCustomizer"));
	}

	@Test
	void addsTheLoginThrottleOnlyWhenEnabled() {
		this.contextRunner.withPropertyValues("mfa.enabled=true", KEY)
			.run((context) -> assertThat(context).hasNotFailed().doesNotHaveBean(LoginThrottle.class));
		this.contextRunner.withPropertyValues("mfa.enabled=true", KEY, "mfa.login.throttle.enabled=true")
			.run((context) -> assertThat(context).hasNotFailed().hasSingleBean(LoginThrottle.class));
	}

	@Test
	void skipsMigrationWhenSchemaMigrateIsFalse() {
		this.contextRunner.withPropertyValues("mfa.enabled=true", KEY, "mfa.schema.migrate=false")
			.run((context) -> assertThat(context).hasNotFailed().doesNotHaveBean(MfaSchemaMigration.class));
	}

	@Test
	void failsWithAnalysisWhenEncryptionKeyIsMissing() {
		this.contextRunner.withPropertyValues("mfa.enabled=true").run((context) -> {
			assertThat(context).hasFailed();
			FailureAnalysis analysis = analyze(context.getStartupFailure());
			assertThat(analysis.getDescription()).contains("mfa.encryption.key").contains("is not set");
			assertThat(analysis.getAction()).contains("openssl rand -base64 32");
		});
	}

	@Test
	void failsWithAnalysisWhenEncryptionKeyIsMalformed() {
		this.contextRunner.withPropertyValues("mfa.enabled=true", "mfa.encryption.key=c2hvcnQ=").run((context) -> {
			assertThat(context).hasFailed();
			FailureAnalysis analysis = analyze(context.getStartupFailure());
			assertThat(analysis.getDescription()).contains("mfa.encryption.key").contains("256 bits, got 40");
			assertThat(analysis.getDescription()).doesNotContain("c2hvcnQ=");
		});
	}

	@Test
	void failsWithAnalysisWhenPropertyIsOutOfRange() {
		this.contextRunner.withPropertyValues("mfa.enabled=true", KEY, "mfa.totp.digits=4").run((context) -> {
			assertThat(context).hasFailed();
			assertThat(analyze(context.getStartupFailure()).getDescription()).contains("mfa.totp.digits");
		});
	}

	@Test
	void failsWithAnalysisSayingNotSetWhenKeyPlaceholderDidNotResolve() {
		this.contextRunner.withPropertyValues("mfa.enabled=true", "mfa.encryption.key=${MFA_TEST_UNSET_KEY}")
			.run((context) -> {
				assertThat(context).hasFailed();
				FailureAnalysis analysis = analyze(context.getStartupFailure());
				assertThat(analysis.getDescription()).contains("mfa.encryption.key")
					.contains("is not set")
					.contains("${MFA_TEST_UNSET_KEY}")
					.doesNotContain("base64");
			});
	}

	@Test
	void registersNoGeneralPurposeBeansWhenEnabled() {
		this.contextRunner.withPropertyValues("mfa.enabled=true", KEY).run((context) -> {
			assertThat(context).hasNotFailed().doesNotHaveBean(Clock.class);
			// Boot's own transactionTemplate stays: the starter registers no
			// TransactionOperations.
			assertThat(context.getBeansOfType(TransactionOperations.class)).containsOnlyKeys("transactionTemplate");
		});
	}

	@Test
	void usesTheApplicationsClockWithoutRegisteringOne() {
		Instant now = Instant.parse("2026-01-02T03:04:05Z");
		List<MfaAuditEvent> events = new CopyOnWriteArrayList<>();
		this.contextRunner.withPropertyValues("mfa.enabled=true", KEY)
			.withBean("appClock", Clock.class, () -> Clock.fixed(now, ZoneOffset.UTC))
			.withBean(ApplicationListener.class, () -> (ApplicationListener<MfaAuditEvent>) events::add)
			.run((context) -> {
				assertThat(context.getBeansOfType(Clock.class)).containsOnlyKeys("appClock");
				context.getBean(MfaAuditEventPublisher.class).publish(MfaAuditEventType.LOCKOUT_RESET, "alice");
				assertThat(events).singleElement()
					.satisfies((event) -> assertThat(event.getTimestamp()).isEqualTo(now.toEpochMilli()));
			});
	}

	@Test
	void configurerAddsNothingWhenMfaIsOff() {
		this.contextRunner.withUserConfiguration(ChainWithMfaConfigurer.class)
			.run((context) -> assertThat(context).hasNotFailed().hasBean("chainWithMfa"));
	}

	@Test
	void failsWithAnalysisWhenNoStoreOfUsersIsFound() {
		runnerWithoutUsers().withPropertyValues("mfa.enabled=true", KEY)
			.withUserConfiguration(ProviderWithoutStoreConfiguration.class)
			.run((context) -> {
				assertThat(context).hasFailed();
				FailureAnalysis analysis = analyze(context.getStartupFailure());
				assertThat(analysis.getDescription()).contains("no store of the application's users");
				assertThat(analysis.getAction()).contains("UserDetailsService bean").contains("jdbcAuthentication()");
			});
	}

	@Test
	void reloadsUsersThroughTheAuthenticationManagerBuildersStoreRatherThanBootsGeneratedUser() {
		runnerWithoutUsers().withPropertyValues("mfa.enabled=true", KEY)
			.withUserConfiguration(GlobalBuilderUsersConfiguration.class)
			.run((context) -> {
				assertThat(context).hasNotFailed().hasBean("inMemoryUserDetailsManager");
				assertThat(context.getBean(MfaUserStore.class).loadUserByUsername("carol").getUsername())
					.isEqualTo("carol");
			});
	}

	@Test
	void failsWithAnalysisWhenJpaIsMissing() {
		this.contextRunner.withConfiguration(AutoConfigurations.of(MfaRequirementsAutoConfiguration.class))
			.withClassLoader(new FilteredClassLoader("jakarta.persistence", "org.hibernate"))
			.withPropertyValues("mfa.enabled=true", KEY)
			.run((context) -> {
				assertThat(context).hasFailed();
				FailureAnalysis analysis = analyze(context.getStartupFailure());
				assertThat(analysis.getDescription()).contains("mfa.enabled").contains("needs JPA");
				assertThat(analysis.getAction()).contains("spring-boot-starter-data-jpa");
			});
	}

	@Test
	void failsWithAnalysisNamingTheTableWhenAMigrationFails() throws Exception {
		String url = "jdbc:h2:mem:" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1";
		try (java.sql.Connection connection = java.sql.DriverManager.getConnection(url, "sa", "")) {
			connection.createStatement().execute("create table mfa_recovery_code (id int)");
		}
		this.contextRunner
			.withPropertyValues("spring.datasource.url=" + url, "spring.flyway.enabled=false", "mfa.enabled=true", KEY)
			.run((context) -> {
				assertThat(context).hasFailed();
				FailureAnalysis analysis = analyze(context.getStartupFailure());
				assertThat(analysis.getDescription()).contains("mfa.schema.migrate")
					.containsIgnoringCase("mfa_recovery_code");
				assertThat(analysis.getAction()).contains("rename that table");
			});
	}

	static FailureAnalysis analyze(Throwable failure) {
		FailureAnalysis analysis = new MfaConfigurationFailureAnalyzer().analyze(failure);
		assertThat(analysis).as("analysis of %s", failure).isNotNull();
		return analysis;
	}

	@Configuration(proxyBeanMethods = false)
	static class UsersConfiguration {

		@Bean
		InMemoryUserDetailsManager userDetailsService() {
			return new InMemoryUserDetailsManager(User.withUsername("alice").password("{noop}secret").build());
		}

	}

	@Configuration(proxyBeanMethods = false)
	static class ChainWithMfaConfigurer {

		@Bean
		SecurityFilterChain chainWithMfa(
				org.springframework.security.config.annotation.web.builders.HttpSecurity http) {
			http.authorizeHttpRequests((requests) -> requests.anyRequest().authenticated());
			http.with(MfaConfigurer.mfa(), Customizer.withDefaults());
			return http.build();
		}

	}

	// An application that authenticates through a provider of its own, with no store of
	// users the starter could load them from.
	@Configuration(proxyBeanMethods = false)
	static class ProviderWithoutStoreConfiguration {

		@Bean
		AuthenticationProvider ownProvider() {
			return new TestingAuthenticationProvider();
		}

	}

	// petclinic-rest's way: users from jdbcAuthentication() on the global builder, no
	// UserDetailsService bean, so Boot also generates its in-memory user.
	@Configuration(proxyBeanMethods = false)
	static class GlobalBuilderUsersConfiguration {

		@Autowired
		void configureGlobal(AuthenticationManagerBuilder auth) throws Exception {
			auth.inMemoryAuthentication().withUser("carol").password("{noop}secret").roles("USER");
		}

	}

	@Configuration(proxyBeanMethods = false)
	static class CustomChainConfiguration {

		@Bean
		SecurityFilterChain customChain(org.springframework.security.config.annotation.web.builders.HttpSecurity http) {
			http.authorizeHttpRequests((requests) -> requests.anyRequest().authenticated());
			return http.build();
		}

	}

}
