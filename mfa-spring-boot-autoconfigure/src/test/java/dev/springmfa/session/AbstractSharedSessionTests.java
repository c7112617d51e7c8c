package dev.springmfa.session;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import tools.jackson.databind.JsonNode;

import dev.springmfa.session.SessionBrowser.Response;
import dev.springmfa.totp.Base32;
import dev.springmfa.totp.TotpGenerator;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ApplicationContextInitializer;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.security.core.userdetails.User;
import org.springframework.security.crypto.bcrypt.BCryptPasswordEncoder;
import org.springframework.security.provisioning.InMemoryUserDetailsManager;
import org.springframework.session.FindByIndexNameSessionRepository;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Two instances of one application share their HTTP sessions through Spring Session, as
 * applications behind a load balancer do: a login started on one instance completes on
 * the other, a step-up on one is seen by the other, and turning MFA on through one ends
 * the user's sessions that were logged in on the other. Every request goes over a real
 * port; the browser keeps one cookie jar for both instances.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
abstract class AbstractSharedSessionTests {

	static final String PASSWORD = "correct horse battery staple";

	static final String ENCRYPTION_KEY = "AAECAwQFBgcICQoLDA0ODxAREhMUFRYXGBkaGxwdHh8=";

	final TwoInstanceApplication.MutableClock clock = new TwoInstanceApplication.MutableClock(
			Instant.parse("2026-11-25T10:00:00Z"));

	Instance a;

	Instance b;

	String username;

	// Encoded once, so that both instances hold the same hash, as instances that share a
	// user database do: a {noop} password would be re-encoded by the instance that checks
	// it first (Spring Security's password upgrade), and the other instance's hash would
	// no longer match the password fingerprint in the ephemeral token.
	final String passwordHash = "{bcrypt}" + new BCryptPasswordEncoder().encode(PASSWORD);

	/**
	 * Return the configuration of Spring Session's store that both instances use.
	 * @return the configuration class
	 */
	abstract Class<?> sessionStore();

	/**
	 * Make the shared stores ready and return the properties of the instances.
	 * @return the properties, as command-line arguments
	 */
	abstract List<String> prepareStores();

	@BeforeAll
	void startInstances() {
		List<String> properties = new ArrayList<>(prepareStores());
		properties.addAll(List.of("--server.port=0", "--mfa.enabled=true", "--mfa.encryption.key=" + ENCRYPTION_KEY,
				"--mfa.totp.issuer=Acme", "--spring.application.name=mfa-session-tests",
				"--spring.jpa.hibernate.ddl-auto=validate", "--spring.main.banner-mode=off",
				// The application has no migrations of its own; Boot's Flyway is on this
				// module's test classpath only (the starter runs its own migrations).
				"--spring.flyway.enabled=false"));
		this.a = Instance.of("instance A", start(properties));
		this.b = Instance.of("instance B", start(properties));
	}

	private ConfigurableApplicationContext start(List<String> properties) {
		// One clock for both: the tests move time forward instead of sleeping.
		ApplicationContextInitializer<ConfigurableApplicationContext> sharedClock = (
				context) -> context.getBeanFactory().registerSingleton("clock", this.clock);
		return new SpringApplicationBuilder(TwoInstanceApplication.class, sessionStore()).initializers(sharedClock)
			.run(properties.toArray(String[]::new));
	}

	@AfterAll
	void stopInstances() {
		if (this.b != null) {
			this.b.close();
		}
		if (this.a != null) {
			this.a.close();
		}
	}

	@BeforeEach
	void createUser() {
		this.username = "alice-" + UUID.randomUUID();
		// Each instance has its own in-memory store of the same users.
		for (Instance instance : List.of(this.a, this.b)) {
			instance.bean(InMemoryUserDetailsManager.class)
				.createUser(User.withUsername(this.username).password(this.passwordHash).roles("USER").build());
		}
	}

	@Test
	void instancesWhenStartedThenShareOneSpringSessionStore() {
		for (Instance instance : List.of(this.a, this.b)) {
			assertThat(instance.bean(FindByIndexNameSessionRepository.class)).as(instance.name())
				.isInstanceOf(indexedRepository());
		}
		SessionBrowser browser = new SessionBrowser();
		assertThat(login(browser, this.b).status()).isEqualTo(200);
		// A session of instance B, found by its user through instance A's repository.
		assertThat(browser.sessionCookie()).isNotNull();
		assertThat(sessionsOf(this.username)).containsOnlyKeys(decode(browser.sessionCookie()));
		assertThat(factors(browser, this.a)).containsExactly("FACTOR_PASSWORD");
		assertThat(this.a.port()).isNotEqualTo(this.b.port());
	}

