package dev.springmfa.web;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import tools.jackson.databind.JsonNode;

import dev.springmfa.audit.RecordingAuditListener;
import dev.springmfa.audit.MfaAuditEventType;
import dev.springmfa.authenticator.TotpEnrollmentService;
import dev.springmfa.authenticator.TotpSupportDeskService;
import dev.springmfa.totp.Base32;
import dev.springmfa.totp.TotpGenerator;
import dev.springmfa.web.MfaHttpClient.Response;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.security.core.userdetails.User;
import org.springframework.security.provisioning.InMemoryUserDetailsManager;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The whole HTTP contract over a real port, with the application's own security filter
 * chain and Spring Security's multi-factor authorization, once for each login mode.
 */
@ExtendWith(OutputCaptureExtension.class)
abstract class AbstractMfaLoginIntegrationTests {

	static final String PASSWORD = "correct horse battery staple";

	static final String PROPERTIES = "mfa.enabled=true\n"
			+ "mfa.encryption.key=gRQP+S3aBi5IVcJfm2QQWhiijs17qGB6P2sy1KAISHw=\n" + "mfa.totp.issuer=Acme\n"
			+ "spring.application.name=mfa-tests\n" + "spring.jpa.hibernate.ddl-auto=validate";

	@LocalServerPort
	int port;

	@Autowired
	InMemoryUserDetailsManager users;

	@Autowired
	MfaTestApplication.MutableClock clock;

	@Autowired
	TotpGenerator totp;

	@Autowired
	RecordingAuditListener audit;

	@Autowired
	TotpEnrollmentService enrollments;

	@Autowired
	TotpSupportDeskService supportDesk;

	String username;

	MfaHttpClient client;

	List<String> recoveryCodes = List.of();

	@BeforeEach
	void createUser() {
		this.username = "alice-" + UUID.randomUUID();
		this.users.createUser(User.withUsername(this.username).password("{noop}" + PASSWORD).roles("USER").build());
		this.client = newClient();
	}

	/**
	 * Return the login mode of the application under test.
	 * @return the mode
	 */
	abstract MfaHttpClient.Mode mode();

	/**
	 * Assert what a completed login hands to the client in this mode.
	 * @param client the client that logged in
	 * @param login the answer to the login or verify request
	 */
	abstract void assertLoginHandedOver(MfaHttpClient client, Response login);

	MfaHttpClient newClient() {
		return new MfaHttpClient(this.port, mode());
	}

	/**
	 * Return the format of the recovery codes that activation shows.
	 * @return a regular expression
	 */
	String recoveryCodeFormat() {
		return "[0-9a-z]{4}-[0-9a-z]{4}";
	}

	/**
	 * Assert the answer of {@code GET /api/auth/mfa/recovery-codes} right after
	 * activation.
	 * @param listed the answer's body
	 * @param issued the codes that activation showed
	 */
	void assertRecoveryCodesListed(JsonNode listed, List<String> issued) {
		assertThat(strings(listed.get("codes"))).containsExactlyElementsOf(issued);
		assertThat(listed.get("remaining").asInt()).isEqualTo(issued.size());
	}

	@Test
	void loginWhenUserHasNoMfaThenLoginIsCompleteWithPasswordFactor() {
		Response login = login(this.client, PASSWORD);
		assertThat(login.status()).isEqualTo(200);
		assertThat(login.body().get("mfaRequired").asBoolean()).isFalse();
		assertThat(login.field("username")).isEqualTo(this.username);
		assertLoginHandedOver(this.client, login);
		assertThat(factors(this.client)).containsExactly("FACTOR_PASSWORD");
	}

	@Test
	void loginWhenPasswordWrongOrUserUnknownThenSameBadCredentialsAnswer() {
		Response wrongPassword = login(this.client, "wrong");
		Response unknownUser = this.client.post("/api/auth/login",
				"{\"username\":\"nobody-" + UUID.randomUUID() + "\",\"password\":\"wrong\"}");
		assertProblem(wrongPassword, 401, "bad_credentials");
		assertProblem(unknownUser, 401, "bad_credentials");
		assertThat(wrongPassword.text()).isEqualTo(unknownUser.text());
	}

