package dev.springmfa.autoconfigure;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicReference;

import org.junit.jupiter.api.Test;

import dev.springmfa.authenticator.TotpAuthenticatorService;
import dev.springmfa.authenticator.TotpEnrollmentService;
import dev.springmfa.totp.Base32;
import dev.springmfa.totp.TotpGenerator;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.flyway.autoconfigure.FlywayAutoConfiguration;
import org.springframework.boot.hibernate.autoconfigure.HibernateJpaAutoConfiguration;
import org.springframework.boot.jackson.autoconfigure.JacksonAutoConfiguration;
import org.springframework.boot.jdbc.autoconfigure.DataSourceAutoConfiguration;
import org.springframework.boot.security.autoconfigure.SecurityAutoConfiguration;
import org.springframework.boot.security.autoconfigure.web.servlet.ServletWebSecurityAutoConfiguration;
import org.springframework.boot.test.context.runner.WebApplicationContextRunner;
import org.springframework.boot.transaction.autoconfigure.TransactionAutoConfiguration;
import org.springframework.boot.validation.autoconfigure.ValidationAutoConfiguration;
import org.springframework.security.provisioning.InMemoryUserDetailsManager;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;

/**
 * Rows written under one encryption key stay readable after the key is rotated, as long
 * as the old key is listed in {@code mfa.encryption.previous-keys}.
 */
class EncryptionKeyRotationTests {

	private static final String OLD_KEY = "gRQP+S3aBi5IVcJfm2QQWhiijs17qGB6P2sy1KAISHw=";

	private static final String NEW_KEY = "xqh+7qCBiOoQPlcxj6wOn2fZNOEA0JjUGuveQKNalJg=";

	private static final Instant ACTIVATED = Instant.parse("2026-11-25T10:00:00Z");

	private final WebApplicationContextRunner contextRunner = new WebApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(MfaAutoConfiguration.class, DataSourceAutoConfiguration.class,
				HibernateJpaAutoConfiguration.class, TransactionAutoConfiguration.class, FlywayAutoConfiguration.class,
				JacksonAutoConfiguration.class, ValidationAutoConfiguration.class, SecurityAutoConfiguration.class,
				ServletWebSecurityAutoConfiguration.class))
		.withPropertyValues("mfa.enabled=true", "spring.jpa.hibernate.ddl-auto=validate",
				"spring.datasource.url=jdbc:h2:mem:rotation-" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1")
		.withBean(InMemoryUserDetailsManager.class, InMemoryUserDetailsManager::new);

	@Test
	void rotatedKeyWhenOldKeyListedAsPreviousThenOldRowsStayReadable() {
		AtomicReference<byte[]> secret = new AtomicReference<>();
		AtomicReference<List<String>> recoveryCodes = new AtomicReference<>();
		at(ACTIVATED).withPropertyValues("mfa.encryption.key=" + OLD_KEY).run((context) -> {
			TotpEnrollmentService service = context.getBean(TotpEnrollmentService.class);
			TotpEnrollmentService.TotpActivation activation = service.beginActivation("alice", "alice");
			secret.set(Base32.decode(activation.secret()));
			String code = context.getBean(TotpGenerator.class).generate(secret.get(), ACTIVATED);
			recoveryCodes.set(service.confirmActivation("alice", activation.activationToken(), code));
		});
		Instant later = ACTIVATED.plusSeconds(60);
		at(later).withPropertyValues("mfa.encryption.key=" + NEW_KEY, "mfa.encryption.previous-keys=" + OLD_KEY)
			.run((context) -> {
				TotpAuthenticatorService service = context.getBean(TotpAuthenticatorService.class);
				assertThat(service.recoveryCodes("alice").codes()).containsExactlyElementsOf(recoveryCodes.get());
				String code = context.getBean(TotpGenerator.class).generate(secret.get(), later);
				assertThat(service.regenerateRecoveryCodes("alice", code)).hasSize(10);
			});
		at(later.plusSeconds(60)).withPropertyValues("mfa.encryption.key=" + NEW_KEY).run((context) -> {
			TotpAuthenticatorService service = context.getBean(TotpAuthenticatorService.class);
			assertThat(service.recoveryCodes("alice").codes()).as("regenerated under the new key").hasSize(10);
			assertThatIllegalStateException().isThrownBy(() -> service.deactivate("alice", "123456"))
				.withMessageContaining("mfa.encryption.previous-keys");
		});
	}

	@Test
	void rotatedKeyWhenRecoveryCodesHashedThenCodesHashedUnderTheOldKeyStillWorkWhileItIsListed() {
		AtomicReference<List<String>> recoveryCodes = new AtomicReference<>();
		at(ACTIVATED).withPropertyValues("mfa.encryption.key=" + OLD_KEY, "mfa.recovery-codes.storage=hashed")
			.run((context) -> {
				TotpEnrollmentService service = context.getBean(TotpEnrollmentService.class);
				TotpEnrollmentService.TotpActivation activation = service.beginActivation("bob", "bob");
				String code = context.getBean(TotpGenerator.class)
					.generate(Base32.decode(activation.secret()), ACTIVATED);
				recoveryCodes.set(service.confirmActivation("bob", activation.activationToken(), code));
			});
		at(ACTIVATED.plusSeconds(60))
			.withPropertyValues("mfa.encryption.key=" + NEW_KEY, "mfa.encryption.previous-keys=" + OLD_KEY,
					"mfa.recovery-codes.storage=hashed")
			.run((context) -> {
				TotpAuthenticatorService service = context.getBean(TotpAuthenticatorService.class);
				assertThat(service.stepUp("bob", recoveryCodes.get().get(0))).isEqualTo("FACTOR_RECOVERY_CODE");
				assertThat(service.recoveryCodes("bob").remaining()).isEqualTo(9);
			});
		at(ACTIVATED.plusSeconds(120))
			.withPropertyValues("mfa.encryption.key=" + NEW_KEY, "mfa.recovery-codes.storage=hashed")
			.run((context) -> assertThatIllegalStateException()
				.isThrownBy(
						() -> context.getBean(TotpAuthenticatorService.class).stepUp("bob", recoveryCodes.get().get(1)))
				.withMessageContaining("mfa.encryption.previous-keys"));
	}

	private WebApplicationContextRunner at(Instant instant) {
		return this.contextRunner.withBean(Clock.class, () -> Clock.fixed(instant, ZoneOffset.UTC));
	}

}