	/**
	 * Return the type of Spring Session's repository with the principal index.
	 * @return the type
	 */
	abstract Class<?> indexedRepository();

	@Test
	void loginWhenStartedOnOneInstanceThenVerifyCompletesItOnTheOther() {
		String secret = enableMfa(new SessionBrowser(), this.a);
		SessionBrowser browser = new SessionBrowser();

		Response challenge = login(browser, this.a);
		assertThat(challenge.status()).as(challenge.toString()).isEqualTo(200);
		assertThat(challenge.body().get("mfaRequired").asBoolean()).isTrue();
		String sessionBeforeVerify = browser.sessionCookie();
		assertThat(sessionBeforeVerify).as("the CSRF token lives in the shared session").isNotNull();
		// Nothing is authenticated yet, on either instance.
		assertThat(browser.get(this.a, "/api/auth/user").status()).isEqualTo(401);
		assertThat(browser.get(this.b, "/api/auth/user").status()).isEqualTo(401);

		this.clock.advance(Duration.ofSeconds(30));
		Response verified = verify(browser, this.b, challenge.field("ephemeralToken"), code(secret));
		assertThat(verified.status()).as(verified.toString()).isEqualTo(200);
		assertThat(verified.body().get("mfaRequired").asBoolean()).isFalse();
		assertThat(verified.field("username")).isEqualTo(this.username);
		assertThat(browser.sessionCookie()).as("a completed login gets a new session id")
			.isNotNull()
			.isNotEqualTo(sessionBeforeVerify);

		for (Instance instance : List.of(this.a, this.b)) {
			assertThat(factors(browser, instance)).as(instance.name())
				.containsExactly("FACTOR_PASSWORD", "FACTOR_TOTP");
			Response status = browser.get(instance, "/api/auth/mfa/status");
			assertThat(status.status()).as(instance + ": " + status).isEqualTo(200);
			assertThat(status.body().get("enabled").asBoolean()).isTrue();
			assertThat(browser.get(instance, "/api/sensitive").status()).as(instance.name()).isEqualTo(200);
		}
		// A POST with the session's CSRF token works on both instances too.
		assertThat(browser.post(this.a, "/api/auth/mfa/totp/deactivate", "{\"code\":\"000000\"}").status())
			.isEqualTo(400);
		assertThat(browser.post(this.b, "/api/auth/mfa/totp/deactivate", "{\"code\":\"000000\"}").status())
			.isEqualTo(400);
	}

	@Test
	void csrfTokenWhenReadOnOneInstanceThenTheOtherTakesItUntilALoginRenewsIt() {
		SessionBrowser browser = new SessionBrowser();
		String token = browser.csrfToken(this.a);
		Response login = browser.postWithToken(this.b, "/api/auth/login",
				"{\"username\":\"" + this.username + "\",\"password\":\"" + PASSWORD + "\"}", token);
		assertThat(login.status()).as(login.toString()).isEqualTo(200);

		// The login gave the session a new id and a new token, in the shared store.
		assertThat(browser.postWithToken(this.a, "/api/auth/logout", "", token).status()).isEqualTo(403);
		assertThat(browser.get(this.b, "/api/auth/user").status()).isEqualTo(200);
		String renewed = browser.csrfToken(this.b);
		assertThat(renewed).isNotEqualTo(token);
		assertThat(browser.postWithToken(this.a, "/api/auth/logout", "", renewed).status()).isEqualTo(204);
		assertThat(browser.get(this.b, "/api/auth/user").status()).isEqualTo(401);
	}