	@Test
	void loginWhenBodyInvalidThenValidationFailed() {
		assertProblem(this.client.post("/api/auth/login", "{not json"), 400, "validation_failed");
		Response missing = this.client.post("/api/auth/login", "{\"username\":\"alice\",\"extra\":1}");
		assertProblem(missing, 400, "validation_failed");
		assertThat(missing.body().get("errors").has("password")).isTrue();
		assertProblem(this.client.post("/api/auth/login", "{\"username\":[1],\"password\":\"x\"}"), 400,
				"validation_failed");
		assertProblem(this.client.post("/api/auth/login", "{\"username\":\"" + "a".repeat(20_000) + "\"}"), 413,
				"payload_too_large");
	}

	@Test
	void controllerWhenBodyInvalidThenValidationFailedOrPayloadTooLarge() {
		login(this.client, PASSWORD);
		String path = "/api/auth/mfa/totp/deactivate";
		Response missing = this.client.post(path, "{\"unknown\":true}");
		assertProblem(missing, 400, "validation_failed");
		assertThat(missing.body().get("errors").has("code")).isTrue();
		assertProblem(this.client.post(path, "{\"code\":{\"nested\":1}}"), 400, "validation_failed");
		assertProblem(this.client.post(path, "[oops"), 400, "validation_failed");
		assertProblem(this.client.post(path, "{\"code\":\"" + "1".repeat(20_000) + "\"}"), 413, "payload_too_large");
		byte[] chunked = ("{\"code\":\"" + "1".repeat(20_000) + "\"}").getBytes();
		assertProblem(this.client.postChunked(path, chunked), 413, "payload_too_large");
		assertProblem(this.client.post(path, "{\"code\":\"123456\",\"unknown\":1}"), 409, "mfa_not_enabled");
	}

	@Test
	void authenticatedEndpointWhenAnonymousThenUnauthenticatedProblem() {
		assertProblem(this.client.get("/api/auth/mfa/status"), 401, "unauthenticated");
		assertProblem(this.client.get("/api/auth/mfa/totp/activate"), 401, "unauthenticated");
		assertThat(this.client.get("/api/auth/mfa/status").header("Location")).isNull();
	}

