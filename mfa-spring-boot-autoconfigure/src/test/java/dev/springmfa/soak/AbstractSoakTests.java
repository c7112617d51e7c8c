package dev.springmfa.soak;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.LongAdder;
import java.util.concurrent.locks.ReentrantLock;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import javax.sql.DataSource;

import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import dev.springmfa.MfaErrorCode;
import dev.springmfa.apps.AppDatabases;
import dev.springmfa.audit.MfaAuditEventType;
import dev.springmfa.audit.RecordingAuditListener;
import dev.springmfa.authenticator.TotpAuthenticatorService;
import dev.springmfa.recovery.RecoveryCodeGenerator;
import dev.springmfa.totp.Base32;
import dev.springmfa.totp.TotpGenerator;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.security.core.userdetails.User;
import org.springframework.security.provisioning.InMemoryUserDetailsManager;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Sixty-four clients for {@code mfa.soak.duration} (a minute in the {@code long} profile)
 * against two instances of the app in jwt mode on one database, over real ports: logins,
 * verifies with TOTP codes, recovery codes and wrong codes, step-ups, refreshes,
 * activations, regenerations, deactivations and status reads, mixed at random over 32
 * users, so that several clients act on each user at once. The clock of both instances
 * and of the clients runs ten times as fast (see {@link SoakApp.FastClock}).
 * <p>
 * Nothing may fail: no 5xx, no answer outside the contract, no error a client sees that
 * is not a problem document of the contract (a deadlock that reached a client would be
 * one). Nothing may be lost; three observers that do not share state must agree: what the
 * clients saw, the audit events of both instances, and a log that database triggers write
 * of every insert, update and delete of an authenticator row and every update of a
 * recovery code row, in the order the row locks gave them:
 * <ul>
 * <li>each authenticator row's log is a chain: each update starts from the values the one
 * before left (no lost update), and is one failure counted, one TOTP code accepted with a
 * later time step than any before, or one recovery code accepted;</li>
 * <li>the failures in the log are the {@code VERIFY_FAILED} events of both instances, at
 * least the clients' {@code invalid_code} answers and at most those and their 429s;</li>
 * <li>the TOTP codes accepted in the log are the clients' successes with a TOTP code, so
 * that no time step, and no code, was accepted twice;</li>
 * <li>each recovery code row is spent at most once, and never after it was spent; the
 * spends are the clients' successes with a recovery code and the
 * {@code RECOVERY_CODE_USED} events, and no client saw one code accepted twice;</li>
 * <li>activations and deactivations are the inserts and deletes of the log; afterwards,
 * each user's recovery codes on the server are exactly those the clients were given and
 * did not spend.</li>
 * </ul>
 */
abstract class AbstractSoakTests {

	/**
	 * The database of the soak, made empty for it.
	 */
	static final String DATABASE = "mfa_soak";

	private static final int THREADS = 64;

	private static final int USERS = 32;

	private static final String PASSWORD = "correct horse battery staple";

	private static final JsonMapper JSON = JsonMapper.builder().build();

	private static final Set<String> ERROR_CODES = Stream.of(MfaErrorCode.values())
		.map(MfaErrorCode::code)
		.collect(Collectors.toSet());

	private static final Clock CLOCK = new SoakApp.FastClock();

	private final Map<String, LongAdder> outcomes = new ConcurrentHashMap<>();

	private final List<String> failures = new CopyOnWriteArrayList<>();

	private final Set<String> spentRecoveryCodes = ConcurrentHashMap.newKeySet();

	private final LongAdder totpAccepted = new LongAdder();

	private final LongAdder recoveryAccepted = new LongAdder();

	private final LongAdder codesSent = new LongAdder();

	private final LongAdder invalidCodes = new LongAdder();

	private final LongAdder codeLocks = new LongAdder();

	private final LongAdder activations = new LongAdder();

	private final LongAdder deactivations = new LongAdder();

