package dev.springmfa.knownattacks;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import dev.springmfa.apps.AbstractExistingAppTests;
import dev.springmfa.apps.AppClient;
import dev.springmfa.apps.AppClient.Response;
import dev.springmfa.audit.MfaAuditEventType;
import dev.springmfa.audit.RecordingAuditListener;
import dev.springmfa.totp.Base32;
import dev.springmfa.totp.TotpGenerator;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.security.core.userdetails.User;
import org.springframework.security.provisioning.InMemoryUserDetailsManager;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Failures that other second-factor implementations shipped, each played against the
 * starter over HTTP, with its default settings, on a real database. Each test names the
 * case it replays; where a test elsewhere proves the same property more thoroughly, its
 * javadoc says which.
 * <p>
 * The app's clock is {@link AttackClock}: a test moves it a TOTP time step at a time to
 * replay a code while the drift window still holds it, or by whole locks to attack an
 * account for years.
 */
@SpringBootTest(classes = KnownAttacksApp.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
		properties = AbstractExistingAppTests.MFA_ON)
abstract class AbstractKnownAttacksTests {

	static final String PASSWORD = "correct horse battery staple";

	private static final String LOGIN = "/api/auth/login";

	private static final String VERIFY = "/api/auth/mfa/verify";

	private static final String STEP_UP = "/api/auth/mfa/step-up";

	private static final String STATUS = "/api/auth/mfa/status";

	private static final String RECOVERY_CODES = "/api/auth/mfa/recovery-codes";

	private static final String REGENERATE = "/api/auth/mfa/recovery-codes/regenerate";

	private static final String ACTIVATE = "/api/auth/mfa/totp/activate";

	private static final String DEACTIVATE = "/api/auth/mfa/totp/deactivate";

	// mfa.lockout.max-attempts and max-consecutive-failures, at their defaults.
	private static final int BUDGET = 5;

	private static final int MAX_CONSECUTIVE_FAILURES = 100;

	private static final int PARALLEL = 16;

	@LocalServerPort
	int port;

	@Autowired
	AttackClock clock;

	@Autowired
	TotpGenerator totp;

	@Autowired
	InMemoryUserDetailsManager users;

	@Autowired
	RecordingAuditListener audit;

	@Autowired
	JdbcTemplate jdbc;

	/**
	 * Fortify's TOTP (CVE-2022-25838) accepted a code again in the next time step, where
	 * the drift window still held it. Here the step of every accepted code is stored, and
	 * only a later step is accepted after it, on every endpoint that takes a code.
	 * <p>
	 * The concurrent variant, one code sent at once, is
	 * {@code AbstractConcurrencyTests.verifyWhenSixteenThreadsReplayOneTotpCodeThenExactlyOneWins}.
	 */
	@Test
	void fortifyCve202225838CodeAcceptedInOneStepIsRefusedInTheNextThoughTheDriftWindowHoldsIt() {
		Enrolled user = enrol();
		Instant stepT = this.clock.nextStep();
		String code = code(user, this.totp.timeStep(stepT));
		assertThat(verify(user, code).status()).isEqualTo(200);
		Instant stepTPlusOne = this.clock.nextStep();
		// The window of step t+1 still holds the code: only the stored step refuses it.
		assertThat(this.totp.verify(user.secret(), code, stepTPlusOne)).hasValue(this.totp.timeStep(stepT));
		assertProblem(verify(user, code), 401, "invalid_code");
		assertProblem(passwordOnly(user).postJson(STEP_UP, codeBody(code)), 400, "invalid_code");
		assertProblem(user.client().postJson(REGENERATE, codeBody(code)), 400, "invalid_code");
		assertThat(verify(user, code(user, this.totp.timeStep(stepTPlusOne))).status()).isEqualTo(200);
	}

