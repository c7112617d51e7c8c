package dev.springmfa.web;

import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import dev.springmfa.audit.MfaAuditEventType;
import dev.springmfa.audit.RecordingAuditListener;
import dev.springmfa.throttle.LoginThrottle;
import dev.springmfa.web.MfaHttpClient.Response;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.ApplicationListener;
import org.springframework.context.annotation.Bean;
import org.springframework.security.authentication.event.AbstractAuthenticationEvent;
import org.springframework.security.authentication.event.AbstractAuthenticationFailureEvent;
import org.springframework.security.authentication.event.AuthenticationFailureBadCredentialsEvent;
import org.springframework.security.authentication.event.AuthenticationFailureLockedEvent;
import org.springframework.security.core.userdetails.User;
import org.springframework.security.crypto.factory.PasswordEncoderFactories;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.security.provisioning.InMemoryUserDetailsManager;

import static dev.springmfa.web.AbstractMfaLoginIntegrationTests.assertProblem;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The password step over a real port, once for each login mode, with the throttle on: a
 * refused password is one Spring Security failure event and one audit event, the same for
 * an unknown user; a throttled account or address is refused with 429 and
 * {@code Retry-After} before its password is checked.
 */
@ExtendWith(OutputCaptureExtension.class)
abstract class AbstractPasswordStepIntegrationTests {

	static final String PROPERTIES = AbstractMfaLoginIntegrationTests.PROPERTIES
			+ "\nmfa.login.throttle.enabled=true\nmfa.login.throttle.max-attempts-per-account="
			+ AbstractPasswordStepIntegrationTests.PER_ACCOUNT + "\nmfa.login.throttle.max-attempts-per-address="
			+ AbstractPasswordStepIntegrationTests.PER_ADDRESS + "\nmfa.login.throttle.duration=15m";

	static final int PER_ACCOUNT = 3;

	static final int PER_ADDRESS = 6;

	private static final String PASSWORD = AbstractMfaLoginIntegrationTests.PASSWORD;

	@LocalServerPort
	int port;

	@Autowired
	InMemoryUserDetailsManager users;

	@Autowired
	MfaTestApplication.MutableClock clock;

	@Autowired
	RecordingAuditListener audit;

	@Autowired
	SecurityEvents events;

	@Autowired
	CountingPasswordEncoder passwords;

	@Autowired
	LoginThrottle throttle;

	private String username;

	private MfaHttpClient client;

	/**
	 * Return the login mode of the application under test.
	 * @return the mode
	 */
	abstract MfaHttpClient.Mode mode();

	// Every test on windows of its own: all of them come from one address.
	@BeforeEach
	void startNewWindowsAndCreateUser() {
		this.clock.advance(Duration.ofHours(1));
		this.username = newUser();
		this.client = new MfaHttpClient(this.port, mode());
	}

	@Test
	void loginWhenPasswordWrongOrUserUnknownThenOneFailureEventAndOneAuditEventAlike(CapturedOutput output) {
		String wrongPassword = "wrong-" + UUID.randomUUID();
		String unknown = "nobody-" + UUID.randomUUID();
		assertProblem(login(this.username, wrongPassword), 401, "bad_credentials");
		assertProblem(login(unknown, wrongPassword), 401, "bad_credentials");
		for (String name : List.of(this.username, unknown)) {
			assertThat(this.events.failuresOf(name)).singleElement()
				.isInstanceOf(AuthenticationFailureBadCredentialsEvent.class);
			assertThat(this.audit.typesOf(name)).containsExactly(MfaAuditEventType.PASSWORD_FAILED);
		}
		assertThat(output).contains("event=PASSWORD_FAILED user=" + unknown)
			.contains("event=PASSWORD_FAILED user=" + this.username)
			.doesNotContain(wrongPassword);
	}

	@Test
	void loginWhenAccountHasNoBudgetLeftThenEvenTheRightPasswordIsRefusedUnchecked() {
		for (int i = 0; i < PER_ACCOUNT; i++) {
			assertProblem(login(this.username, "wrong"), 401, "bad_credentials");
		}
		int checked = this.passwords.checks();
		Response throttled = login(this.username, PASSWORD);
		assertProblem(throttled, 429, "too_many_attempts");
		assertThat(throttled.header("Retry-After")).isEqualTo("900");
		assertThat(this.passwords.checks()).as("passwords checked while throttled").isEqualTo(checked);
		assertThat(this.events.failuresOf(this.username)).hasSize(PER_ACCOUNT + 1)
			.last()
			.isInstanceOf(AuthenticationFailureLockedEvent.class);
		assertThat(this.audit.typesOf(this.username)).endsWith(MfaAuditEventType.LOGIN_THROTTLED);
		this.clock.advance(Duration.ofMinutes(10));
		assertThat(login(this.username, PASSWORD).header("Retry-After")).isEqualTo("300");
		this.clock.advance(Duration.ofMinutes(5));
		assertThat(login(this.username, PASSWORD).status()).isEqualTo(200);
	}