	@Test
	void fullLifecycleWithTotp() {
		login(this.client, PASSWORD);
		assertProblem(this.client.get("/api/admin/report"), 401, "mfa_required");
		JsonNode status = this.client.get("/api/auth/mfa/status").body();
		assertThat(status.get("enabled").asBoolean()).isFalse();
		assertThat(status.get("methods").isEmpty()).isTrue();
		assertThat(status.get("enabledAt").isNull()).isTrue();

		Response activation = this.client.get("/api/auth/mfa/totp/activate");
		assertThat(activation.status()).isEqualTo(200);
		String secret = activation.field("secret");
		assertThat(Base32.decode(secret)).hasSizeGreaterThanOrEqualTo(20);
		assertThat(activation.field("totpUrl")).startsWith("otpauth://totp/Acme:" + this.username + "?secret=" + secret
				+ "&issuer=Acme&algorithm=SHA1&digits=6&period=30");
		assertThat(activation.field("qrCode")).startsWith("data:image/png;base64,");
		assertThat(this.enrollments.isEnabled(this.username)).isFalse();
		String activationToken = activation.field("activationToken");

		assertProblem(activate(activationToken, wrongCode(secret)), 400, "invalid_code");
		assertProblem(activate(tamper(activationToken), code(secret)), 400, "invalid_token");
		Response activated = activate(activationToken, code(secret));
		assertThat(activated.status()).isEqualTo(200);
		assertThat(activated.body().get("enabled").asBoolean()).isTrue();
		List<String> recoveryCodes = strings(activated.body().get("recoveryCodes"));
		assertThat(recoveryCodes).hasSize(10).allMatch((code) -> code.matches(recoveryCodeFormat()));
		assertProblem(this.client.get("/api/auth/mfa/totp/activate"), 409, "mfa_already_enabled");
		assertProblem(activate(activationToken, code(secret)), 409, "mfa_already_enabled");

		JsonNode enabled = this.client.get("/api/auth/mfa/status").body();
		assertThat(enabled.get("enabled").asBoolean()).isTrue();
		assertThat(strings(enabled.get("methods"))).containsExactly("totp", "recovery_code");
		assertThat(enabled.get("recoveryCodesRemaining").asInt()).isEqualTo(10);
		assertThat(Instant.parse(enabled.get("enabledAt").asString())).isEqualTo(this.clock.instant());
		assertRecoveryCodesListed(this.client.get("/api/auth/mfa/recovery-codes").body(), recoveryCodes);

		MfaHttpClient browser = newClient();
		Response challenge = login(browser, PASSWORD);
		assertThat(challenge.status()).isEqualTo(200);
		assertThat(challenge.body().get("mfaRequired").asBoolean()).isTrue();
		assertThat(strings(challenge.body().get("methods"))).containsExactly("totp", "recovery_code");
		assertThat(challenge.body().get("expiresIn").asInt()).isEqualTo(300);
		assertThat(browser.get("/api/auth/user").status()).isEqualTo(401);
		String ephemeralToken = challenge.field("ephemeralToken");
		assertProblem(verify(browser, ephemeralToken, wrongCode(secret)), 401, "invalid_code");
		this.clock.advance(Duration.ofSeconds(30));
		Response verified = verify(browser, ephemeralToken, code(secret));
		assertThat(verified.status()).isEqualTo(200);
		assertThat(verified.body().get("mfaRequired").asBoolean()).isFalse();
		assertLoginHandedOver(browser, verified);
		assertThat(factors(browser)).containsExactly("FACTOR_PASSWORD", "FACTOR_TOTP");
		assertThat(browser.get("/api/admin/report").status()).isEqualTo(200);
		assertProblem(verify(browser, ephemeralToken, code(secret)), 401, "invalid_token");

		assertProblem(this.client.post("/api/auth/mfa/recovery-codes/regenerate", "{\"code\":\"000000\"}"), 400,
				"invalid_code");
		this.clock.advance(Duration.ofSeconds(30));
		Response regenerated = this.client.post("/api/auth/mfa/recovery-codes/regenerate",
				"{\"code\":\"" + code(secret) + "\"}");
		assertThat(regenerated.status()).isEqualTo(200);
		List<String> newCodes = strings(regenerated.body().get("codes"));
		assertThat(newCodes).hasSize(10).doesNotContainAnyElementsOf(recoveryCodes);
		assertThat(regenerated.body().get("remaining").asInt()).isEqualTo(10);

		MfaHttpClient lost = newClient();
		assertProblem(verify(lost, login(lost, PASSWORD).field("ephemeralToken"), recoveryCodes.get(0)), 401,
				"invalid_code");
		String typedSloppily = " " + newCodes.get(0).toUpperCase().replace("-", " - ") + " ";
		Response recovered = verify(lost, login(lost, PASSWORD).field("ephemeralToken"), typedSloppily);
		assertThat(recovered.status()).isEqualTo(200);
		assertThat(factors(lost)).containsExactly("FACTOR_PASSWORD", "FACTOR_RECOVERY_CODE");
		assertProblem(lost.get("/api/admin/report"), 401, "mfa_required");
		assertThat(lost.get("/api/auth/mfa/recovery-codes").body().get("remaining").asInt()).isEqualTo(9);
		assertProblem(verify(lost, login(lost, PASSWORD).field("ephemeralToken"), newCodes.get(0)), 401,
				"invalid_code");

		assertProblem(lost.post("/api/auth/mfa/totp/deactivate", "{\"code\":\"" + newCodes.get(0) + "\"}"), 400,
				"invalid_code");
		Response deactivated = lost.post("/api/auth/mfa/totp/deactivate", "{\"code\":\"" + newCodes.get(1) + "\"}");
		assertThat(deactivated.status()).isEqualTo(200);
		assertThat(deactivated.body().get("enabled").asBoolean()).isFalse();
		assertThat(this.enrollments.isEnabled(this.username)).isFalse();
		assertProblem(lost.post("/api/auth/mfa/totp/deactivate", "{\"code\":\"123456\"}"), 409, "mfa_not_enabled");
		assertProblem(lost.get("/api/auth/mfa/recovery-codes"), 409, "mfa_not_enabled");
		assertProblem(lost.post("/api/auth/mfa/recovery-codes/regenerate", "{\"code\":\"123456\"}"), 409,
				"mfa_not_enabled");
		assertThat(login(newClient(), PASSWORD).body().get("mfaRequired").asBoolean()).isFalse();
	}

	@Test
	void verifyWhenCodeReplayedThenRejected() {
		String secret = enableMfa();
		MfaHttpClient first = newClient();
		this.clock.advance(Duration.ofSeconds(30));
		String code = code(secret);
		assertThat(verify(first, login(first, PASSWORD).field("ephemeralToken"), code).status()).isEqualTo(200);
		MfaHttpClient second = newClient();
		assertProblem(verify(second, login(second, PASSWORD).field("ephemeralToken"), code), 401, "invalid_code");
		assertThat(this.audit.typesOf(this.username)).contains(MfaAuditEventType.CODE_REPLAY_REFUSED);
	}