	private final LongAdder regenerations = new LongAdder();

	private final HttpClient http = HttpClient.newBuilder()
		.version(HttpClient.Version.HTTP_1_1)
		.connectTimeout(Duration.ofSeconds(30))
		.build();

	private List<Integer> ports = List.of();

	private TotpGenerator totp;

	@Test
	void sixtyFourClientsOnTwoInstancesGetNoServerErrorAndLoseNothing() throws Exception {
		Duration duration = Duration
			.parse("PT" + System.getProperty("mfa.soak.duration", "10s").toUpperCase(Locale.ROOT));
		Map<String, String> dataSource = recreateDatabase();
		ConfigurableApplicationContext one = start(dataSource);
		ConfigurableApplicationContext two = start(dataSource);
		try {
			JdbcTemplate jdbc = new JdbcTemplate(one.getBean(DataSource.class));
			installLogs(jdbc);
			this.totp = one.getBean(TotpGenerator.class);
			this.ports = List.of(port(one), port(two));
			List<Account> accounts = new ArrayList<>();
			for (int i = 0; i < USERS; i++) {
				Account account = new Account("soak-" + i);
				for (ConfigurableApplicationContext instance : List.of(one, two)) {
					instance.getBean(InMemoryUserDetailsManager.class)
						.createUser(User.withUsername(account.username).password("{noop}" + PASSWORD).build());
				}
				accounts.add(account);
			}
			warmUp(accounts);
			long deadlocksBefore = deadlocks(jdbc);
			long requests = run(accounts, duration);
			long deadlocks = deadlocks(jdbc) - deadlocksBefore;
			assertThat(this.failures).as("answers outside the contract").isEmpty();
			Log log = Log.read(jdbc);
			List<RecordingAuditListener> audits = List.of(one.getBean(RecordingAuditListener.class),
					two.getBean(RecordingAuditListener.class));
			assertThat(log.errors()).as("authenticator rows whose log is not a chain of single steps").isEmpty();
			assertThat(log.failures()).as("failures counted")
				.isEqualTo(events(audits, accounts, MfaAuditEventType.VERIFY_FAILED))
				.isBetween(this.invalidCodes.sum(), this.invalidCodes.sum() + this.codeLocks.sum());
			assertThat(log.totpAcceptances()).as("TOTP codes accepted").isEqualTo(this.totpAccepted.sum());
			assertThat(log.recoveryAcceptances()).as("recovery codes accepted")
				.isEqualTo(this.recoveryAccepted.sum())
				.isEqualTo(this.spentRecoveryCodes.size())
				.isEqualTo(events(audits, accounts, MfaAuditEventType.RECOVERY_CODE_USED));
			assertRecoveryCodesSpentOnce(jdbc, log.recoveryAcceptances());
			assertThat(log.inserts()).as("activations").isEqualTo(this.activations.sum());
			assertThat(log.deletes()).as("deactivations").isEqualTo(this.deactivations.sum());
			assertThat(events(audits, accounts, MfaAuditEventType.RECOVERY_CODES_REGENERATED)).as("regenerations")
				.isEqualTo(this.regenerations.sum());
			TotpAuthenticatorService authenticators = one.getBean(TotpAuthenticatorService.class);
			for (Account account : accounts) {
				Enrolment enrolment = account.enrolment;
				assertThat(authenticators.status(account.username).enabled()).as(account.username)
					.isEqualTo(enrolment != null);
				if (enrolment != null) {
					assertThat(authenticators.recoveryCodes(account.username).codes()).as(account.username)
						.containsExactlyInAnyOrderElementsOf(enrolment.recoveryCodes());
				}
			}
			System.out.printf(Locale.ROOT,
					"%s: %d clients for %ds on 2 instances, %d requests (%.0f/s), %d codes sent; TOTP accepted %d, "
							+ "recovery codes spent %d, failures counted %d, activations %d, regenerations %d, "
							+ "deactivations %d; deadlocks the server detected meanwhile (whole database) %d; "
							+ "answers: %s%n",
					getClass().getSimpleName(), THREADS, duration.toSeconds(), requests,
					requests / (double) duration.toSeconds(), this.codesSent.sum(), this.totpAccepted.sum(),
					this.recoveryAccepted.sum(), log.failures(), this.activations.sum(), this.regenerations.sum(),
					this.deactivations.sum(), deadlocks, new TreeMap<>(this.outcomes));
		}
		finally {
			two.close();
			one.close();
		}
	}