	/**
	 * devise-two-factor (CVE-2021-43177) kept no record of the accepted step, so that a
	 * code could be used again for as long as the drift window held it. Here a code
	 * accepted ahead of time, from a device whose clock runs one step fast, is refused at
	 * every later instant of its window, and so is every code of an earlier step; a code
	 * of a later step is still accepted, and clears the failures the replays counted.
	 */
	@Test
	void deviseTwoFactorCve202143177CodeIsRefusedAcrossItsWholeDriftWindowOnceAccepted() {
		Enrolled user = enrol();
		long step = this.totp.timeStep(this.clock.nextStep());
		String ahead = code(user, step + 1);
		assertThat(verify(user, ahead).status()).isEqualTo(200);
		assertProblem(verify(user, ahead), 401, "invalid_code");
		assertProblem(verify(user, code(user, step)), 401, "invalid_code");
		this.clock.nextStep();
		assertProblem(passwordOnly(user).postJson(STEP_UP, codeBody(ahead)), 400, "invalid_code");
		this.clock.nextStep();
		assertThat(this.totp.verify(user.secret(), ahead, this.clock.instant())).isPresent();
		assertProblem(user.client().postJson(DEACTIVATE, codeBody(ahead)), 400, "invalid_code");
		assertThat(failedAttempts(user)).isEqualTo(4);
		assertThat(passwordOnly(user).postJson(STEP_UP, codeBody(code(user, step + 3))).status()).isEqualTo(200);
		assertThat(failedAttempts(user)).isZero();
		assertThat(this.audit.typesOf(user.username())).filteredOn(MfaAuditEventType.CODE_REPLAY_REFUSED::equals)
			.hasSize(4);
	}

	/**
	 * Keycloak (#26106) let one recovery code log in twice when the requests arrived
	 * together. Here sixteen logins send one recovery code at once, then sixteen
	 * password-only callers step up with another: each code is spent exactly once.
	 * <p>
	 * The same race through the services, on every endpoint that takes a recovery code,
	 * is in {@code AbstractConcurrencyTests}.
	 */
	@Test
	void keycloak26106RecoveryCodeSentByParallelRequestsIsSpentOnce() throws Exception {
		Enrolled user = enrol();
		String first = user.recoveryCodes().get(0);
		List<Callable<Response>> verifies = new ArrayList<>();
		for (int i = 0; i < PARALLEL; i++) {
			Prepared prepared = prepare(new AppClient(this.port));
			String token = ephemeralToken(prepared.client(), user);
			verifies.add(() -> prepared.post(VERIFY, verifyBody(token, first)));
		}
		List<Response> verified = inParallel(verifies);
		assertThat(verified).filteredOn((answer) -> answer.status() == 200).hasSize(1);
		assertThat(verified).filteredOn((answer) -> answer.status() != 200)
			.allSatisfy((answer) -> assertProblemOneOf(answer, 401, "invalid_token", "invalid_code"));
		String second = user.recoveryCodes().get(1);
		List<Callable<Response>> stepUps = new ArrayList<>();
		for (int i = 0; i < PARALLEL; i++) {
			Prepared prepared = prepare(passwordOnly(user));
			stepUps.add(() -> prepared.post(STEP_UP, codeBody(second)));
		}
		List<Response> steppedUp = inParallel(stepUps);
		assertThat(steppedUp).filteredOn((answer) -> answer.status() == 200).hasSize(1);
		assertThat(steppedUp).filteredOn((answer) -> answer.status() != 200)
			.allSatisfy((answer) -> assertProblemOneOf(answer, 0, "invalid_code", "too_many_attempts"));
		assertThat(this.audit.typesOf(user.username())).filteredOn(MfaAuditEventType.RECOVERY_CODE_USED::equals)
			.hasSize(2);
		JsonNode status = user.client().get(STATUS).body();
		assertThat(status.get("recoveryCodesRemaining").asInt()).isEqualTo(user.recoveryCodes().size() - 2);
		assertThat(strings(user.client().get(RECOVERY_CODES).body().get("codes"))).doesNotContain(first, second);
	}