	// ASVS 5.0 V6.5.8: codes are checked against the server's clock, never a time the
	// client states.
	@Test
	void verifyWhenTheClientStatesAnotherTimeThenTheServerClockDecides() {
		String secret = enableMfa();
		this.clock.advance(Duration.ofMinutes(10));
		List<String> window = window(secret);
		Instant stated = this.clock.instant().minus(Duration.ofHours(1));
		while (window.contains(this.totp.generate(Base32.decode(secret), stated))) {
			stated = stated.minus(Duration.ofMinutes(1));
		}
		String codeOfStatedTime = this.totp.generate(Base32.decode(secret), stated);
		Map<String, String> statedTime = Map.of("Date",
				DateTimeFormatter.RFC_1123_DATE_TIME.format(stated.atOffset(ZoneOffset.UTC)));
		MfaHttpClient browser = newClient();
		String token = login(browser, PASSWORD).field("ephemeralToken");
		assertProblem(browser.post("/api/auth/mfa/verify", verifyBody(token, codeOfStatedTime), statedTime), 401,
				"invalid_code");
		assertThat(browser.post("/api/auth/mfa/verify", verifyBody(token, code(secret)), statedTime).status())
			.isEqualTo(200);
	}

	@Test
	void verifyWhenTooManyFailuresThenLockedEvenWithRightCodeAndNewToken() {
		String secret = enableMfa();
		this.clock.advance(Duration.ofSeconds(30));
		MfaHttpClient attacker = newClient();
		String token = login(attacker, PASSWORD).field("ephemeralToken");
		for (int i = 0; i < 4; i++) {
			assertProblem(verify(attacker, token, wrongCode(secret)), 401, "invalid_code");
		}
		Response locked = verify(attacker, token, wrongCode(secret));
		assertProblem(locked, 429, "too_many_attempts");
		assertThat(Long.parseLong(locked.header("Retry-After"))).isEqualTo(900);
		assertProblem(verify(attacker, login(attacker, PASSWORD).field("ephemeralToken"), code(secret)), 429,
				"too_many_attempts");
		this.clock.advance(Duration.ofMinutes(15));
		MfaHttpClient owner = newClient();
		assertThat(verify(owner, login(owner, PASSWORD).field("ephemeralToken"), code(secret)).status()).isEqualTo(200);
		assertThat(this.audit.typesOf(this.username)).contains(MfaAuditEventType.LOCKED_OUT);
	}

	@Test
	void verifyWhenHundredConsecutiveFailuresThenLockedUntilSupportDeskReset() {
		String secret = enableMfa();
		MfaHttpClient attacker = newClient();
		Duration previousLock = Duration.ZERO;
		for (int failure = 1; failure <= 100; failure++) {
			Response refused = verify(attacker, login(attacker, PASSWORD).field("ephemeralToken"), wrongCode(secret));
			if (failure % 5 != 0) {
				assertProblem(refused, 401, "invalid_code");
				continue;
			}
			assertProblem(refused, 429, "too_many_attempts");
			Duration lock = Duration.ofSeconds(Long.parseLong(refused.header("Retry-After")));
			if (failure < 100) {
				assertThat(lock)
					.isEqualTo(previousLock.isZero() ? Duration.ofMinutes(15) : previousLock.multipliedBy(2));
				previousLock = lock;
				this.clock.advance(lock);
			}
		}
		this.clock.advance(Duration.ofDays(3650));
		assertProblem(verify(attacker, login(attacker, PASSWORD).field("ephemeralToken"), code(secret)), 429,
				"too_many_attempts");
		assertThat(this.supportDesk.resetLockout(this.username)).isTrue();
		assertThat(verify(attacker, login(attacker, PASSWORD).field("ephemeralToken"), code(secret)).status())
			.isEqualTo(200);
		assertThat(this.audit.typesOf(this.username)).contains(MfaAuditEventType.LOCKOUT_RESET);
	}

	@Test
	void verifyWhenEphemeralTokenExpiredThenInvalidToken() {
		String secret = enableMfa();
		MfaHttpClient browser = newClient();
		String token = login(browser, PASSWORD).field("ephemeralToken");
		this.clock.advance(Duration.ofMinutes(5).plusSeconds(1));
		assertProblem(verify(browser, token, code(secret)), 401, "invalid_token");
	}