	// Every user logs in once on each instance before the clock starts, so that the soak
	// measures warm instances; these requests are not counted.
	private void warmUp(List<Account> accounts) {
		for (int port : this.ports) {
			for (Account account : accounts) {
				HttpRequest login = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/api/auth/login"))
					.header("Content-Type", "application/json")
					.POST(HttpRequest.BodyPublishers
						.ofString(JSON.writeValueAsString(Map.of("username", account.username, "password", PASSWORD))))
					.build();
				try {
					assertThat(this.http.send(login, HttpResponse.BodyHandlers.ofString()).statusCode()).isEqualTo(200);
				}
				catch (Exception ex) {
					throw new IllegalStateException(ex);
				}
			}
		}
	}

	private long run(List<Account> accounts, Duration duration) throws Exception {
		ExecutorService executor = Executors.newFixedThreadPool(THREADS);
		long deadline = System.nanoTime() + duration.toNanos();
		List<Future<Long>> clients = new ArrayList<>();
		for (int i = 0; i < THREADS; i++) {
			long seed = 31L * i + 7;
			clients.add(executor.submit(() -> new Client(accounts, new SplittableRandom(seed)).run(deadline)));
		}
		long requests = 0;
		try {
			for (Future<Long> client : clients) {
				requests += client.get(duration.toSeconds() + 120, TimeUnit.SECONDS);
			}
		}
		finally {
			executor.shutdownNow();
		}
		return requests;
	}

	private void assertRecoveryCodesSpentOnce(JdbcTemplate jdbc, long spends) {
		List<Map<String, Object>> spent = jdbc.queryForList(
				"select code_id, count(*) as spends, count(old_used_at) as respent from soak_recovery_code_log "
						+ "where new_used_at is not null group by code_id");
		assertThat(spent).allSatisfy((row) -> {
			assertThat(((Number) row.get("spends")).longValue()).as("spends of code " + row.get("code_id"))
				.isEqualTo(1);
			assertThat(((Number) row.get("respent")).longValue()).as("code " + row.get("code_id")).isZero();
		});
		assertThat(spent).hasSize((int) spends);
	}

	private static long events(List<RecordingAuditListener> audits, List<Account> accounts, MfaAuditEventType type) {
		return audits.stream()
			.flatMap((audit) -> accounts.stream().flatMap((account) -> audit.typesOf(account.username).stream()))
			.filter(type::equals)
			.count();
	}

	/**
	 * One client thread: it picks a user and an action at random, again and again, and
	 * keeps the tokens of its own logins.
	 */
	private final class Client {

		private final List<Account> accounts;

		private final SplittableRandom random;

		private final Map<String, Tokens> tokens = new HashMap<>();

		private long requests;

		Client(List<Account> accounts, SplittableRandom random) {
			this.accounts = accounts;
			this.random = random;
		}

		long run(long deadline) {
			while (System.nanoTime() < deadline && !Thread.currentThread().isInterrupted()) {
				Account account = this.accounts.get(this.random.nextInt(this.accounts.size()));
				try {
					step(account);
				}
				catch (RuntimeException ex) {
					AbstractSoakTests.this.failures.add(account.username + ": " + ex);
				}
			}
			return this.requests;
		}