	/**
	 * The "AuthQuake" finding against Microsoft's MFA: attempts were budgeted per
	 * session, so that many sessions opened in parallel, again and again, each tried
	 * codes. Here every round opens eight fresh logins that each try one code at once,
	 * and the attacker waits out each lock: the account's budget bounds the total, five
	 * codes a round, each lock twice as long as the one before, and after 100 codes (NIST
	 * SP 800-63B §5.2.2) none is checked again, however long the attacker waits.
	 * <p>
	 * A single burst of 64 codes on two instances is
	 * {@code AbstractAttemptBudgetTests.attemptWhenSixtyFourWrongCodesArriveAtOnceOnTwoInstancesThenOnlyTheBudgetIsChecked}.
	 */
	@Test
	void authQuakeFreshSessionsInParallelRoundAfterRoundShareOneAccountBudget() throws Exception {
		Enrolled user = enrol();
		int sessionsPerRound = 8;
		int rounds = MAX_CONSECUTIVE_FAILURES / BUDGET;
		Instant start = this.clock.instant();
		for (int round = 1; round <= rounds; round++) {
			String wrongCode = wrongCode(user);
			List<Callable<Response>> attempts = new ArrayList<>();
			for (int session = 0; session < sessionsPerRound; session++) {
				Prepared prepared = prepare(new AppClient(this.port));
				String token = ephemeralToken(prepared.client(), user);
				attempts.add(() -> prepared.post(VERIFY, verifyBody(token, wrongCode)));
			}
			List<Response> answers = inParallel(attempts);
			// The budget's last failure locks: it and every attempt after it answer 429.
			assertThat(answers).as("round " + round)
				.filteredOn((answer) -> answer.status() == 401)
				.hasSize(BUDGET - 1)
				.allSatisfy((answer) -> assertProblem(answer, 401, "invalid_code"));
			assertThat(answers).as("round " + round)
				.filteredOn((answer) -> answer.status() != 401)
				.hasSize(sessionsPerRound - BUDGET + 1)
				.allSatisfy((answer) -> assertProblem(answer, 429, "too_many_attempts"));
			assertThat(failedAttempts(user)).as("round " + round).isEqualTo(round * BUDGET);
			Duration lock = answers.stream()
				.filter((answer) -> answer.status() == 429)
				.map((answer) -> Duration.ofSeconds(Long.parseLong(answer.header("Retry-After"))))
				.max(Duration::compareTo)
				.orElseThrow();
			if (round < rounds) {
				assertThat(lock).as("round " + round).isEqualTo(Duration.ofMinutes(15).multipliedBy(1L << (round - 1)));
			}
			this.clock.advance(lock);
		}
		assertThat(this.audit.typesOf(user.username())).filteredOn(MfaAuditEventType.VERIFY_FAILED::equals)
			.hasSize(MAX_CONSECUTIVE_FAILURES);
		Duration attacked = Duration.between(start, this.clock.instant());
		this.clock.advance(Duration.ofDays(3650));
		assertProblem(verify(user, code(user, this.totp.timeStep(this.clock.instant()))), 429, "too_many_attempts");
		assertThat(failedAttempts(user)).isEqualTo(MAX_CONSECUTIVE_FAILURES);
		System.out.printf(Locale.ROOT,
				"AuthQuake: %d sessions in %d rounds had %d codes checked in %d days, then none in ten years%n",
				sessionsPerRound * rounds, rounds, MAX_CONSECUTIVE_FAILURES, attacked.toDays());
	}

	/**
	 * Keycloak (#31726) lost failed attempts that raced each other, so that parallel
	 * guesses went past the lockout. Here eight logins and eight password-only step-ups
	 * send wrong codes at once: every failure is counted, each exactly once, and the
	 * budget's last one locks.
	 * <p>
	 * Sixteen failures counted without a lock in the way are
	 * {@code AbstractConcurrencyTests.verifyWhenSixteenThreadsSendWrongCodesThenSixteenFailuresAreCounted};
	 * the locks of a burst are {@code AbstractLockoutTests}.
	 */
	@Test
	void keycloak31726FailuresRacingOnVerifyAndStepUpAreEachCountedOnce() throws Exception {
		Enrolled user = enrol();
		String wrongCode = wrongCode(user);
		List<Callable<Response>> attempts = new ArrayList<>();
		for (int i = 0; i < PARALLEL / 2; i++) {
			Prepared login = prepare(new AppClient(this.port));
			String token = ephemeralToken(login.client(), user);
			attempts.add(() -> login.post(VERIFY, verifyBody(token, wrongCode)));
			Prepared passwordOnly = prepare(passwordOnly(user));
			attempts.add(() -> passwordOnly.post(STEP_UP, codeBody(wrongCode)));
		}
		Collections.shuffle(attempts);
		List<Response> answers = inParallel(attempts);
		assertThat(answers).filteredOn((answer) -> answer.status() != 429)
			.hasSize(BUDGET - 1)
			.allSatisfy((answer) -> assertProblemOneOf(answer, 0, "invalid_code"));
		assertThat(answers).filteredOn((answer) -> answer.status() == 429)
			.hasSize(PARALLEL - BUDGET + 1)
			.allSatisfy((answer) -> assertProblem(answer, 429, "too_many_attempts"));
		assertThat(failedAttempts(user)).isEqualTo(BUDGET);
		List<MfaAuditEventType> events = this.audit.typesOf(user.username());
		assertThat(events).filteredOn(MfaAuditEventType.VERIFY_FAILED::equals).hasSize(BUDGET);
		assertThat(events).filteredOn(MfaAuditEventType.LOCKED_OUT::equals).hasSize(1);
	}

