package dev.springmfa.autoconfigure;

import java.time.Clock;
import java.util.List;

import dev.springmfa.MfaUserIdResolver;
import dev.springmfa.audit.MfaAuditEventPublisher;
import dev.springmfa.audit.MfaAuditListener;
import dev.springmfa.authentication.MfaChallengeService;
import dev.springmfa.authentication.MfaUserStore;
import dev.springmfa.authentication.MfaVerificationService;
import dev.springmfa.authenticator.ActivationTokenService;
import dev.springmfa.authenticator.AuthenticatorRepository;
import dev.springmfa.authenticator.LockoutPolicy;
import dev.springmfa.authenticator.SecondFactorVerifier;
import dev.springmfa.authenticator.TotpAuthenticatorService;
import dev.springmfa.authenticator.TotpEnrollmentService;
import dev.springmfa.authenticator.TotpSupportDeskService;
import dev.springmfa.crypto.SecretEncryptor;
import dev.springmfa.recovery.RecoveryCodeGenerator;
import dev.springmfa.recovery.RecoveryCodeStorage;
import dev.springmfa.token.MfaTokenService;
import dev.springmfa.token.PasswordFingerprints;
import dev.springmfa.totp.TotpGenerator;
import dev.springmfa.totp.TotpSecretGenerator;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.SmartInitializingSingleton;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.context.ApplicationContext;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.Environment;
import org.springframework.transaction.PlatformTransactionManager;

import static dev.springmfa.autoconfigure.MfaAutoConfiguration.clock;
import static dev.springmfa.autoconfigure.MfaAutoConfiguration.transactions;

/**
 * The second-factor services: codes, tokens, authenticators and the user store.
 */
@Configuration(proxyBeanMethods = false)
class MfaCoreConfiguration {

	@Bean
	@ConditionalOnMissingBean
	SecretEncryptor mfaSecretEncryptor(MfaProperties properties) {
		MfaKeys keys = properties.keys();
		return SecretEncryptor.aesGcm(keys.encryptionKey(), keys.previousEncryptionKeys());
	}