	@Test
	void verifyWhenTokenIsNotAnEphemeralTokenThenInvalidToken() {
		String secret = enableMfa();
		String ephemeralToken = login(newClient(), PASSWORD).field("ephemeralToken");
		MfaHttpClient browser = newClient();
		assertProblem(verify(browser, "not-a-token", code(secret)), 401, "invalid_token");
		assertProblem(verify(browser, tamper(ephemeralToken), code(secret)), 401, "invalid_token");
		MfaHttpClient other = newUserClient();
		login(other, PASSWORD);
		String otherActivationToken = other.get("/api/auth/mfa/totp/activate").field("activationToken");
		assertProblem(verify(browser, otherActivationToken, code(secret)), 401, "invalid_token");
	}

	@Test
	void activateWhenTokenIssuedToAnotherUserThenInvalidToken() {
		MfaHttpClient other = newUserClient();
		login(other, PASSWORD);
		Response otherActivation = other.get("/api/auth/mfa/totp/activate");
		login(this.client, PASSWORD);
		assertProblem(activate(otherActivation.field("activationToken"), code(otherActivation.field("secret"))), 400,
				"invalid_token");
	}

	@Test
	void verifyWhenPasswordChangedSinceFirstStepThenInvalidToken() {
		String secret = enableMfa();
		MfaHttpClient browser = newClient();
		String token = login(browser, PASSWORD).field("ephemeralToken");
		this.users.updateUser(User.withUsername(this.username).password("{noop}new password").roles("USER").build());
		this.clock.advance(Duration.ofSeconds(30));
		assertProblem(verify(browser, token, code(secret)), 401, "invalid_token");
	}

	@Test
	void verifyWhenUserDisabledSinceFirstStepThenInvalidToken() {
		String secret = enableMfa();
		MfaHttpClient browser = newClient();
		String token = login(browser, PASSWORD).field("ephemeralToken");
		this.users.updateUser(
				User.withUsername(this.username).password("{noop}" + PASSWORD).roles("USER").disabled(true).build());
		this.clock.advance(Duration.ofSeconds(30));
		assertProblem(verify(browser, token, code(secret)), 401, "invalid_token");
	}

	@Test
	void logWhenMfaEventsHappenThenNoSecretCodeOrTokenIsWritten(CapturedOutput output) {
		String secret = enableMfa();
		MfaHttpClient browser = newClient();
		String token = login(browser, PASSWORD).field("ephemeralToken");
		String wrong = wrongCode(secret);
		verify(browser, token, wrong);
		this.clock.advance(Duration.ofSeconds(30));
		String right = code(secret);
		verify(browser, token, right);
		assertThat(output).contains("event=VERIFY_FAILED user=" + this.username)
			.contains("event=VERIFY_SUCCEEDED user=" + this.username)
			.doesNotContain(secret)
			.doesNotContain(token)
			.doesNotContain(PASSWORD);
		assertThat(this.audit.typesOf(this.username)).contains(MfaAuditEventType.TOTP_ACTIVATED,
				MfaAuditEventType.MFA_CHALLENGE_ISSUED, MfaAuditEventType.VERIFY_FAILED,
				MfaAuditEventType.VERIFY_SUCCEEDED);
		assertThat(this.audit.of(this.username))
			.allSatisfy((event) -> assertThat(event.getUserAgent()).isEqualTo("mfa-tests"));
	}

	@Test
	void stepUpWhenFactorTooOldThenFreshCodeRenewsItAndReplayIsRefused() {
		String secret = enableMfa();
		MfaHttpClient browser = newClient();
		this.clock.advance(Duration.ofSeconds(30));
		verify(browser, login(browser, PASSWORD).field("ephemeralToken"), code(secret));
		this.clock.advance(Duration.ofMinutes(6));
		assertProblem(browser.get("/api/admin/recent"), 401, "mfa_required");

		this.clock.advance(Duration.ofSeconds(30));
		String fresh = code(secret);
		Response stepUp = browser.post("/api/auth/mfa/step-up", "{\"code\":\"" + fresh + "\"}");
		assertThat(stepUp.status()).as(stepUp.toString()).isEqualTo(200);
		assertThat(stepUp.body().get("mfaRequired").asBoolean()).isFalse();
		assertThat(stepUp.header("Cache-Control")).isEqualTo("no-store");
		assertThat(browser.get("/api/admin/recent").status()).isEqualTo(200);
		assertThat(factors(browser)).containsExactly("FACTOR_PASSWORD", "FACTOR_TOTP");
		assertProblem(browser.post("/api/auth/mfa/step-up", "{\"code\":\"" + fresh + "\"}"), 400, "invalid_code");
		assertThat(this.audit.typesOf(this.username)).contains(MfaAuditEventType.STEP_UP_SUCCEEDED,
				MfaAuditEventType.CODE_REPLAY_REFUSED);
	}

