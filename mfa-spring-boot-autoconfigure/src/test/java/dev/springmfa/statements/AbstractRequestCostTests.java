package dev.springmfa.statements;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.function.Supplier;

import org.junit.jupiter.api.BeforeEach;
import tools.jackson.databind.JsonNode;

import dev.springmfa.apps.AbstractExistingAppTests;
import dev.springmfa.apps.AppClient;
import dev.springmfa.apps.AppClient.Response;
import dev.springmfa.apps.SteppingClock;
import dev.springmfa.totp.Base32;
import dev.springmfa.totp.TotpGenerator;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.security.core.userdetails.User;
import org.springframework.security.provisioning.JdbcUserDetailsManager;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Measures one request at a time against {@link RequestCost}: the statements, the
 * transactions and the pool connections that {@link DatabaseCalls} counts from the moment
 * the request is sent until it has left the app. What prepares a request (its users,
 * logins, enrolment and CSRF token) is sent before the count starts.
 * <p>
 * The starter deletes expired tokens from a login at most once a minute on each instance
 * ({@code ExpiredRecordCleanup}), so whether a measured request ran the deletion would
 * depend on the requests before it. Before each measured request a login of each kind
 * runs the deletion if it is due, at the clock's time, which stays put until the measured
 * request is answered: the measured request never finds it due, as almost no request of a
 * busy app does.
 */
abstract class AbstractRequestCostTests {

	static final String PROPERTIES = AbstractExistingAppTests.MFA_ON + "\nspring.jpa.open-in-view=false\n"
			+ "spring.sql.init.schema-locations=classpath:apps/jdbc-users-schema.sql";

	private static final String PASSWORD = "password";

	@LocalServerPort
	int port;

	@Autowired
	DatabaseCalls database;

	@Autowired
	RequestsInFlight requests;

	@Autowired
	SteppingClock clock;

	@Autowired
	TotpGenerator totp;

	@Autowired
	JdbcUserDetailsManager users;

	private String warmUpUser = "";

	private String warmUpMfaUser = "";

	@BeforeEach
	void createWarmUpUsers() {
		this.warmUpUser = newUser();
		this.warmUpMfaUser = enrolledUser().username();
	}

	/**
	 * Send a {@code GET} and assert that it answers 200 and what it cost.
	 * @param expected the row of the table that the request costs
	 * @param client the client, logged in as the request needs
	 * @param path the path
	 * @return the answer
	 */
	Response assertCostOfGet(RequestCost expected, AppClient client, String path) {
		runDueCleanups();
		return assertCost(expected, 200, () -> client.get(path));
	}

	/**
	 * Send a JSON {@code POST} and assert its answer and what it cost.
	 * @param expected the row of the table that the request costs
	 * @param client the client, logged in as the request needs
	 * @param path the path
	 * @param body the JSON body
	 * @param status the status of the answer
	 * @return the answer
	 */
	Response assertCostOfPost(RequestCost expected, AppClient client, String path, String body, int status) {
		runDueCleanups();
		// A SPA holds its CSRF token already.
		Response csrf = client.get("/api/auth/csrf");
		return assertCost(expected, status,
				(csrf.status() == 200)
						? () -> client.postJson(path, body, csrf.field("headerName"), csrf.field("token"))
						: () -> client.postJson(path, body, false));
	}

	private Response assertCost(RequestCost expected, int status, Supplier<Response> request) {
		this.database.reset();
		Response answer = request.get();
		this.requests.awaitNone();
		DatabaseCalls.Usage usage = this.database.usage();
		String name = expected + " (" + expected.request() + ")";
		assertThat(answer.status()).as(() -> name + " answered " + answer + ":\n" + usage.trace()).isEqualTo(status);
		assertThat(usage.cost())
			.as(() -> name + " cost " + usage.cost() + ", the table says " + expected.cost() + ":\n" + usage.trace())
			.isEqualTo(expected.cost());
		return answer;
	}

	// Expired tokens are deleted from logins; see the class javadoc.
	private void runDueCleanups() {
		assertThat(logIn(new AppClient(this.port), this.warmUpUser).status()).isEqualTo(200);
		assertThat(logIn(new AppClient(this.port), this.warmUpMfaUser).status()).isEqualTo(200);
	}