	@Bean
	@ConditionalOnMissingBean
	TotpGenerator mfaTotpGenerator(MfaProperties properties) {
		MfaProperties.Totp totp = properties.getTotp();
		return new TotpGenerator(totp.getAlgorithm(), totp.getDigits(), totp.getPeriod(), totp.getAllowedDriftSteps());
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
	RecoveryCodeStorage mfaRecoveryCodeStorage(MfaProperties properties, RecoveryCodeGenerator generator,
			SecretEncryptor encryptor) {
		List<byte[]> hashKeys = properties.keys().recoveryCodeHashKeys();
		return new RecoveryCodeStorage(properties.getRecoveryCodes().getStorage(), generator, encryptor,
				hashKeys.get(0), hashKeys.subList(1, hashKeys.size()));
	}

	@Bean
	@ConditionalOnMissingBean
	LockoutPolicy mfaLockoutPolicy(MfaProperties properties) {
		MfaProperties.Lockout lockout = properties.getLockout();
		return LockoutPolicy.exponential(lockout.getMaxAttempts(), lockout.getDuration(),
				lockout.getMaxConsecutiveFailures());
	}

	@Bean
	@ConditionalOnMissingBean
	MfaTokenService mfaTokenService(MfaProperties properties, ObjectProvider<Clock> clock) {
		return new MfaTokenService(properties.keys().keyMaterial(), properties.getEphemeralToken().getTtl(),
				clock(clock));
	}

	@Bean
	@ConditionalOnMissingBean
	ActivationTokenService mfaActivationTokenService(MfaProperties properties, SecretEncryptor encryptor,
			ObjectProvider<Clock> clock) {
		return new ActivationTokenService(properties.keys().keyMaterial(), encryptor,
				properties.getActivationToken().getTtl(), clock(clock));
	}

	@Bean
	@ConditionalOnMissingBean
	PasswordFingerprints mfaPasswordFingerprints(MfaProperties properties, MfaUserStore users) {
		return new PasswordFingerprints(properties.keys().keyMaterial(), users.asUserDetailsService());
	}

	@Bean
	@ConditionalOnMissingBean
	MfaUserIdResolver mfaUserIdResolver() {
		return MfaUserIdResolver.byName();
	}

	@Bean
	@ConditionalOnMissingBean
	MfaAuditEventPublisher mfaAuditEventPublisher(ApplicationEventPublisher publisher, ObjectProvider<Clock> clock) {
		return new MfaAuditEventPublisher(publisher, clock(clock));
	}

	@Bean
	@ConditionalOnMissingBean
	MfaAuditListener mfaAuditListener() {
		return MfaAuditListener.logging();
	}

	@Bean
	@ConditionalOnMissingBean
	SecondFactorVerifier mfaSecondFactorVerifier(AuthenticatorRepository authenticators, SecretEncryptor encryptor,
			RecoveryCodeStorage recoveryCodes, TotpGenerator totp, LockoutPolicy lockoutPolicy,
			ObjectProvider<Clock> clock, MfaAuditEventPublisher events) {
		return new SecondFactorVerifier(authenticators, encryptor, recoveryCodes, totp, lockoutPolicy, clock(clock),
				events);
	}

	@Bean
	@ConditionalOnMissingBean
	TotpEnrollmentService mfaTotpEnrollmentService(MfaProperties properties, Environment environment,
			AuthenticatorRepository authenticators, ActivationTokenService activationTokens, SecretEncryptor encryptor,
			TotpGenerator totp, TotpSecretGenerator secrets, RecoveryCodeStorage recoveryCodes,
			PlatformTransactionManager transactionManager, MfaAuditEventPublisher events, ObjectProvider<Clock> clock) {
		String issuer = properties.getTotp().getIssuer();
		if (issuer == null || issuer.isBlank()) {
			issuer = environment.getProperty("spring.application.name", "Spring");
		}
		return new TotpEnrollmentService(authenticators, activationTokens, encryptor, totp, secrets, recoveryCodes,
				new TotpEnrollmentService.Settings(issuer, properties.getRecoveryCodes().getCount()),
				transactions(transactionManager), events, clock(clock));
	}

	@Bean
	@ConditionalOnMissingBean
	TotpAuthenticatorService mfaTotpAuthenticatorService(MfaProperties properties,
			AuthenticatorRepository authenticators, SecondFactorVerifier verifier, RecoveryCodeStorage recoveryCodes,
			PlatformTransactionManager transactionManager, MfaAuditEventPublisher events, ObjectProvider<Clock> clock) {
		return new TotpAuthenticatorService(authenticators, verifier, recoveryCodes,
				properties.getRecoveryCodes().getCount(), transactions(transactionManager), events, clock(clock));
	}

	@Bean
	@ConditionalOnMissingBean
	TotpSupportDeskService mfaTotpSupportDeskService(AuthenticatorRepository authenticators,
			PlatformTransactionManager transactionManager, MfaAuditEventPublisher events) {
		return new TotpSupportDeskService(authenticators, transactions(transactionManager), events);
	}

	@Bean
	@ConditionalOnMissingBean
	MfaUserStore mfaUserStore(ApplicationContext context) {
		return new MfaUserStore(() -> MfaUserStores.find(context));
	}

	@Bean
	@ConditionalOnMissingBean
	MfaChallengeService mfaChallengeService(AuthenticatorRepository authenticators, MfaTokenService tokens,
			PasswordFingerprints fingerprints, MfaUserIdResolver userIdResolver,
			PlatformTransactionManager transactionManager, MfaAuditEventPublisher events) {
		return new MfaChallengeService(authenticators, tokens, fingerprints, userIdResolver,
				transactions(transactionManager), events);
	}

	@Bean
	@ConditionalOnMissingBean
	MfaVerificationService mfaVerificationService(MfaProperties properties, MfaTokenService tokens,
			SecondFactorVerifier verifier, PasswordFingerprints fingerprints,
			PlatformTransactionManager transactionManager, MfaAuditEventPublisher events) {
		return new MfaVerificationService(tokens, verifier, fingerprints, transactions(transactionManager), events,
				properties.getLockout().getMaxAttempts());
	}

	// Finds the store at the start, so that a missing one stops it.
	@Bean
	static SmartInitializingSingleton mfaUserStoreCheck(ObjectProvider<MfaUserStore> users) {
		return () -> users.ifAvailable(MfaUserStore::userDetailsService);
	}

}