	@Test
	void stepUpWhenRecoveryCodeThenItIsSpentAndCountsAsTheSecondFactor() {
		enableMfa();
		String recoveryCode = this.recoveryCodes.get(0);
		Response stepUp = this.client.post("/api/auth/mfa/step-up", "{\"code\":\"" + recoveryCode + "\"}");
		assertThat(stepUp.status()).as(stepUp.toString()).isEqualTo(200);
		assertThat(factors(this.client)).containsExactly("FACTOR_PASSWORD", "FACTOR_RECOVERY_CODE");
		assertThat(this.client.get("/api/auth/mfa/recovery-codes").body().get("remaining").asInt()).isEqualTo(9);
		assertProblem(this.client.post("/api/auth/mfa/step-up", "{\"code\":\"" + recoveryCode + "\"}"), 400,
				"invalid_code");
	}

	@Test
	void stepUpWhenRefusedThenTheContractsErrors() {
		assertProblem(this.client.post("/api/auth/mfa/step-up", "{\"code\":\"123456\"}"), 401, "unauthenticated");
		login(this.client, PASSWORD);
		assertProblem(this.client.post("/api/auth/mfa/step-up", "{\"code\":\"123456\"}"), 409, "mfa_not_enabled");
		String secret = enableMfa();
		for (int attempt = 1; attempt < 5; attempt++) {
			assertProblem(this.client.post("/api/auth/mfa/step-up", "{\"code\":\"" + wrongCode(secret) + "\"}"), 400,
					"invalid_code");
		}
		Response locked = this.client.post("/api/auth/mfa/step-up", "{\"code\":\"" + wrongCode(secret) + "\"}");
		assertProblem(locked, 429, "too_many_attempts");
		assertThat(locked.header("Retry-After")).isNotBlank();
		assertProblem(this.client.post("/api/auth/mfa/step-up", "{\"code\":\"" + code(secret) + "\"}"), 429,
				"too_many_attempts");
	}

	@Test
	void postWhenBodyIsNotJsonThenUnsupportedMediaType() {
		assertProblem(this.client.post("/api/auth/login", credentials(PASSWORD), "text/plain", true), 415,
				"unsupported_media_type");
		assertProblem(this.client.post("/api/auth/login", "username=" + this.username + "&password=" + PASSWORD,
				"application/x-www-form-urlencoded", true), 415, "unsupported_media_type");
		assertThat(this.client.get("/api/auth/user").status()).isEqualTo(401);
		login(this.client, PASSWORD);
		assertProblem(this.client.post("/api/auth/mfa/totp/deactivate", "{\"code\":\"123456\"}", "text/plain", true),
				415, "unsupported_media_type");
		assertProblem(this.client.post("/api/auth/mfa/step-up", "{\"code\":\"123456\"}", "text/plain", true), 415,
				"unsupported_media_type");
	}

	@Test
	void requestUnderBasePathWhenNoEndpointTakesItThenNotFoundOrMethodNotAllowed() {
		login(this.client, PASSWORD);
		assertProblem(this.client.get("/api/auth/mfa/nothing-here"), 404, "not_found");
		Response wrongMethod = this.client.get("/api/auth/mfa/verify");
		assertProblem(wrongMethod, 405, "method_not_allowed");
		assertThat(wrongMethod.header("Allow")).isEqualTo("POST");
		assertProblem(this.client.post("/api/auth/mfa/status", "{}"), 405, "method_not_allowed");
	}

