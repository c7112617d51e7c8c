package dev.springmfa.authentication;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.Callable;

import dev.springmfa.MfaErrorCode;
import dev.springmfa.MfaFailure;
import dev.springmfa.audit.RecordingAuditListener;
import dev.springmfa.authentication.Race.Result;
import dev.springmfa.authenticator.TotpAuthenticatorService;
import dev.springmfa.authenticator.TotpEnrollmentService;
import dev.springmfa.authenticator.TotpEnrollmentService.TotpActivation;
import dev.springmfa.totp.Base32;
import dev.springmfa.totp.TotpGenerator;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.core.env.Environment;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.userdetails.User;
import org.springframework.security.core.userdetails.UserDetails;
import org.springframework.security.provisioning.InMemoryUserDetailsManager;
import org.springframework.test.annotation.DirtiesContext;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The context and the helpers that the persistence tests share: a real database, the MFA
 * auto-configuration, and users who activate TOTP through the public services. Subclasses
 * name the database; {@code ddl-auto=validate} proves on each one that the migrations
 * match the entities. Each context is closed after its class: none is shared with another
 * class, and each holds a pool of connections to a server that allows a hundred.
 */
@DirtiesContext
@SpringBootTest(classes = MfaTestApplication.class, webEnvironment = WebEnvironment.MOCK,
		properties = { "mfa.enabled=true", "mfa.encryption.key=AAECAwQFBgcICQoLDA0ODxAREhMUFRYXGBkaGxwdHh8=",
				"spring.jpa.hibernate.ddl-auto=validate", "spring.jpa.open-in-view=false" })
abstract class AbstractMfaDatabaseTests {

	@Autowired
	TotpEnrollmentService enrollmentService;

	@Autowired
	TotpAuthenticatorService authenticatorService;

	@Autowired
	MfaChallengeService challengeService;

	@Autowired
	MfaVerificationService verificationService;

	@Autowired
	TotpGenerator totp;

	@Autowired
	InMemoryUserDetailsManager users;

	@Autowired
	JdbcTemplate jdbc;

	@Autowired
	RecordingAuditListener auditEvents;

	@Autowired
	Environment environment;

	/**
	 * Start another instance of the application on the database of this one, with the
	 * same keys, as a second node of a cluster would be.
	 * @param properties the properties of the instance besides its database and keys
	 * @return the running instance
	 */
	ConfigurableApplicationContext startAnotherInstance(String... properties) {
		return new SpringApplicationBuilder(MfaTestApplication.class).web(WebApplicationType.SERVLET)
			.properties("server.port=0", "mfa.enabled=true", "spring.jpa.hibernate.ddl-auto=validate",
					"mfa.encryption.key=" + this.environment.getProperty("mfa.encryption.key"),
					"spring.datasource.url=" + this.environment.getProperty("spring.datasource.url"),
					"spring.datasource.username=" + this.environment.getProperty("spring.datasource.username"),
					"spring.datasource.password=" + this.environment.getProperty("spring.datasource.password", ""))
			.properties(properties)
			.run();
	}

	/**
	 * Create a user of its own for the calling test and activate TOTP for it.
	 * @return the user, with its secret and recovery codes
	 */
	ActivatedUser activatedUser() {
		String username = "alice-" + UUID.randomUUID();
		this.users.createUser(User.withUsername(username).password("{noop}password").roles("USER").build());
		TotpActivation activation = this.enrollmentService.beginActivation(username, username);
		byte[] secret = Base32.decode(activation.secret());
		List<String> recoveryCodes = this.enrollmentService.confirmActivation(username, activation.activationToken(),
				this.totp.generate(secret, Instant.now()));
		return new ActivatedUser(username, activation.secret(), secret, recoveryCodes);
	}

	/**
	 * Pass the password step as the login filter does.
	 * @param user the user
	 * @return the ephemeral token of the second step
	 */
	String ephemeralToken(ActivatedUser user) {
		UserDetails details = this.users.loadUserByUsername(user.username());
		return this.challengeService
			.challengeIfRequired(
					UsernamePasswordAuthenticationToken.authenticated(details, null, details.getAuthorities()))
			.orElseThrow()
			.ephemeralToken();
	}

	List<String> ephemeralTokens(ActivatedUser user, int count) {
		List<String> tokens = new ArrayList<>();
		for (int i = 0; i < count; i++) {
			tokens.add(ephemeralToken(user));
		}
		return tokens;
	}

	/**
	 * Return a TOTP code that the server accepts now and has not accepted before: the
	 * activation spent the current time step, the allowed drift lets the next one in.
	 * @param user the user
	 * @return the code
	 */
	String unusedTotpCode(ActivatedUser user) {
		return this.totp.generate(user.secret(), this.totp.timeStep(Instant.now()) + 1);
	}

	int failedAttempts(ActivatedUser user) {
		Integer failedAttempts = this.jdbc.queryForObject(
				"select failed_attempts from mfa_authenticator where user_id = ?", Integer.class, user.username());
		assertThat(failedAttempts).isNotNull();
		return failedAttempts;
	}

	static <T> List<MfaErrorCode> errorCodes(List<Result<T>> results) {
		List<Throwable> failures = results.stream()
			.filter((result) -> !result.succeeded())
			.map(Result::failure)
			.toList();
		// A SQL error, a deadlock or any other exception is a bug, not a lost race.
		assertThat(failures).allSatisfy((failure) -> assertThat(failure).isInstanceOf(MfaFailure.class));
		return failures.stream().map((failure) -> ((MfaFailure) failure).getErrorCode()).toList();
	}

	static <T> List<T> winners(List<Result<T>> results) {
		return results.stream().filter(Result::succeeded).map(Result::value).toList();
	}

	/**
	 * A user with TOTP active.
	 *
	 * @param username the username, also the user id
	 * @param base32Secret the secret as shown at activation
	 * @param secret the raw secret
	 * @param recoveryCodes the recovery codes as shown at activation
	 */
	record ActivatedUser(String username, String base32Secret, byte[] secret, List<String> recoveryCodes) {

	}

	String wrongCode(ActivatedUser user) {
		long now = this.totp.timeStep(Instant.now());
		Set<String> valid = new HashSet<>();
		for (long step = now - 3; step <= now + 3; step++) {
			valid.add(this.totp.generate(user.secret(), step));
		}
		for (int candidate = 0;; candidate++) {
			String code = String.format(Locale.ROOT, "%06d", candidate);
			if (!valid.contains(code)) {
				return code;
			}
		}
	}

	List<Result<Authentication>> raceWrongCodes(ActivatedUser user, int threads) throws InterruptedException {
		String wrongCode = wrongCode(user);
		List<Callable<Authentication>> attempts = new ArrayList<>();
		for (String token : ephemeralTokens(user, threads)) {
			attempts.add(() -> this.verificationService.verify(token, wrongCode));
		}
		return Race.run(attempts);
	}

}