	/**
	 * Capgo (PR #3190) let a login that had passed only the password reach privileged
	 * actions. Here neither the half-way state of the starter's own login (password
	 * accepted, code not yet sent) nor a password-only HTTP Basic login of an enrolled
	 * user reaches the app's endpoints or any endpoint that manages the second factor,
	 * even with a right code in hand; nothing changes.
	 * <p>
	 * Every password login of each app of the matrix is
	 * {@code AbstractExistingAppTests.enrolledUserReachesNothingWithThePasswordAloneThroughAnyLoginOfTheApp}.
	 */
	@Test
	void capgo3190PasswordOnlyLoginOfEnrolledUserReachesNoPrivilegedEndpoint() {
		Enrolled user = enrol();
		AppClient halfway = new AppClient(this.port);
		Response challenge = halfway.postJson(LOGIN, credentials(user.username()));
		assertThat(challenge.body().get("mfaRequired").asBoolean()).isTrue();
		assertReachesNothing(user, halfway, "unauthenticated", "JSON login before the code");
		assertReachesNothing(user, passwordOnly(user), "mfa_required", "HTTP Basic");
		JsonNode status = user.client().get(STATUS).body();
		assertThat(status.get("enabled").asBoolean()).isTrue();
		assertThat(strings(user.client().get(RECOVERY_CODES).body().get("codes")))
			.containsExactlyElementsOf(user.recoveryCodes());
		assertThat(this.audit.typesOf(user.username())).doesNotContain(MfaAuditEventType.RECOVERY_CODES_REGENERATED,
				MfaAuditEventType.TOTP_DEACTIVATED);
	}

	private void assertReachesNothing(Enrolled user, AppClient client, String code, String login) {
		for (String path : List.of("/api/data", "/api/me", "/api/admin/data")) {
			Response answer = client.get(path);
			assertThat(answer.status()).as(login + " GET " + path + ": " + answer).isEqualTo(401);
		}
		assertThat(client.postJson("/api/data", "{}").status()).as(login + " POST /api/data").isEqualTo(401);
		String rightCode = code(user, this.totp.timeStep(this.clock.nextStep()));
		String spare = user.recoveryCodes().get(0);
		assertProblem(client.get(STATUS), 401, code, login + " status");
		assertProblem(client.get(RECOVERY_CODES), 401, code, login + " recovery codes");
		assertProblem(client.postJson(REGENERATE, codeBody(rightCode)), 401, code, login + " regenerate");
		assertProblem(client.postJson(DEACTIVATE, codeBody(spare)), 401, code, login + " deactivate");
		assertProblem(client.get(ACTIVATE), 401, code, login + " activation start");
		assertProblem(client.postJson(ACTIVATE, "{\"activationToken\":\"x\",\"code\":\"" + rightCode + "\"}"), 401,
				code, login + " activation");
	}

	/**
	 * Create a user with the roles {@code USER} and {@code ADMIN}, and turn TOTP on
	 * through the JSON endpoints after a JSON login.
	 * @return the user, with the client of the complete login that turned it on
	 */
	Enrolled enrol() {
		String username = "mallory-target-" + UUID.randomUUID();
		this.users.createUser(User.withUsername(username).password("{noop}" + PASSWORD).roles("USER", "ADMIN").build());
		AppClient client = new AppClient(this.port);
		assertThat(client.postJson(LOGIN, credentials(username)).status()).isEqualTo(200);
		Response activation = client.get(ACTIVATE);
		assertThat(activation.status()).as(activation.toString()).isEqualTo(200);
		byte[] secret = Base32.decode(activation.field("secret"));
		String code = this.totp.generate(secret, this.clock.nextStep());
		Response activated = client.postJson(ACTIVATE,
				"{\"activationToken\":\"" + activation.field("activationToken") + "\",\"code\":\"" + code + "\"}");
		assertThat(activated.status()).as(activated.toString()).isEqualTo(200);
		return new Enrolled(username, secret, strings(activated.body().get("recoveryCodes")), client);
	}

	private Response verify(Enrolled user, String code) {
		AppClient client = new AppClient(this.port);
		return client.postJson(VERIFY, verifyBody(ephemeralToken(client, user), code));
	}