	@Test
	void bodyWhenFieldIsNotAStringThenValidationFailedNamingIt() {
		Response numericUsername = this.client.post("/api/auth/login",
				"{\"username\":12345,\"password\":\"" + PASSWORD + "\"}");
		assertProblem(numericUsername, 400, "validation_failed");
		assertThat(numericUsername.body().get("errors").get("username").asString()).isEqualTo("must be a string");
		String secret = enableMfa();
		this.clock.advance(Duration.ofSeconds(30));
		MfaHttpClient browser = newClient();
		String token = login(browser, PASSWORD).field("ephemeralToken");
		Response numericCode = browser.post("/api/auth/mfa/verify",
				"{\"ephemeralToken\":\"" + token + "\",\"code\":" + Integer.parseInt(code(secret)) + "}");
		assertProblem(numericCode, 400, "validation_failed");
		assertThat(numericCode.body().get("errors").get("code").asString()).isEqualTo("must be a string");
		// Refused before the code was tried: the token and the code are still good.
		assertThat(verify(browser, token, code(secret)).status()).isEqualTo(200);
		for (String path : List.of("/api/auth/mfa/totp/deactivate", "/api/auth/mfa/recovery-codes/regenerate",
				"/api/auth/mfa/step-up")) {
			for (String value : List.of("true", "175408", "[\"175408\"]")) {
				Response refused = this.client.post(path, "{\"code\":" + value + "}");
				assertProblem(refused, 400, "validation_failed");
				assertThat(refused.body().get("errors").get("code").asString()).isEqualTo("must be a string");
			}
		}
	}

	@Test
	void bodyWhenControlCharacterOrLineBreakThenValidationFailed() {
		for (String escaped : List.of("\\u0000", "\\u0085", "\\u2028", "\\u2029", "\\r\\n", "\\u001b")) {
			Response login = this.client.post("/api/auth/login",
					"{\"username\":\"" + this.username + escaped + "\",\"password\":\"" + PASSWORD + "\"}");
			assertProblem(login, 400, "validation_failed");
			assertThat(login.body().get("errors").get("username").asString())
				.isEqualTo("must not contain control characters or line breaks");
		}
		String secret = enableMfa();
		this.clock.advance(Duration.ofSeconds(30));
		MfaHttpClient browser = newClient();
		String token = login(browser, PASSWORD).field("ephemeralToken");
		Response nul = verify(browser, token, code(secret) + "\\u0000");
		assertProblem(nul, 400, "validation_failed");
		assertThat(nul.body().get("errors").has("code")).isTrue();
		assertProblem(verify(browser, token + "\\u0000", code(secret)), 400, "validation_failed");
		assertThat(verify(browser, token, code(secret)).status()).isEqualTo(200);
		Response controller = this.client.post("/api/auth/mfa/totp/deactivate", "{\"code\":\"\\u2028123456\"}");
		assertProblem(controller, 400, "validation_failed");
		assertThat(controller.body().get("errors").has("code")).isTrue();
	}

	@Test
	void answersOfTheMfaEndpointsThenNeitherStoredNorReferred() {
		List<Response> answers = new ArrayList<>();
		answers.add(this.client.get("/api/auth/csrf"));
		answers.add(login(this.client, PASSWORD));
		answers.add(this.client.get("/api/auth/mfa/status"));
		Response activation = this.client.get("/api/auth/mfa/totp/activate");
		answers.add(activation);
		String secret = activation.field("secret");
		answers.add(activate(activation.field("activationToken"), code(secret)));
		answers.add(this.client.get("/api/auth/mfa/recovery-codes"));
		this.clock.advance(Duration.ofSeconds(30));
		answers.add(this.client.post("/api/auth/mfa/recovery-codes/regenerate", "{\"code\":\"" + code(secret) + "\"}"));
		this.clock.advance(Duration.ofSeconds(30));
		answers.add(this.client.post("/api/auth/mfa/step-up", "{\"code\":\"" + code(secret) + "\"}"));
		MfaHttpClient browser = newClient();
		Response challenge = login(browser, PASSWORD);
		answers.add(challenge);
		this.clock.advance(Duration.ofSeconds(30));
		answers.add(verify(browser, challenge.field("ephemeralToken"), code(secret)));
		answers.add(verify(browser, challenge.field("ephemeralToken"), code(secret)));
		answers.add(newClient().get("/api/auth/mfa/status"));
		answers.add(this.client.get("/api/auth/mfa/nothing-here"));
		answers.add(this.client.get("/api/auth/mfa/verify"));
		answers.add(this.client.post("/api/auth/mfa/totp/deactivate", "{\"code\":1}"));
		answers.add(this.client.post("/api/auth/login", "{\"username\":\"x\",\"password\":\"wrong\"}"));
		assertThat(answers.stream().map(Response::status)).contains(200, 400, 401, 404, 405);
		assertThat(answers).allSatisfy((answer) -> {
			assertThat(answer.header("Cache-Control")).as(answer.toString()).isEqualTo("no-store");
			assertThat(answer.header("Pragma")).as(answer.toString()).isEqualTo("no-cache");
			assertThat(answer.header("Referrer-Policy")).as(answer.toString()).isEqualTo("no-referrer");
		});
		// The application's own endpoints, under the base path or not, keep their
		// headers.
		Response report = this.client.get("/api/admin/report");
		assertThat(report.status()).isEqualTo(200);
		assertThat(report.header("Referrer-Policy")).isNull();
		assertThat(report.header("Cache-Control")).isNotEqualTo("no-store");
		assertThat(this.client.get("/api/auth/user").header("Referrer-Policy")).isNull();
	}