		private void step(Account account) {
			Enrolment enrolment = account.enrolment;
			int dice = this.random.nextInt(100);
			if (enrolment == null) {
				if (dice < 50 && account.lifecycle.tryLock()) {
					try {
						activate(account);
					}
					finally {
						account.lifecycle.unlock();
					}
				}
				else {
					login(account);
				}
			}
			else if (dice < 35) {
				login(account);
			}
			else if (dice < 60) {
				withCode(account, "/api/auth/mfa/step-up", true);
			}
			else if (dice < 70) {
				refresh(account);
			}
			else if (dice < 85) {
				get(account, (dice < 80) ? "/api/auth/mfa/status" : "/api/auth/mfa/recovery-codes");
			}
			else if (account.lifecycle.tryLock()) {
				try {
					if (account.enrolment != null) {
						withCode(account, (dice < 95) ? "/api/auth/mfa/recovery-codes/regenerate"
								: "/api/auth/mfa/totp/deactivate", dice >= 95);
					}
				}
				finally {
					account.lifecycle.unlock();
				}
			}
		}

		// The password step, and the second one where the user has MFA on.
		private @Nullable Tokens login(Account account) {
			Answer login = post("/api/auth/login", Map.of("username", account.username, "password", PASSWORD), null,
					"login");
			if (login.status() != 200) {
				return null;
			}
			if (!login.body().get("mfaRequired").asBoolean()) {
				return keep(account, login);
			}
			Enrolment enrolment = account.enrolment;
			if (enrolment == null) {
				// Activated by another client a moment ago.
				return null;
			}
			Code code = code(account, enrolment, true);
			Answer verify = post("/api/auth/mfa/verify",
					Map.of("ephemeralToken", login.field("ephemeralToken"), "code", code.value()), null, "verify");
			checked(account, code, verify);
			return (verify.status() == 200) ? keep(account, verify) : null;
		}

		private void activate(Account account) {
			Tokens tokens = this.tokens.get(account.username);
			if (tokens == null || tokens.enrolled()) {
				tokens = login(account);
			}
			if (tokens == null || account.enrolment != null) {
				return;
			}
			Answer start = get("/api/auth/mfa/totp/activate", tokens.accessToken(), "activate-start");
			if (start.status() != 200) {
				return;
			}
			byte[] secret = Base32.decode(start.field("secret"));
			String code = AbstractSoakTests.this.totp.generate(secret, CLOCK.instant());
			Answer activated = post("/api/auth/mfa/totp/activate",
					Map.of("activationToken", start.field("activationToken"), "code", code), tokens.accessToken(),
					"activate");
			if (activated.status() == 200) {
				AbstractSoakTests.this.activations.increment();
				account.enrolment = new Enrolment(secret, strings(activated.body().get("recoveryCodes")));
				this.tokens.put(account.username, new Tokens(tokens.accessToken(), tokens.refreshToken(), true));
			}
		}

		private void withCode(Account account, String path, boolean recoveryCodeAllowed) {
			Tokens tokens = this.tokens.get(account.username);
			if (tokens == null || !tokens.enrolled()) {
				tokens = login(account);
			}
			Enrolment enrolment = account.enrolment;
			if (tokens == null || enrolment == null) {
				return;
			}
			Code code = code(account, enrolment, recoveryCodeAllowed);
			String name = path.substring(path.lastIndexOf('/') + 1);
			Answer answer = post(path, Map.of("code", code.value()), tokens.accessToken(), name);
			checked(account, code, answer);
			if (answer.status() == 401) {
				this.tokens.remove(account.username);
			}
			if (answer.status() != 200) {
				return;
			}
			switch (name) {
				case "step-up" -> keep(account, answer);
				case "regenerate" -> {
					AbstractSoakTests.this.regenerations.increment();
					account.enrolment = new Enrolment(enrolment.secret(), strings(answer.body().get("codes")));
				}
				default -> {
					AbstractSoakTests.this.deactivations.increment();
					account.enrolment = null;
					this.tokens.remove(account.username);
				}
			}
		}