	private static String ephemeralToken(AppClient client, Enrolled user) {
		Response challenge = client.postJson(LOGIN, credentials(user.username()));
		assertThat(challenge.status()).as(challenge.toString()).isEqualTo(200);
		return challenge.field("ephemeralToken");
	}

	private AppClient passwordOnly(Enrolled user) {
		return new AppClient(this.port).basic(user.username(), PASSWORD);
	}

	private String code(Enrolled user, long step) {
		return this.totp.generate(user.secret(), step);
	}

	// A code that no step within reach of the drift window matches now.
	private String wrongCode(Enrolled user) {
		long now = this.totp.timeStep(this.clock.instant());
		Set<String> valid = new HashSet<>();
		for (long step = now - 3; step <= now + 3; step++) {
			valid.add(code(user, step));
		}
		for (int candidate = 0;; candidate++) {
			String code = String.format(Locale.ROOT, "%06d", candidate);
			if (!valid.contains(code)) {
				return code;
			}
		}
	}

	private int failedAttempts(Enrolled user) {
		Integer failed = this.jdbc.queryForObject("select failed_attempts from mfa_authenticator where user_id = ?",
				Integer.class, user.username());
		assertThat(failed).isNotNull();
		return failed;
	}

	// The CSRF token is fetched first, so that the raced requests leave together.
	private static Prepared prepare(AppClient client) {
		Response csrf = client.get("/api/auth/csrf");
		assertThat(csrf.status()).isEqualTo(200);
		return new Prepared(client, csrf.field("headerName"), csrf.field("token"));
	}

	static <T> List<T> inParallel(List<Callable<T>> calls) throws Exception {
		ExecutorService executor = Executors.newFixedThreadPool(calls.size());
		try {
			CyclicBarrier start = new CyclicBarrier(calls.size());
			List<Future<T>> futures = new ArrayList<>();
			for (Callable<T> call : calls) {
				futures.add(executor.submit(() -> {
					start.await(30, TimeUnit.SECONDS);
					return call.call();
				}));
			}
			List<T> results = new ArrayList<>();
			for (Future<T> future : futures) {
				results.add(future.get(60, TimeUnit.SECONDS));
			}
			return results;
		}
		finally {
			executor.shutdownNow();
		}
	}

	private static String credentials(String username) {
		return "{\"username\":\"" + username + "\",\"password\":\"" + PASSWORD + "\"}";
	}

	private static String verifyBody(String ephemeralToken, String code) {
		return "{\"ephemeralToken\":\"" + ephemeralToken + "\",\"code\":\"" + code + "\"}";
	}

	private static String codeBody(String code) {
		return "{\"code\":\"" + code + "\"}";
	}

	private static List<String> strings(JsonNode array) {
		List<String> values = new ArrayList<>();
		array.forEach((node) -> values.add(node.asString()));
		return values;
	}

	private static void assertProblem(Response response, int status, String code) {
		assertProblem(response, status, code, "");
	}

	private static void assertProblem(Response response, int status, String code, String description) {
		assertProblem(response, status, new String[] { code }, description);
	}

	// Status 0: whichever status the contract gives the code on this endpoint.
	private static void assertProblemOneOf(Response response, int status, String... codes) {
		assertProblem(response, status, codes, "");
	}

	private static void assertProblem(Response response, int status, String[] codes, String description) {
		String as = description + ": " + response;
		if (status != 0) {
			assertThat(response.status()).as(as).isEqualTo(status);
		}
		assertThat(response.contentType()).as(as).startsWith("application/problem+json");
		JsonNode body = response.body();
		assertThat(body.get("code").asString()).as(as).isIn((Object[]) codes);
		assertThat(body.get("status").asInt()).as(as).isEqualTo(response.status());
	}

	/**
	 * A user with TOTP on.
	 *
	 * @param username the username
	 * @param secret the TOTP secret
	 * @param recoveryCodes the recovery codes shown at activation
	 * @param client the client of the complete login that turned TOTP on
	 */
	record Enrolled(String username, byte[] secret, List<String> recoveryCodes, AppClient client) {

	}

	/**
	 * A client with the CSRF token that its next post sends.
	 *
	 * @param client the client
	 * @param headerName the CSRF header
	 * @param token the CSRF token
	 */
	record Prepared(AppClient client, String headerName, String token) {

		Response post(String path, String body) {
			return this.client.postJson(path, body, this.headerName, this.token);
		}

	}

}
