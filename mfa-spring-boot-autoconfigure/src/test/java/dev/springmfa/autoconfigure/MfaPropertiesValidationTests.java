package dev.springmfa.autoconfigure;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPairGenerator;
import java.security.spec.ECGenParameterSpec;
import java.util.Base64;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import dev.springmfa.crypto.SecretEncryptor;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.diagnostics.FailureAnalysis;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.context.annotation.Configuration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatException;
import static org.mockito.Mockito.mock;

/**
 * Tests for the validation of {@link MfaProperties} when Spring Boot binds them.
 */
@ExtendWith(OutputCaptureExtension.class)
class MfaPropertiesValidationTests {

	private static final String KEY = MfaAutoConfigurationTests.KEY;

	private static final String SHORT_KEY = "c2hvcnQ=";

	private final ApplicationContextRunner contextRunner = new ApplicationContextRunner()
		.withUserConfiguration(PropertiesConfiguration.class);

	@ParameterizedTest
	@CsvSource(delimiter = '|', value = { "mfa.base-path=nope/ | mfa.base-path | must start with '/'",
			"mfa.base-path=/api/ | mfa.base-path | must start with '/' and not end with one",
			"mfa.max-request-size=100B | mfa.max-request-size | must be at least 1KB",
			"mfa.totp.digits=9 | mfa.totp.digits | must be between 6 and 8",
			"mfa.totp.period=1500ms | mfa.totp.period | must be a whole number of seconds",
			"mfa.totp.allowed-drift-steps=11 | mfa.totp.allowed-drift-steps | must be between 0 and 10",
			"mfa.ephemeral-token.ttl=0s | mfa.ephemeral-token.ttl | must be positive",
			"mfa.activation-token.ttl=-1m | mfa.activation-token.ttl | must be positive",
			"mfa.recovery-codes.count=0 | mfa.recovery-codes.count | must be between 1 and 100",
			"mfa.lockout.max-attempts=0 | mfa.lockout.max-attempts | must be at least 1",
			"mfa.lockout.duration=0s | mfa.lockout.duration | must be positive",
			"mfa.lockout.max-consecutive-failures=4 | mfa.lockout.max-consecutive-failures | must be at least mfa.lockout.max-attempts" })
	void bindingWhenPropertyIsOutOfRangeThenFailsNamingIt(String assignment, String property, String reason) {
		this.contextRunner.withPropertyValues(KEY, assignment).run((context) -> {
			assertThat(context).hasFailed();
			assertThat(context).getFailure().rootCause().hasMessageContaining(property + " " + reason);
			FailureAnalysis analysis = MfaAutoConfigurationTests.analyze(context.getStartupFailure());
			assertThat(analysis.getDescription()).contains(property + " " + reason);
			assertThat(analysis.getAction()).contains(property + ": Set it to");
		});
	}

	@ParameterizedTest
	@CsvSource(delimiter = '|',
			value = { "mfa.encryption.key= | mfa.encryption.key | is not set",
					"mfa.encryption.key=" + SHORT_KEY + " | mfa.encryption.key | must be exactly 256 bits, got 40",
					"mfa.encryption.key=not*base64 | mfa.encryption.key | is not valid base64",
					"mfa.encryption.previous-keys=" + SHORT_KEY
							+ " | mfa.encryption.previous-keys[0] | must be exactly 256 bits",
					"mfa.signing.key=" + SHORT_KEY + " | mfa.signing.key | must be at least 256 bits, got 40" })
	void bindingWhenKeyIsInvalidThenFailsNamingItWithoutShowingIt(String assignment, String property, String reason) {
		String key = assignment.substring(assignment.indexOf('=') + 1);
		String base = assignment.startsWith("mfa.encryption.key") ? "mfa.enabled=true" : KEY;
		this.contextRunner.withPropertyValues(base, assignment).run((context) -> {
			assertThat(context).hasFailed();
			assertThat(context).getFailure().rootCause().hasMessageContaining(property + " " + reason);
			FailureAnalysis analysis = MfaAutoConfigurationTests.analyze(context.getStartupFailure());
			assertThat(analysis.getDescription()).contains(property + " " + reason);
			assertThat(analysis.getAction()).contains("openssl rand -base64 32");
			if (!key.isEmpty()) {
				assertThat(context.getStartupFailure()).rootCause().message().doesNotContain(key);
				assertThat(analysis.getDescription()).doesNotContain(key);
			}
		});
	}