	@Test
	void stepUpWhenMadeOnOneInstanceThenTheOtherSeesTheFreshFactor() {
		String secret = enableMfa(new SessionBrowser(), this.a);
		SessionBrowser browser = new SessionBrowser();
		String ephemeralToken = login(browser, this.a).field("ephemeralToken");
		this.clock.advance(Duration.ofSeconds(30));
		assertThat(verify(browser, this.a, ephemeralToken, code(secret)).status()).isEqualTo(200);
		assertThat(browser.get(this.b, "/api/sensitive").status()).isEqualTo(200);

		this.clock.advance(Duration.ofMinutes(6));
		for (Instance instance : List.of(this.a, this.b)) {
			Response tooOld = browser.get(instance, "/api/sensitive");
			assertProblem(tooOld, 401, "mfa_required");
			assertThat(tooOld.field("reason")).as(instance.name()).isEqualTo("expired");
			// The rest of the application still takes the login.
			assertThat(browser.get(instance, "/api/auth/user").status()).as(instance.name()).isEqualTo(200);
		}

		String sessionBeforeStepUp = browser.sessionCookie();
		Response stepUp = stepUp(browser, this.a, code(secret));
		assertThat(stepUp.status()).as(stepUp.toString()).isEqualTo(200);
		assertThat(stepUp.body().get("mfaRequired").asBoolean()).isFalse();
		assertThat(stepUp.field("username")).isEqualTo(this.username);
		assertThat(browser.sessionCookie()).as("step-up changes the session id").isNotEqualTo(sessionBeforeStepUp);

		Response fresh = browser.get(this.b, "/api/sensitive");
		assertThat(fresh.status()).as(fresh.toString()).isEqualTo(200);
		assertThat(browser.get(this.a, "/api/sensitive").status()).isEqualTo(200);
		assertThat(factors(browser, this.b)).containsExactly("FACTOR_PASSWORD", "FACTOR_TOTP");
	}

	@Test
	void stepUpWhenFormLoginOnOneInstanceThenCompletesTheLoginForTheOther() {
		String secret = enableMfa(new SessionBrowser(), this.a);
		SessionBrowser browser = new SessionBrowser();
		Response formLogin = formLogin(browser, this.b);
		assertThat(formLogin.status()).as(formLogin.toString()).isEqualTo(200);
		// The password alone reaches nothing, on either instance.
		assertProblem(browser.get(this.a, "/api/auth/user"), 401, "mfa_required");
		assertProblem(browser.get(this.b, "/api/auth/user"), 401, "mfa_required");
		assertProblem(browser.get(this.a, "/api/auth/mfa/status"), 401, "mfa_required");

		this.clock.advance(Duration.ofSeconds(30));
		Response stepUp = stepUp(browser, this.a, code(secret));
		assertThat(stepUp.status()).as(stepUp.toString()).isEqualTo(200);

		for (Instance instance : List.of(this.a, this.b)) {
			assertThat(factors(browser, instance)).as(instance.name())
				.containsExactly("FACTOR_PASSWORD", "FACTOR_TOTP");
			assertThat(browser.get(instance, "/api/sensitive").status()).as(instance.name()).isEqualTo(200);
			assertThat(browser.get(instance, "/api/auth/mfa/status").status()).as(instance.name()).isEqualTo(200);
		}
	}

	@Test
	void activateWhenMadeOnOneInstanceThenSessionsOnTheOtherEnd() {
		SessionBrowser jsonLogin = new SessionBrowser();
		assertThat(login(jsonLogin, this.b).status()).isEqualTo(200);
		SessionBrowser formLogin = new SessionBrowser();
		assertThat(formLogin(formLogin, this.b).status()).isEqualTo(200);
		for (SessionBrowser other : List.of(jsonLogin, formLogin)) {
			assertThat(other.get(this.a, "/api/auth/user").status()).isEqualTo(200);
			assertThat(other.get(this.b, "/api/auth/user").status()).isEqualTo(200);
		}
		assertThat(sessionsOf(this.username)).hasSize(2);

		SessionBrowser activating = new SessionBrowser();
		assertThat(login(activating, this.a).status()).isEqualTo(200);
		String activatingSession = activating.sessionCookie();
		Response activation = activating.get(this.a, "/api/auth/mfa/totp/activate");
		assertThat(activation.status()).as(activation.toString()).isEqualTo(200);
		String secret = activation.field("secret");
		Response activated = activating.post(this.a, "/api/auth/mfa/totp/activate", "{\"activationToken\":\""
				+ activation.field("activationToken") + "\",\"code\":\"" + code(secret) + "\"}");
		assertThat(activated.status()).as(activated.toString()).isEqualTo(200);
		assertThat(activated.body().get("enabled").asBoolean()).isTrue();

		// Only the session that turned MFA on is left in the shared store.
		assertThat(sessionsOf(this.username)).containsOnlyKeys(decode(activatingSession));
		for (SessionBrowser other : List.of(jsonLogin, formLogin)) {
			for (Instance instance : List.of(this.a, this.b)) {
				Response ended = other.get(instance, "/api/auth/user");
				// The application's own entry point: no login at all, not a missing
				// factor.
				assertThat(ended.status()).as(instance + ": " + ended).isEqualTo(401);
				assertThat(ended.text()).as(instance.name()).doesNotContain("mfa_required");
			}
		}
		for (Instance instance : List.of(this.a, this.b)) {
			assertThat(factors(activating, instance)).as(instance.name())
				.containsExactly("FACTOR_PASSWORD", "FACTOR_TOTP");
			assertThat(activating.get(instance, "/api/sensitive").status()).as(instance.name()).isEqualTo(200);
			assertThat(activating.get(instance, "/api/auth/mfa/recovery-codes").status()).as(instance.name())
				.isEqualTo(200);
		}
		assertThat(activating.sessionCookie()).isEqualTo(activatingSession);
	}

