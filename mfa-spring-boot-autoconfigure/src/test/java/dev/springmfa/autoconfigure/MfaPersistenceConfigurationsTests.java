package dev.springmfa.autoconfigure;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

import org.junit.jupiter.api.Test;

import dev.springmfa.authenticator.AuthenticatorRepository;
import dev.springmfa.jwt.RefreshToken;
import dev.springmfa.jwt.RefreshTokenRepository;
import org.springframework.boot.test.context.runner.WebApplicationContextRunner;
import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.dao.InvalidDataAccessApiUsageException;
import org.springframework.data.jpa.repository.support.JpaRepositoryFactoryBean;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

import static dev.springmfa.autoconfigure.MfaAutoConfigurationTests.KEY;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * Tests for the Spring Data repositories of {@link MfaPersistenceConfigurations}.
 */
class MfaPersistenceConfigurationsTests {

	private static final Instant NOW = Instant.parse("2026-11-25T10:00:00Z");

	private final WebApplicationContextRunner contextRunner = MfaAutoConfigurationTests.contextRunner()
		.withPropertyValues("mfa.enabled=true", "mfa.login.mode=jwt", KEY);

	@Test
	void registersNoRepositoryFactoryBean() {
		this.contextRunner.run((context) -> assertThat(context).hasNotFailed()
			.doesNotHaveBean(JpaRepositoryFactoryBean.class)
			.hasSingleBean(AuthenticatorRepository.class)
			.hasSingleBean(RefreshTokenRepository.class));
	}

	@Test
	void repositoryWhenCalledOutsideATransactionThenFailsTranslatedRatherThanStartingOne() {
		this.contextRunner.run((context) -> {
			AuthenticatorRepository authenticators = context.getBean(AuthenticatorRepository.class);
			assertThatExceptionOfType(InvalidDataAccessApiUsageException.class)
				.isThrownBy(() -> authenticators.countFailure(1, null));
		});
	}

	@Test
	void saveWhenRefreshTokenIdIsTakenThenFailsRatherThanOverwrites() {
		this.contextRunner.run((context) -> {
			RefreshTokenRepository tokens = context.getBean(RefreshTokenRepository.class);
			TransactionTemplate transactions = new TransactionTemplate(
					context.getBean(PlatformTransactionManager.class));
			RefreshToken token = new RefreshToken(UUID.randomUUID().toString(), UUID.randomUUID().toString(), "alice",
					"alice", null, List.of(), NOW, NOW.plusSeconds(300));
			transactions.executeWithoutResult((status) -> tokens.save(token));
			assertThatExceptionOfType(DataIntegrityViolationException.class)
				.isThrownBy(() -> transactions.executeWithoutResult((status) -> tokens.save(token)));
			Boolean spent = transactions.execute((status) -> tokens.spend(token.id(), NOW));
			assertThat(spent).isTrue();
		});
	}

}