	@Test
	void bindingWhenSeveralPropertiesAreInvalidThenAnalysisListsEach() {
		this.contextRunner.withPropertyValues("mfa.base-path=nope/", "mfa.totp.digits=4").run((context) -> {
			assertThat(context).hasFailed();
			FailureAnalysis analysis = MfaAutoConfigurationTests.analyze(context.getStartupFailure());
			assertThat(analysis.getDescription()).contains("mfa.base-path must start")
				.contains("mfa.totp.digits must be between 6 and 8")
				.contains("mfa.encryption.key is not set");
			assertThat(analysis.getAction()).contains("mfa.base-path: Set it to a path such as /auth.")
				.contains("mfa.totp.digits: Set it to 6");
		});
	}

	@Test
	void bindingWhenSigningKeyIsSetThenEncryptionKeyMayBeUnset() {
		this.contextRunner.withPropertyValues("mfa.signing.key=" + KEY.substring(KEY.indexOf('=') + 1))
			.run((context) -> assertThat(context).hasNotFailed());
	}

	@Test
	void bindingWhenSessionModeThenJwtPropertiesAreNotChecked() {
		this.contextRunner.withPropertyValues(KEY, "mfa.jwt.refresh-token-ttl=1s", "mfa.jwt.public-key=nowhere")
			.run((context) -> assertThat(context).hasNotFailed());
	}

	@ParameterizedTest
	@CsvSource(delimiter = '|', value = { "mfa.jwt.access-token-ttl=0s | mfa.jwt.access-token-ttl | must be positive",
			"mfa.jwt.refresh-token-ttl=10m | mfa.jwt.refresh-token-ttl | must be longer than mfa.jwt.access-token-ttl",
			"mfa.jwt.public-key=classpath:jwt-public.pem | mfa.jwt.private-key | is not set but mfa.jwt.public-key is",
			"mfa.jwt.private-key=classpath:jwt.pem | mfa.jwt.public-key | is not set but mfa.jwt.private-key is" })
	void bindingWhenJwtModeAndPropertyIsInvalidThenFailsNamingIt(String assignment, String property, String reason) {
		this.contextRunner.withPropertyValues(KEY, "mfa.login.mode=jwt", assignment).run((context) -> {
			assertThat(context).hasFailed();
			assertThat(context).getFailure().rootCause().hasMessageContaining(property + " " + reason);
		});
	}

	@Test
	void bindingWhenJwtKeysAreNotPemThenFailsNamingEach(@TempDir Path directory) throws Exception {
		Path junk = Files.writeString(directory.resolve("junk.pem"), "not a key");
		this.contextRunner
			.withPropertyValues(KEY, "mfa.login.mode=jwt", "mfa.jwt.private-key=file:" + junk,
					"mfa.jwt.public-key=file:" + junk)
			.run((context) -> {
				assertThat(context).hasFailed();
				assertThat(context).getFailure()
					.rootCause()
					.hasMessageContaining("mfa.jwt.private-key is not a readable PEM private key");
			});
		String privateKey = pem("PRIVATE KEY", ecPrivateKey());
		this.contextRunner
			.withPropertyValues(KEY, "mfa.login.mode=jwt", "mfa.jwt.private-key=" + privateKey,
					"mfa.jwt.public-key=file:" + junk)
			.run((context) -> {
				assertThat(context).hasFailed();
				assertThat(context).getFailure()
					.rootCause()
					.hasMessageContaining("mfa.jwt.public-key is not a readable PEM public key")
					.message()
					.doesNotContain(privateKey.substring(30, 60));
			});
	}

	@Test
	void startWhenApplicationDefinesItsOwnSecretEncryptorThenBadBasePathStillFailsNamingIt() {
		MfaAutoConfigurationTests.contextRunner()
			.withPropertyValues("mfa.enabled=true", KEY, "mfa.base-path=nope/")
			.withBean(SecretEncryptor.class, () -> mock(SecretEncryptor.class))
			.run((context) -> {
				assertThat(context).hasFailed();
				assertThat(context).getFailure().rootCause().hasMessageContaining("mfa.base-path must start with '/'");
				assertThat(MfaAutoConfigurationTests.analyze(context.getStartupFailure()).getDescription())
					.contains("mfa.base-path");
			});
	}