	@Test
	void activateWhenUsersSessionsOnBothInstancesThenOtherUsersKeepTheirs() {
		String bystander = "bob-" + UUID.randomUUID();
		for (Instance instance : List.of(this.a, this.b)) {
			instance.bean(InMemoryUserDetailsManager.class)
				.createUser(User.withUsername(bystander).password(this.passwordHash).roles("USER").build());
		}
		SessionBrowser bob = new SessionBrowser();
		Response bobLogin = bob.post(this.b, "/api/auth/login",
				"{\"username\":\"" + bystander + "\",\"password\":\"" + PASSWORD + "\"}");
		assertThat(bobLogin.status()).isEqualTo(200);

		enableMfa(new SessionBrowser(), this.a);

		assertThat(factors(bob, this.a)).containsExactly("FACTOR_PASSWORD");
		assertThat(factors(bob, this.b)).containsExactly("FACTOR_PASSWORD");
		assertThat(sessionsOf(bystander)).hasSize(1);
	}

	// The session ids that Spring Session's index holds for a user, read through the
	// repository of instance A (both share it).
	Map<String, ?> sessionsOf(String username) {
		@SuppressWarnings("unchecked")
		FindByIndexNameSessionRepository<?> sessions = this.a.bean(FindByIndexNameSessionRepository.class);
		return sessions.findByPrincipalName(username);
	}

	// The cookie carries the session id in base64 (Spring Session's
	// DefaultCookieSerializer).
	static String decode(String cookie) {
		return new String(Base64.getDecoder().decode(cookie), StandardCharsets.UTF_8);
	}

	String enableMfa(SessionBrowser browser, Instance on) {
		assertThat(login(browser, on).status()).isEqualTo(200);
		Response activation = browser.get(on, "/api/auth/mfa/totp/activate");
		assertThat(activation.status()).as(activation.toString()).isEqualTo(200);
		String secret = activation.field("secret");
		Response activated = browser.post(on, "/api/auth/mfa/totp/activate", "{\"activationToken\":\""
				+ activation.field("activationToken") + "\",\"code\":\"" + code(secret) + "\"}");
		assertThat(activated.status()).as(activated.toString()).isEqualTo(200);
		return secret;
	}

	Response login(SessionBrowser browser, Instance on) {
		return browser.post(on, "/api/auth/login",
				"{\"username\":\"" + this.username + "\",\"password\":\"" + PASSWORD + "\"}");
	}

	Response formLogin(SessionBrowser browser, Instance on) {
		return browser.postForm(on, "/login", "username=" + URLEncoder.encode(this.username, StandardCharsets.UTF_8)
				+ "&password=" + URLEncoder.encode(PASSWORD, StandardCharsets.UTF_8));
	}

	static Response verify(SessionBrowser browser, Instance on, String ephemeralToken, String code) {
		return browser.post(on, "/api/auth/mfa/verify",
				"{\"ephemeralToken\":\"" + ephemeralToken + "\",\"code\":\"" + code + "\"}");
	}

	static Response stepUp(SessionBrowser browser, Instance on, String code) {
		return browser.post(on, "/api/auth/mfa/step-up", "{\"code\":\"" + code + "\"}");
	}

	String code(String secret) {
		return this.a.bean(TotpGenerator.class).generate(Base32.decode(secret), this.clock.instant());
	}

	static List<String> factors(SessionBrowser browser, Instance on) {
		Response user = browser.get(on, "/api/auth/user");
		assertThat(user.status()).as(on + ": " + user).isEqualTo(200);
		List<String> factors = new ArrayList<>();
		user.body().get("factors").forEach((node) -> factors.add(node.asString()));
		return factors;
	}

	static void assertProblem(Response response, int status, String code) {
		assertThat(response.status()).as(response.toString()).isEqualTo(status);
		assertThat(response.contentType()).startsWith("application/problem+json");
		JsonNode body = response.body();
		assertThat(body.get("code").asString()).as(response.toString()).isEqualTo(code);
	}

}