	@Test
	void resetAccountWhenThrottledThenTheRightPasswordIsCheckedAtOnceAndTheResetAudited() {
		for (int i = 0; i < PER_ACCOUNT; i++) {
			assertProblem(login(this.username, "wrong"), 401, "bad_credentials");
		}
		assertProblem(login(this.username, PASSWORD), 429, "too_many_attempts");
		// A variant of the name shares the account's budget, and resets it.
		assertThat(this.throttle.resetAccount(this.username.toUpperCase(Locale.ROOT))).isTrue();
		assertThat(this.audit.typesOf(this.username.toUpperCase(Locale.ROOT)))
			.containsExactly(MfaAuditEventType.LOGIN_THROTTLE_RESET);
		assertThat(login(this.username, PASSWORD).status()).isEqualTo(200);
		assertThat(this.throttle.resetAccount(this.username)).isFalse();
	}

	@Test
	void loginWhenUserUnknownThenThrottledAlike() {
		String unknown = "nobody-" + UUID.randomUUID();
		for (int i = 0; i < PER_ACCOUNT; i++) {
			login(this.username, "wrong");
			login(unknown, "wrong");
		}
		// Twice the account budget from one address: within the address's.
		Response known = login(this.username, PASSWORD);
		Response unknownUser = login(unknown, PASSWORD);
		assertProblem(known, 429, "too_many_attempts");
		assertThat(unknownUser.text()).isEqualTo(known.text());
		assertThat(unknownUser.header("Retry-After")).isEqualTo(known.header("Retry-After"));
	}

	@Test
	void loginWhenPasswordRightThenTheAccountsFailuresAreCleared() {
		for (int round = 0; round < 2; round++) {
			for (int i = 0; i < PER_ACCOUNT - 1; i++) {
				assertProblem(login(this.username, "wrong"), 401, "bad_credentials");
			}
			assertThat(login(this.username, PASSWORD).status()).isEqualTo(200);
		}
	}

	@Test
	void loginWhenManyAccountsAreTriedFromOneAddressThenTheAddressIsThrottled() {
		for (int i = 0; i < PER_ADDRESS; i++) {
			assertProblem(login("nobody-" + UUID.randomUUID(), "wrong"), 401, "bad_credentials");
		}
		assertProblem(login(this.username, PASSWORD), 429, "too_many_attempts");
	}

	@Test
	void loginWhenAnOwnAccountLogsInBetweenGuessesThenTheAddressStillCountsEveryGuess() {
		for (int i = 0; i < PER_ADDRESS; i++) {
			assertProblem(login("victim-" + UUID.randomUUID(), "guess"), 401, "bad_credentials");
			if (i < PER_ADDRESS - 1) {
				assertThat(login(this.username, PASSWORD).status()).isEqualTo(200);
			}
		}
		assertProblem(login(this.username, PASSWORD), 429, "too_many_attempts");
	}

	private Response login(String username, String password) {
		return this.client.post("/api/auth/login",
				"{\"username\":\"" + username + "\",\"password\":\"" + password + "\"}");
	}

	private String newUser() {
		String name = "alice-" + UUID.randomUUID();
		this.users.createUser(User.withUsername(name).password("{noop}" + PASSWORD).roles("USER").build());
		return name;
	}

	/**
	 * Records Spring Security's authentication events and counts the passwords checked.
	 */
	@TestConfiguration(proxyBeanMethods = false)
	static class Recorders {

		@Bean
		SecurityEvents securityEvents() {
			return new SecurityEvents();
		}

		@Bean
		CountingPasswordEncoder passwordEncoder() {
			return new CountingPasswordEncoder();
		}

	}

	static class SecurityEvents implements ApplicationListener<AbstractAuthenticationEvent> {

		private final List<AbstractAuthenticationEvent> events = new CopyOnWriteArrayList<>();

		@Override
		public void onApplicationEvent(AbstractAuthenticationEvent event) {
			this.events.add(event);
		}

		List<AbstractAuthenticationEvent> failuresOf(String username) {
			return this.events.stream()
				.filter(AbstractAuthenticationFailureEvent.class::isInstance)
				.filter((event) -> event.getAuthentication().getName().equals(username))
				.toList();
		}

	}

	/**
	 * The application's password encoder, counting each password it checks.
	 */
	static class CountingPasswordEncoder implements PasswordEncoder {

		private final PasswordEncoder delegate = PasswordEncoderFactories.createDelegatingPasswordEncoder();

		private final AtomicInteger checks = new AtomicInteger();

		@Override
		public String encode(CharSequence rawPassword) {
			return this.delegate.encode(rawPassword);
		}

		@Override
		public boolean matches(CharSequence rawPassword, String encodedPassword) {
			this.checks.incrementAndGet();
			return this.delegate.matches(rawPassword, encodedPassword);
		}

		int checks() {
			return this.checks.get();
		}

	}

}
