package dev.springmfa.apps;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.stream.Stream;

import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.platform.commons.support.ReflectionSupport;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import dev.springmfa.apps.AppClient.Response;
import dev.springmfa.totp.Base32;
import dev.springmfa.totp.TotpGenerator;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.Banner;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.context.logging.LoggingApplicationListener;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.security.core.userdetails.User;
import org.springframework.security.provisioning.UserDetailsManager;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * What the starter promises every existing app, proven on one app of the matrix: with
 * {@code mfa.enabled=true}, an enrolled user reaches nothing with the password alone,
 * through any login of the app, and completes with a step-up; users without MFA and
 * {@code permitAll} endpoints see no change. With {@code mfa.enabled} unset, the app has
 * the beans and the answers of the same app without the starter.
 * <p>
 * A subclass is a {@code @SpringBootTest} of its app with {@link #MFA_ON} over a real
 * port, and tells how the app's users are made and how they log in. The app without MFA
 * is started beside it, once with {@code mfa.enabled} unset and once with the starter's
 * auto-configurations excluded.
 */
@ExtendWith(AbstractExistingAppTests.ReferenceAppsExtension.class)
public abstract class AbstractExistingAppTests {

	/**
	 * The properties that turn MFA on in an app of the matrix.
	 */
	public static final String MFA_ON = "mfa.enabled=true\n"
			+ "mfa.encryption.key=AAECAwQFBgcICQoLDA0ODxAREhMUFRYXGBkaGxwdHh8=\n"
			+ "spring.jpa.hibernate.ddl-auto=validate";

	static final String EXCLUDE_STARTER = "dev.springmfa.autoconfigure.MfaAutoConfiguration,"
			+ "dev.springmfa.autoconfigure.MfaWebSecurityAutoConfiguration,"
			+ "dev.springmfa.autoconfigure.MfaRequirementsAutoConfiguration";

	protected static final String PASSWORD = "correct horse battery staple";

	private static volatile @Nullable ReferenceApps referenceApps;

	@LocalServerPort
	protected int port;

	@Autowired
	protected ApplicationContext context;

	@Autowired
	protected SteppingClock clock;

	@Autowired
	protected TotpGenerator totp;

	/**
	 * Return the app under test.
	 * @return its {@code @SpringBootConfiguration} class
	 */
	protected abstract Class<?> application();

	/**
	 * Return the ways of the app to log in with a password, the starter's JSON login
	 * aside.
	 * @return the logins
	 */
	protected abstract List<PasswordLogin> passwordLogins();

	/**
	 * Add a user to the app's store.
	 * @param context the app
	 * @param username the username
	 * @param roles the roles
	 */
	protected void createUser(ApplicationContext context, String username, String... roles) {
		context.getBean(UserDetailsManager.class)
			.createUser(User.withUsername(username).password("{noop}" + PASSWORD).roles(roles).build());
	}

	/**
	 * Return the properties of the app beside MFA, as its test declares them.
	 * @return the properties
	 */
	protected Map<String, String> applicationProperties() {
		return Map.of();
	}

	/**
	 * Return the properties of the database of one of the reference apps that run without
	 * MFA; an in-memory database of its own by default.
	 * @param name the app's name
	 * @return the properties
	 */
	protected Map<String, String> databaseProperties(String name) {
		return Map.of();
	}

	/**
	 * Return whether this test class compares the app with MFA unset and without the
	 * starter; a database variant of an app may leave that to the app's H2 test.
	 * @return whether to compare
	 */
	protected boolean comparesWithoutMfa() {
		return true;
	}

	/**
	 * Return the paths that need a login; an enrolled user reaches them with both factors
	 * only.
	 * @return the paths
	 */
	protected List<String> protectedPaths() {
		return List.of("/api/data", "/api/me");
	}

	/**
	 * Return the paths that need the role {@code ADMIN}.
	 * @return the paths
	 */
	protected List<String> adminPaths() {
		return List.of("/api/admin/data");
	}

	/**
	 * Return the paths open to everyone.
	 * @return the paths
	 */
	protected List<String> openPaths() {
		return List.of("/public/hello");
	}

	/**
	 * Return the path that answers the current login's name and factors.
	 * @return the path
	 */
	protected String mePath() {
		return "/api/me";
	}

	@Test
	void enrolledUserReachesNothingWithThePasswordAloneThroughAnyLoginOfTheApp() {
		String username = newUser("USER", "ADMIN");
		Enrolment enrolment = enrol(username);
		int recoveryCode = 0;
		for (PasswordLogin login : passwordLogins()) {
			AppClient client = login.logIn(this.port, username).client();
			for (String path : concat(protectedPaths(), adminPaths())) {
				if (login.covers(path)) {
					assertMfaRequired(client.get(path), login.name() + " GET " + path);
				}
			}
			assertMfaRequired(client.get("/api/auth/mfa/recovery-codes"), login.name() + " recovery codes");
			assertMfaRequired(client.get("/api/auth/mfa/status"), login.name() + " status");
			String spare = enrolment.recoveryCodes().get(recoveryCode++);
			assertMfaRequired(client.postJson("/api/auth/mfa/totp/deactivate", "{\"code\":\"" + spare + "\"}"),
					login.name() + " deactivate");
		}
		assertThat(enrolment.client().get("/api/auth/mfa/status").body().get("enabled").asBoolean()).isTrue();
	}

	@Test
	void enrolledUserCompletesAnyLoginOfTheAppWithStepUpThenReachesTheEndpoints() {
		String username = newUser("USER", "ADMIN");
		Enrolment enrolment = enrol(username);
		for (PasswordLogin login : passwordLogins()) {
			AppClient client = login.logIn(this.port, username).client();
			String first = concat(protectedPaths(), adminPaths()).stream()
				.filter(login::covers)
				.findFirst()
				.orElseThrow();
			assertMfaRequired(client.get(first), login.name() + " GET " + first);
			Response stepUp = client.postJson("/api/auth/mfa/step-up", "{\"code\":\"" + code(enrolment) + "\"}");
			assertThat(stepUp.status()).as(login.name() + " " + stepUp).isEqualTo(200);
			assertThat(stepUp.body().get("mfaRequired").asBoolean()).isFalse();
			assertThat(stepUp.field("username")).isEqualTo(username);
			for (String path : concat(protectedPaths(), adminPaths())) {
				if (login.covers(path)) {
					Response answer = client.get(path);
					assertThat(answer.status()).as(login.name() + " GET " + path + ": " + answer).isEqualTo(200);
				}
			}
			// A remember-me login carries no password factor of Spring Security's.
			assertThat(factors(client.get(mePath()))).as(login.name()).contains("FACTOR_TOTP");
			assertThat(client.get("/api/auth/mfa/status").status()).as(login.name()).isEqualTo(200);
		}
	}

	@Test
	void enrolledUserCompletesTheJsonLoginWithTheCode() {
		String username = newUser("USER", "ADMIN");
		Enrolment enrolment = enrol(username);
		AppClient browser = new AppClient(this.port);
		Response challenge = browser.postJson("/api/auth/login", credentials(username));
		assertThat(challenge.status()).as(challenge.toString()).isEqualTo(200);
		assertThat(challenge.body().get("mfaRequired").asBoolean()).isTrue();
		for (String path : protectedPaths()) {
			assertThat(browser.get(path).status()).as(path).isNotEqualTo(200);
		}
		Response verified = browser.postJson("/api/auth/mfa/verify", "{\"ephemeralToken\":\""
				+ challenge.field("ephemeralToken") + "\",\"code\":\"" + code(enrolment) + "\"}");
		assertThat(verified.status()).as(verified.toString()).isEqualTo(200);
		for (String path : concat(protectedPaths(), adminPaths())) {
			assertThat(browser.get(path).status()).as(path).isEqualTo(200);
		}
		assertThat(factors(browser.get(mePath()))).containsExactly("FACTOR_PASSWORD", "FACTOR_TOTP");
	}

	@Test
	void openEndpointsStayOpenToEveryone() {
		String username = newUser("USER");
		enrol(username);
		PasswordLogin login = passwordLogins().get(0);
		AppClient passwordOnly = login.logIn(this.port, username).client();
		for (String path : openPaths()) {
			assertThat(new AppClient(this.port).get(path).status()).as("anonymous " + path).isEqualTo(200);
			assertThat(passwordOnly.get(path).status()).as(login.name() + " " + path).isEqualTo(200);
		}
	}

	@Test
	void userWithoutMfaSeesTheAnswersOfTheAppWithoutTheStarter() {
		assumeTrue(comparesWithoutMfa(), "compared by the test of the app on H2");
		String username = "carol-" + UUID.randomUUID();
		createUser(this.context, username, "USER");
		ReferenceApps reference = referenceApps();
		createUser(reference.excluded(), username, "USER");
		List<Answer> withMfa = script(this.port, username).stream().map(Answer::withoutCookies).toList();
		List<Answer> withoutStarter = script(port(reference.excluded()), username).stream()
			.map(Answer::withoutCookies)
			.toList();
		assertThat(withMfa).containsExactlyElementsOf(withoutStarter);
	}

	@Test
	void withMfaUnsetTheAppHasTheBeansOfTheAppWithoutTheStarter() {
		assumeTrue(comparesWithoutMfa(), "compared by the test of the app on H2");
		ReferenceApps reference = referenceApps();
		assertThat(beanNames(reference.unset())).containsExactlyElementsOf(beanNames(reference.excluded()));
	}

	@Test
	void withMfaOnTheAppKeepsEveryBeanOfTheAppWithoutTheStarterAndAddsOnlyTheStarters() {
		assumeTrue(comparesWithoutMfa(), "compared by the test of the app on H2");
		List<String> withoutStarter = beanNames(referenceApps().excluded());
		// Neither the test framework's beans nor the logging system's, which the
		// reference
		// apps leave to this context.
		List<String> withMfa = beanNames(this.context).stream()
			.filter((name) -> !name.startsWith("org.springframework.test.") && !name.startsWith("springBootLogg"))
			.toList();
		assertThat(withMfa).containsAll(withoutStarter);
		assertThat(withMfa.stream().filter((name) -> !withoutStarter.contains(name)))
			.allMatch((name) -> name.startsWith("mfa") || name.startsWith("dev.springmfa."));
	}

	@Test
	void withMfaUnsetTheAppAnswersAsTheAppWithoutTheStarter() {
		assumeTrue(comparesWithoutMfa(), "compared by the test of the app on H2");
		String username = "dave-" + UUID.randomUUID();
		ReferenceApps reference = referenceApps();
		createUser(reference.unset(), username, "USER");
		createUser(reference.excluded(), username, "USER");
		assertThat(script(port(reference.unset()), username))
			.containsExactlyElementsOf(script(port(reference.excluded()), username));
	}

	/**
	 * The requests whose answers must not change: anonymous calls, and the calls of a
	 * user without MFA through each login of the app.
	 * @param port the app's port
	 * @param username a user without MFA
	 * @return the answers
	 */
	protected List<Answer> script(int port, String username) {
		List<Answer> answers = new ArrayList<>();
		List<String> paths = concat(concat(protectedPaths(), adminPaths()), openPaths());
		AppClient anonymous = new AppClient(port);
		for (String path : paths) {
			answers.add(Answer.of("anonymous GET " + path, anonymous.get(path)));
		}
		answers.add(Answer.of("anonymous POST /api/data", anonymous.postJson("/api/data", "{}", false)));
		for (PasswordLogin login : passwordLogins()) {
			LoggedIn loggedIn = login.logIn(port, username);
			if (loggedIn.answer() != null) {
				answers.add(Answer.of(login.name() + " login", loggedIn.answer()));
			}
			for (String path : paths) {
				answers.add(Answer.of(login.name() + " GET " + path, loggedIn.client().get(path)));
			}
			answers.add(Answer.of(login.name() + " POST /api/data without CSRF token",
					loggedIn.client().postJson("/api/data", "{}", false)));
		}
		AppClient wrongPassword = new AppClient(port).basic(username, "wrong");
		answers.add(Answer.of("wrong password GET " + paths.get(0), wrongPassword.get(paths.get(0))));
		return answers;
	}

	protected String newUser(String... roles) {
		String username = "alice-" + UUID.randomUUID();
		createUser(this.context, username, roles);
		return username;
	}

	/**
	 * Turn TOTP on for a user through the starter's JSON endpoints, after a JSON login.
	 * @param username the user
	 * @return the secret, the recovery codes, and the client that turned it on
	 */
	protected Enrolment enrol(String username) {
		AppClient client = new AppClient(this.port);
		Response login = client.postJson("/api/auth/login", credentials(username));
		assertThat(login.status()).as(login.toString()).isEqualTo(200);
		assertThat(login.body().get("mfaRequired").asBoolean()).isFalse();
		Response activation = client.get("/api/auth/mfa/totp/activate");
		assertThat(activation.status()).as(activation.toString()).isEqualTo(200);
		String secret = activation.field("secret");
		Response activated = client.postJson("/api/auth/mfa/totp/activate", "{\"activationToken\":\""
				+ activation.field("activationToken") + "\",\"code\":\"" + code(secret) + "\"}");
		assertThat(activated.status()).as(activated.toString()).isEqualTo(200);
		return new Enrolment(secret, strings(activated.body().get("recoveryCodes")), client);
	}

	protected String code(Enrolment enrolment) {
		return code(enrolment.secret());
	}

	// A time step of its own for every code, so that replay protection never refuses it.
	protected String code(String secret) {
		return this.totp.generate(Base32.decode(secret), this.clock.nextStep());
	}

	protected static String credentials(String username) {
		return "{\"username\":\"" + username + "\",\"password\":\"" + PASSWORD + "\"}";
	}

	protected static List<String> factors(Response me) {
		assertThat(me.status()).as(me.toString()).isEqualTo(200);
		return strings(me.body().get("factors"));
	}

	protected static List<String> strings(JsonNode array) {
		List<String> values = new ArrayList<>();
		array.forEach((node) -> values.add(node.asString()));
		return values;
	}

	protected static void assertMfaRequired(Response response, String description) {
		assertProblem(response, 401, "mfa_required", description);
		JsonNode body = response.body();
		assertThat(strings(body.get("factors"))).as(description)
			.containsExactlyInAnyOrder("FACTOR_TOTP", "FACTOR_RECOVERY_CODE");
		assertThat(body.get("reason").asString()).as(description).isEqualTo("missing");
	}

	protected static void assertProblem(Response response, int status, String code) {
		assertProblem(response, status, code, "");
	}

	protected static void assertProblem(Response response, int status, String code, String description) {
		String as = description + ": " + response;
		assertThat(response.status()).as(as).isEqualTo(status);
		assertThat(response.contentType()).as(as).startsWith("application/problem+json");
		JsonNode body = response.body();
		assertThat(body.get("code").asString()).as(as).isEqualTo(code);
		assertThat(body.get("status").asInt()).as(as).isEqualTo(status);
		assertThat(response.text()).as(as).doesNotContain("Exception").doesNotContain("at dev.");
	}

	@SafeVarargs
	protected static <T> List<T> concat(List<T>... lists) {
		return Arrays.stream(lists).flatMap(List::stream).toList();
	}

	private static List<String> beanNames(ApplicationContext context) {
		return Stream.of(context.getBeanDefinitionNames()).sorted().toList();
	}

	protected static int port(ApplicationContext context) {
		return ((WebServerApplicationContext) context).getWebServer().getPort();
	}

	private ReferenceApps referenceApps() {
		ReferenceApps apps = referenceApps;
		assertThat(apps).as("reference apps of " + getClass().getSimpleName()).isNotNull();
		assertThat(apps.application()).isEqualTo(application());
		return apps;
	}

	// Both at once, while the app with MFA on starts, to keep the matrix fast.
	ReferenceApps startReferenceApps() {
		CompletableFuture<ConfigurableApplicationContext> unset = CompletableFuture
			.supplyAsync(() -> start("unset", Map.of()));
		CompletableFuture<ConfigurableApplicationContext> excluded = CompletableFuture
			.supplyAsync(() -> start("excluded", Map.of("spring.autoconfigure.exclude", EXCLUDE_STARTER)));
		return new ReferenceApps(application(), unset, excluded);
	}

	private ConfigurableApplicationContext start(String name, Map<String, String> properties) {
		Map<String, Object> all = new LinkedHashMap<>();
		all.put("server.port", "0");
		all.putAll(applicationProperties());
		all.putAll(databaseProperties(name));
		all.putAll(properties);
		SpringApplication application = new SpringApplicationBuilder(application()).bannerMode(Banner.Mode.OFF)
			.logStartupInfo(false)
			.properties(all)
			.build();
		// The logging system is the one of the test's own context, which starts at the
		// same
		// time: initialising it again from another thread races with that.
		application.setListeners(application.getListeners()
			.stream()
			.filter((listener) -> !(listener instanceof LoggingApplicationListener))
			.toList());
		return application.run();
	}

	/**
	 * The app with MFA unset and the app without the starter.
	 *
	 * @param application the app
	 * @param starting the app with MFA unset, starting
	 * @param startingExcluded the app without the starter, starting
	 */
	record ReferenceApps(Class<?> application, CompletableFuture<ConfigurableApplicationContext> starting,
			CompletableFuture<ConfigurableApplicationContext> startingExcluded) {

		ConfigurableApplicationContext unset() {
			return this.starting.join();
		}

		ConfigurableApplicationContext excluded() {
			return this.startingExcluded.join();
		}

		void close() {
			this.starting.thenAccept(ConfigurableApplicationContext::close).exceptionally((ex) -> null).join();
			this.startingExcluded.thenAccept(ConfigurableApplicationContext::close).exceptionally((ex) -> null).join();
		}

	}

	/**
	 * Starts the reference apps of a test class before its app with MFA on, and closes
	 * them after its last test.
	 */
	static class ReferenceAppsExtension implements BeforeAllCallback, AfterAllCallback {

		@Override
		public void beforeAll(ExtensionContext context) {
			AbstractExistingAppTests probe = (AbstractExistingAppTests) ReflectionSupport
				.newInstance(context.getRequiredTestClass());
			referenceApps = probe.comparesWithoutMfa() ? probe.startReferenceApps() : null;
		}

		@Override
		public void afterAll(ExtensionContext context) {
			ReferenceApps apps = referenceApps;
			referenceApps = null;
			if (apps != null) {
				apps.close();
			}
		}

	}

	/**
	 * A user with TOTP on.
	 *
	 * @param secret the TOTP secret
	 * @param recoveryCodes the recovery codes
	 * @param client the client that turned it on, logged in with both factors
	 */
	protected record Enrolment(String secret, List<String> recoveryCodes, AppClient client) {

	}

	/**
	 * A client logged in through one of the app's logins.
	 *
	 * @param client the client
	 * @param answer the answer to the login request, where there was one
	 */
	public record LoggedIn(AppClient client, @Nullable Response answer) {

	}

	/**
	 * A way of the app to log in with a password.
	 *
	 * @param name what to call it in a failure
	 * @param pathPrefix the paths that the login's filter chain serves
	 * @param action logs a new client in
	 */
	public record PasswordLogin(String name, String pathPrefix, Action action) {

		public PasswordLogin(String name, Action action) {
			this(name, "/", action);
		}

		public static PasswordLogin httpBasic() {
			return new PasswordLogin("HTTP Basic",
					(port, username) -> new LoggedIn(new AppClient(port).basic(username, PASSWORD), null));
		}

		public static PasswordLogin formLogin(String loginPage) {
			return new PasswordLogin("form login " + loginPage, (port, username) -> {
				AppClient client = new AppClient(port);
				return new LoggedIn(client, client.formLogin(loginPage, username, PASSWORD, false));
			});
		}

		// A browser that ticked "remember me", closed, and came back with that cookie
		// only.
		public static PasswordLogin rememberMe(String loginPage) {
			return new PasswordLogin("remember-me " + loginPage, (port, username) -> {
				AppClient client = new AppClient(port);
				Response login = client.formLogin(loginPage, username, PASSWORD, true);
				return new LoggedIn(client.withOnlyCookie("remember-me"), login);
			});
		}

		/**
		 * Return this login for the paths of one filter chain only.
		 * @param prefix the paths the login's chain serves
		 * @return the login
		 */
		public PasswordLogin only(String prefix) {
			return new PasswordLogin(this.name, prefix, this.action);
		}

		boolean covers(String path) {
			return path.startsWith(this.pathPrefix);
		}

		LoggedIn logIn(int port, String username) {
			return this.action.logIn(port, username);
		}

		/**
		 * Logs a new client in.
		 */
		public interface Action {

			LoggedIn logIn(int port, String username);

		}

	}

	/**
	 * What a test compares of an answer: status, body (without what changes from run to
	 * run: timestamps, CSRF tokens, ports, session ids), {@code WWW-Authenticate},
	 * {@code Location} and the names of the cookies set.
	 *
	 * @param request the request
	 * @param status the status
	 * @param body the body
	 * @param wwwAuthenticate the challenge
	 * @param location the redirect
	 * @param setCookies the names of the cookies set
	 */
	public record Answer(String request, int status, String body, @Nullable String wwwAuthenticate,
			@Nullable String location, List<String> setCookies) {

		static Answer of(String request, Response response) {
			return new Answer(request, response.status(), normalise(response.text()),
					response.header("WWW-Authenticate"), normalise(response.header("Location")),
					response.setCookieNames());
		}

		Answer withoutCookies() {
			return new Answer(this.request, this.status, this.body, this.wwwAuthenticate, this.location, List.of());
		}

		private static @Nullable String normalise(@Nullable String text) {
			if (text == null) {
				return null;
			}
			return text.replaceAll("\"timestamp\":\"[^\"]*\",?", "")
				.replaceAll("name=\"_csrf\" type=\"hidden\" value=\"[^\"]*\"", "name=\"_csrf\"")
				.replaceAll("localhost:\\d+", "localhost")
				.replaceAll(";jsessionid=[^?#\"]*", "");
		}

	}

}