	String newUser() {
		String username = "user-" + UUID.randomUUID();
		this.users.createUser(User.withUsername(username).password("{noop}" + PASSWORD).roles("USER").build());
		return username;
	}

	/**
	 * Make a user and turn TOTP on for it through the starter's endpoints.
	 * @return the user, its secret and its recovery codes
	 */
	Enrolled enrolledUser() {
		String username = newUser();
		AppClient client = loggedIn(username);
		Response activation = client.get("/api/auth/mfa/totp/activate");
		assertThat(activation.status()).as(activation.toString()).isEqualTo(200);
		String secret = activation.field("secret");
		Response activated = client.postJson("/api/auth/mfa/totp/activate",
				activationBody(activation.field("activationToken"), code(secret)));
		assertThat(activated.status()).as(activated.toString()).isEqualTo(200);
		List<String> recoveryCodes = new ArrayList<>();
		activated.body().get("recoveryCodes").forEach((code) -> recoveryCodes.add(code.asString()));
		return new Enrolled(username, secret, recoveryCodes);
	}

	/**
	 * Log a user without MFA in.
	 * @param username the user
	 * @return a client that holds the login
	 */
	AppClient loggedIn(String username) {
		AppClient client = new AppClient(this.port);
		Response login = logIn(client, username);
		assertThat(login.status()).as(login.toString()).isEqualTo(200);
		assertThat(login.body().get("mfaRequired").asBoolean()).isFalse();
		return holding(client, login);
	}

	/**
	 * Log a user with MFA in, with both factors.
	 * @param user the user
	 * @return a client that holds the login
	 */
	AppClient loggedIn(Enrolled user) {
		AppClient client = new AppClient(this.port);
		Response verified = client.postJson("/api/auth/mfa/verify",
				verifyBody(ephemeralToken(client, user), code(user.secret())));
		assertThat(verified.status()).as(verified.toString()).isEqualTo(200);
		return holding(client, verified);
	}

	String ephemeralToken(AppClient client, Enrolled user) {
		Response challenge = logIn(client, user.username());
		assertThat(challenge.status()).as(challenge.toString()).isEqualTo(200);
		assertThat(challenge.body().get("mfaRequired").asBoolean()).isTrue();
		return challenge.field("ephemeralToken");
	}

	Response logIn(AppClient client, String username) {
		return client.postJson("/api/auth/login", loginBody(username));
	}

	// A completed login of jwt mode hands out tokens instead of a session.
	static AppClient holding(AppClient client, Response login) {
		JsonNode accessToken = login.body().get("accessToken");
		return (accessToken != null) ? client.bearer(accessToken.asString()) : client;
	}

	/**
	 * Return the code of the next time step, and move the clock there: replay protection
	 * refuses a second code of one step.
	 * @param secret the user's secret
	 * @return the code
	 */
	String code(String secret) {
		return this.totp.generate(Base32.decode(secret), this.clock.nextStep());
	}

	/**
	 * Return a code that no time step the starter accepts now has.
	 * @param secret the user's secret
	 * @return the code
	 */
	String wrongCode(String secret) {
		long now = this.totp.timeStep(this.clock.instant());
		Set<String> accepted = new HashSet<>();
		for (long step = now - 10; step <= now + 10; step++) {
			accepted.add(this.totp.generate(Base32.decode(secret), step));
		}
		int code = 0;
		while (accepted.contains(String.format("%06d", code))) {
			code++;
		}
		return String.format("%06d", code);
	}

	static String loginBody(String username) {
		return "{\"username\":\"" + username + "\",\"password\":\"" + PASSWORD + "\"}";
	}

	static String verifyBody(String ephemeralToken, String code) {
		return "{\"ephemeralToken\":\"" + ephemeralToken + "\",\"code\":\"" + code + "\"}";
	}

	static String activationBody(String activationToken, String code) {
		return "{\"activationToken\":\"" + activationToken + "\",\"code\":\"" + code + "\"}";
	}

	static String codeBody(String code) {
		return "{\"code\":\"" + code + "\"}";
	}

	/**
	 * A user with TOTP on.
	 *
	 * @param username the user
	 * @param secret the TOTP secret, in Base32
	 * @param recoveryCodes the unused recovery codes
	 */
	record Enrolled(String username, String secret, List<String> recoveryCodes) {

	}

}