	String enableMfa() {
		login(this.client, PASSWORD);
		Response activation = this.client.get("/api/auth/mfa/totp/activate");
		String secret = activation.field("secret");
		Response activated = activate(activation.field("activationToken"), code(secret));
		assertThat(activated.status()).isEqualTo(200);
		this.recoveryCodes = strings(activated.body().get("recoveryCodes"));
		return secret;
	}

	MfaHttpClient newUserClient() {
		String other = "bob-" + UUID.randomUUID();
		this.users.createUser(User.withUsername(other).password("{noop}" + PASSWORD).roles("USER").build());
		MfaHttpClient client = new MfaHttpClient(this.port, mode()) {

			@Override
			Response post(String path, String body) {
				return super.post(path, path.endsWith("/login") ? body.replace(username, other) : body);
			}

		};
		return client;
	}

	Response login(MfaHttpClient client, String password) {
		return client.post("/api/auth/login", credentials(password));
	}

	String credentials(String password) {
		return "{\"username\":\"" + this.username + "\",\"password\":\"" + password + "\"}";
	}

	Response activate(String activationToken, String code) {
		return this.client.post("/api/auth/mfa/totp/activate",
				"{\"activationToken\":\"" + activationToken + "\",\"code\":\"" + code + "\"}");
	}

	static Response verify(MfaHttpClient client, String ephemeralToken, String code) {
		return client.post("/api/auth/mfa/verify", verifyBody(ephemeralToken, code));
	}

	static String verifyBody(String ephemeralToken, String code) {
		return "{\"ephemeralToken\":\"" + ephemeralToken + "\",\"code\":\"" + code + "\"}";
	}

	String code(String secret) {
		return this.totp.generate(Base32.decode(secret), this.clock.instant());
	}

	// The codes that the drift window accepts now.
	List<String> window(String secret) {
		long step = this.totp.timeStep(this.clock.instant());
		return List.of(this.totp.generate(Base32.decode(secret), step - 1),
				this.totp.generate(Base32.decode(secret), step), this.totp.generate(Base32.decode(secret), step + 1));
	}

	String wrongCode(String secret) {
		List<String> window = window(secret);
		for (int candidate = 0;; candidate++) {
			String code = String.format("%06d", candidate);
			if (!window.contains(code)) {
				return code;
			}
		}
	}

	static String tamper(String token) {
		char last = token.charAt(token.length() - 5);
		return token.substring(0, token.length() - 5) + ((last == 'A') ? 'B' : 'A')
				+ token.substring(token.length() - 4);
	}

	static List<String> factors(MfaHttpClient client) {
		Response user = client.get("/api/auth/user");
		assertThat(user.status()).as(user.toString()).isEqualTo(200);
		return strings(user.body().get("factors"));
	}

	static List<String> strings(JsonNode array) {
		List<String> values = new ArrayList<>();
		array.forEach((node) -> values.add(node.asString()));
		return values;
	}

	static void assertProblem(Response response, int status, String code) {
		assertThat(response.status()).as(response.toString()).isEqualTo(status);
		assertThat(response.contentType()).startsWith("application/problem+json");
		JsonNode body = response.body();
		assertThat(body.get("code").asString()).isEqualTo(code);
		assertThat(body.get("status").asInt()).isEqualTo(status);
		assertThat(body.get("type").asString()).isNotBlank();
		assertThat(body.get("title").asString()).isNotBlank();
		assertThat(body.has("detail")).isTrue();
		assertThat(response.text()).doesNotContain("Exception").doesNotContain("at dev.").doesNotContain("SQL");
	}

}