	@Test
	void startWhenEncryptionKeyIsUnsetAndTheStartersSecretEncryptorIsUsedThenFailsNamingIt() {
		MfaAutoConfigurationTests.contextRunner()
			.withPropertyValues("mfa.enabled=true", "mfa.signing.key=" + KEY.substring(KEY.indexOf('=') + 1))
			.run((context) -> {
				assertThat(context).hasFailed();
				FailureAnalysis analysis = MfaAutoConfigurationTests.analyze(context.getStartupFailure());
				assertThat(analysis.getDescription()).contains("mfa.encryption.key").contains("is not set");
				assertThat(analysis.getAction()).contains("SecretEncryptor bean");
			});
	}

	@Test
	void startWhenEncryptionKeyIsUnsetAndTheApplicationHasItsOwnSecretEncryptorThenStarts() {
		MfaAutoConfigurationTests.contextRunner()
			.withPropertyValues("mfa.enabled=true", "mfa.signing.key=" + KEY.substring(KEY.indexOf('=') + 1))
			.withBean(SecretEncryptor.class, () -> mock(SecretEncryptor.class))
			.run((context) -> assertThat(context).hasNotFailed());
	}

	@Test
	void startWhenPropertyIsInvalidThenTheReportNamesItAndTheFixButNoKey(CapturedOutput output) {
		assertThatException()
			.isThrownBy(() -> new SpringApplicationBuilder(PropertiesConfiguration.class).web(WebApplicationType.NONE)
				.run("--mfa.base-path=nope/", "--mfa.encryption.key=" + SHORT_KEY));
		assertThat(output).contains("APPLICATION FAILED TO START")
			.contains("mfa.base-path must start with '/' and not end with one (\"mfa.base-path\" from property source")
			.contains("mfa.encryption.key must be exactly 256 bits, got 40")
			.contains("Update the application's configuration")
			.contains("mfa.base-path: Set it to a path such as /auth.")
			.doesNotContain("Binding to target")
			.doesNotContain(SHORT_KEY);
	}

	@ParameterizedTest
	@CsvSource(delimiter = '|', value = {
			"mfa.login.throttle.max-attempts-per-account=-1 | mfa.login.throttle.max-attempts-per-account | must not be negative",
			"mfa.login.throttle.max-attempts-per-address=-1 | mfa.login.throttle.max-attempts-per-address | must not be negative",
			"mfa.login.throttle.max-attempts-per-account=0;mfa.login.throttle.max-attempts-per-address=0 | mfa.login.throttle.max-attempts-per-address | must be positive where mfa.login.throttle.max-attempts-per-account is 0",
			"mfa.login.throttle.duration=0s | mfa.login.throttle.duration | must be positive" })
	void bindingWhenLoginThrottleIsOnAndPropertyIsInvalidThenFailsNamingIt(String assignments, String property,
			String reason) {
		this.contextRunner.withPropertyValues(KEY, "mfa.login.throttle.enabled=true")
			.withPropertyValues(assignments.split(";"))
			.run((context) -> {
				assertThat(context).hasFailed();
				assertThat(context).getFailure().rootCause().hasMessageContaining(property + " " + reason);
				FailureAnalysis analysis = MfaAutoConfigurationTests.analyze(context.getStartupFailure());
				assertThat(analysis.getAction()).contains(property + ": Set it to");
			});
	}

	@Test
	void bindingWhenLoginThrottleIsOffThenItsPropertiesAreNotChecked() {
		this.contextRunner.withPropertyValues(KEY, "mfa.login.throttle.duration=0s")
			.run((context) -> assertThat(context).hasNotFailed());
	}

	private static java.security.PrivateKey ecPrivateKey() throws Exception {
		KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
		generator.initialize(new ECGenParameterSpec("secp256r1"));
		return generator.generateKeyPair().getPrivate();
	}

	private static String pem(String type, java.security.Key key) {
		String base64 = Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII))
			.encodeToString(key.getEncoded());
		return "-----BEGIN " + type + "-----\n" + base64 + "\n-----END " + type + "-----\n";
	}

	@Configuration(proxyBeanMethods = false)
	@EnableConfigurationProperties(MfaProperties.class)
	static class PropertiesConfiguration {

	}

}