		private void refresh(Account account) {
			Tokens tokens = this.tokens.get(account.username);
			if (tokens == null) {
				login(account);
				return;
			}
			Answer answer = post("/api/auth/token/refresh", Map.of("refreshToken", tokens.refreshToken()), null,
					"refresh");
			if (answer.status() == 200) {
				keep(account, answer);
			}
			else {
				this.tokens.remove(account.username);
			}
		}

		private void get(Account account, String path) {
			Tokens tokens = this.tokens.get(account.username);
			if (tokens == null) {
				login(account);
				return;
			}
			Answer answer = get(path, tokens.accessToken(), path.substring(path.lastIndexOf('/') + 1));
			if (answer.status() == 401) {
				this.tokens.remove(account.username);
			}
		}

		// Mostly a current TOTP code; sometimes a recovery code the client was given and
		// has not spent, sometimes a wrong code.
		private Code code(Account account, Enrolment enrolment, boolean recoveryCodeAllowed) {
			AbstractSoakTests.this.codesSent.increment();
			int dice = this.random.nextInt(100);
			if (recoveryCodeAllowed && dice < 13 && !enrolment.recoveryCodes().isEmpty()) {
				List<String> codes = enrolment.recoveryCodes();
				return new Code(codes.get(this.random.nextInt(codes.size())), CodeKind.RECOVERY);
			}
			long step = AbstractSoakTests.this.totp.timeStep(CLOCK.instant());
			if (dice < 25) {
				Set<String> near = new HashSet<>();
				for (long candidate = step - 3; candidate <= step + 3; candidate++) {
					near.add(AbstractSoakTests.this.totp.generate(enrolment.secret(), candidate));
				}
				String wrong;
				do {
					wrong = String.format(Locale.ROOT, "%06d", this.random.nextInt(1_000_000));
				}
				while (near.contains(wrong));
				return new Code(wrong, CodeKind.WRONG);
			}
			return new Code(AbstractSoakTests.this.totp.generate(enrolment.secret(), step), CodeKind.TOTP);
		}

		private void checked(Account account, Code code, Answer answer) {
			if (answer.status() == 200) {
				if (code.kind() == CodeKind.TOTP) {
					AbstractSoakTests.this.totpAccepted.increment();
				}
				else if (code.kind() == CodeKind.RECOVERY) {
					AbstractSoakTests.this.recoveryAccepted.increment();
					String spent = account.username + ":" + RecoveryCodeGenerator.normalize(code.value());
					if (!AbstractSoakTests.this.spentRecoveryCodes.add(spent)) {
						AbstractSoakTests.this.failures.add("recovery code accepted twice: " + spent);
					}
					account.spend(code.value());
				}
				else {
					AbstractSoakTests.this.failures
						.add("wrong code accepted: " + account.username + " " + code.value());
				}
			}
			else if ("invalid_code".equals(answer.code())) {
				AbstractSoakTests.this.invalidCodes.increment();
			}
			else if (answer.status() == 429) {
				AbstractSoakTests.this.codeLocks.increment();
			}
		}

		private Tokens keep(Account account, Answer answer) {
			Tokens tokens = new Tokens(answer.field("accessToken"), answer.field("refreshToken"),
					account.enrolment != null);
			this.tokens.put(account.username, tokens);
			return tokens;
		}

		private Answer post(String path, Map<String, String> body, @Nullable String bearer, String name) {
			HttpRequest.Builder request = request(path, bearer).header("Content-Type", "application/json")
				.POST(HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(body)));
			return send(request, name);
		}

		private Answer get(String path, String bearer, String name) {
			return send(request(path, bearer).GET(), name);
		}

		private HttpRequest.Builder request(String path, @Nullable String bearer) {
			int port = AbstractSoakTests.this.ports.get(this.random.nextInt(AbstractSoakTests.this.ports.size()));
			HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
				.timeout(Duration.ofSeconds(60));
			if (bearer != null) {
				request.header("Authorization", "Bearer " + bearer);
			}
			return request;
		}

		private Answer send(HttpRequest.Builder request, String name) {
			this.requests++;
			HttpResponse<String> response;
			try {
				response = AbstractSoakTests.this.http.send(request.build(), HttpResponse.BodyHandlers.ofString());
			}
			catch (Exception ex) {
				throw new IllegalStateException(name + " failed: " + ex, ex);
			}
			Answer answer = new Answer(response.statusCode(), response.body(),
					response.headers().firstValue("Content-Type").orElse(""));
			String code = answer.code();
			AbstractSoakTests.this.outcomes
				.computeIfAbsent(name + " " + answer.status() + ((code != null) ? " " + code : ""),
						(key) -> new LongAdder())
				.increment();
			boolean problem = answer.contentType().startsWith("application/problem+json") && code != null
					&& ERROR_CODES.contains(code);
			if (!Set.of(200, 400, 401, 409, 429).contains(answer.status()) || (answer.status() != 200 && !problem)) {
				AbstractSoakTests.this.failures.add(name + " answered " + answer.status() + " " + answer.text());
			}
			return answer;
		}

	}

	private static ConfigurableApplicationContext start(Map<String, String> dataSource) {
		return new SpringApplicationBuilder(SoakApp.class).web(WebApplicationType.SERVLET)
			.properties("server.port=0", "mfa.enabled=true", "mfa.login.mode=jwt",
					"mfa.encryption.key=gRQP+S3aBi5IVcJfm2QQWhiijs17qGB6P2sy1KAISHw=",
					// Clients of one user replay each other's codes of a time step: a
					// budget and locks that let each user come back while the soak runs,
					// in the fast clock's time.
					"mfa.lockout.max-attempts=10", "mfa.lockout.duration=30s", "spring.jpa.hibernate.ddl-auto=validate",
					"spring.jpa.open-in-view=false", "logging.level.root=WARN")
			.properties(new HashMap<String, Object>(dataSource))
			.run();
	}

	private static int port(ConfigurableApplicationContext context) {
		return ((WebServerApplicationContext) context).getWebServer().getPort();
	}

	/**
	 * Drop {@link #DATABASE} and create it empty, as {@link AppDatabases} does for the
	 * existing-app matrix.
	 * @return the {@code spring.datasource.*} properties of a data source on it
	 */
	abstract Map<String, String> recreateDatabase();

	/**
	 * Return the deadlocks that the server has detected so far.
	 * @param jdbc the soak's database
	 * @return the count
	 */
	abstract long deadlocks(JdbcTemplate jdbc);

	/**
	 * Install the log of changes that the database writes in the transaction of each
	 * change, in the order of the row locks: tables {@code soak_authenticator_log}
	 * ({@code seq}, {@code op} I, U or D, {@code authenticator_id}, {@code user_id}, and
	 * the old and new {@code failed}, {@code accepted} and {@code step}) and
	 * {@code soak_recovery_code_log} ({@code seq}, {@code code_id}, {@code old_used_at},
	 * {@code new_used_at}), filled by triggers on {@code mfa_authenticator} (insert,
	 * update and delete) and {@code mfa_recovery_code} (update).
	 * @param jdbc the soak's database
	 */
	abstract void installLogs(JdbcTemplate jdbc);

	private static List<String> strings(JsonNode array) {
		List<String> values = new ArrayList<>();
		array.forEach((node) -> values.add(node.asString()));
		return values;
	}

	/**
	 * A user, and what the clients know of its second factor.
	 */
	private static final class Account {

		private final String username;

		// Activation, regeneration and deactivation of one user are one client's at a
		// time, so that what the clients know follows the server; logins, verifies and
		// step-ups race them and each other.
		private final ReentrantLock lifecycle = new ReentrantLock();

		private volatile @Nullable Enrolment enrolment;

		Account(String username) {
			this.username = username;
		}

		synchronized void spend(String recoveryCode) {
			Enrolment current = this.enrolment;
			if (current != null) {
				List<String> unspent = new ArrayList<>(current.recoveryCodes());
				unspent.remove(recoveryCode);
				this.enrolment = new Enrolment(current.secret(), List.copyOf(unspent));
			}
		}

	}

	/**
	 * A user's TOTP secret and unspent recovery codes.
	 *
	 * @param secret the secret
	 * @param recoveryCodes the codes
	 */
	private record Enrolment(byte[] secret, List<String> recoveryCodes) {

	}

	/**
	 * The token pair of one client's login of a user.
	 *
	 * @param accessToken the access token
	 * @param refreshToken the refresh token
	 * @param enrolled whether the user had MFA on at the login
	 */
	private record Tokens(String accessToken, String refreshToken, boolean enrolled) {

	}

	private enum CodeKind {

		TOTP, RECOVERY, WRONG

	}

	private record Code(String value, CodeKind kind) {

	}

	private record Answer(int status, String text, String contentType) {

		JsonNode body() {
			return JSON.readTree(this.text);
		}

		String field(String name) {
			return body().get(name).asString();
		}

		@Nullable String code() {
			if (!this.contentType.startsWith("application/problem+json")) {
				return null;
			}
			JsonNode code = body().get("code");
			return (code != null) ? code.asString() : null;
		}

	}

	/**
	 * The triggers' log of the authenticator rows, checked as a chain per row.
	 *
	 * @param failures updates that counted one failure
	 * @param totpAcceptances updates that accepted a TOTP code of a later step
	 * @param recoveryAcceptances updates that accepted a recovery code
	 * @param inserts activations
	 * @param deletes deactivations
	 * @param errors the rows whose log breaks the chain, and how
	 */
	private record Log(long failures, long totpAcceptances, long recoveryAcceptances, long inserts, long deletes,
			List<String> errors) {

		static Log read(JdbcTemplate jdbc) {
			long[] counts = new long[5];
			List<String> errors = new ArrayList<>();
			Map<Long, long[]> last = new HashMap<>();
			jdbc.query("select op, authenticator_id, old_failed, new_failed, old_accepted, new_accepted, old_step, "
					+ "new_step from soak_authenticator_log order by seq", (row) -> {
						String op = row.getString(1);
						long id = row.getLong(2);
						long[] before = { row.getLong(3), row.getLong(5), stepOf(row.getObject(7)) };
						long[] after = { row.getLong(4), row.getLong(6), stepOf(row.getObject(8)) };
						if ("I".equals(op)) {
							counts[3]++;
							last.put(id, after);
							return;
						}
						long[] previous = last.get(id);
						if (previous == null || previous[0] != before[0] || previous[1] != before[1]
								|| previous[2] != before[2]) {
							errors.add(id + ": " + op + " from " + List.of(before[0], before[1], before[2]) + " after "
									+ ((previous != null) ? List.of(previous[0], previous[1], previous[2])
											: "nothing"));
						}
						if ("D".equals(op)) {
							counts[4]++;
							last.remove(id);
							return;
						}
						if (after[0] == before[0] + 1 && after[1] == before[1] && after[2] == before[2]) {
							counts[0]++;
						}
						else if (after[1] == before[1] + 1 && after[0] == 0 && after[2] > before[2]) {
							counts[1]++;
						}
						else if (after[1] == before[1] + 1 && after[0] == 0 && after[2] == before[2]) {
							counts[2]++;
						}
						else {
							errors.add(id + ": update from " + List.of(before[0], before[1], before[2]) + " to "
									+ List.of(after[0], after[1], after[2]));
						}
						last.put(id, after);
					});
			return new Log(counts[0], counts[1], counts[2], counts[3], counts[4], errors);
		}

		private static long stepOf(@Nullable Object step) {
			return (step != null) ? ((Number) step).longValue() : Long.MIN_VALUE;
		}

	}

}
