package dev.springmfa.demo;

import java.net.CookieManager;
import java.net.HttpCookie;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpRequest.BodyPublishers;
import java.net.http.HttpResponse;
import java.net.http.HttpResponse.BodyHandlers;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

import org.assertj.core.api.InstanceOfAssertFactories;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

import dev.springmfa.totp.Base32;
import dev.springmfa.totp.TotpGenerator;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalServerPort;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The demo over real HTTP, the way a browser SPA talks to it: cookies, the CSRF token of
 * the session (which the {@code XSRF-TOKEN} cookie mirrors) in a header, JSON bodies.
 */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT)
class DemoApplicationTests {

	private static final AtomicInteger users = new AtomicInteger();

	private final JsonMapper jsonMapper = JsonMapper.builder().build();

	@LocalServerPort
	private int port;

	@Autowired
	private TotpGenerator totp;

	private CookieManager cookies;

	private HttpClient client;

	@BeforeEach
	void newBrowser() {
		this.cookies = new CookieManager();
		this.client = HttpClient.newBuilder().cookieHandler(this.cookies).build();
	}

	@Test
	void registerWhenUsernameFreeThenCreated() throws Exception {
		String username = newUsername();
		HttpResponse<String> response = register(username, "correct horse");
		assertThat(response.statusCode()).isEqualTo(201);
		assertThat(json(response)).containsEntry("username", username);
	}

	@Test
	void registerWhenUsernameTakenThenConflict() throws Exception {
		String username = newUsername();
		assertThat(register(username, "correct horse").statusCode()).isEqualTo(201);
		HttpResponse<String> response = register(username, "another password");
		assertThat(response.statusCode()).isEqualTo(409);
		assertThat(response.headers().firstValue("Content-Type"))
			.hasValueSatisfying((type) -> assertThat(type).startsWith("application/problem+json"));
		assertThat(json(response)).containsEntry("code", "username_taken")
			.containsEntry("type", "urn:problem-type:mfa:username_taken")
			.containsEntry("status", 409)
			.containsKeys("title", "detail");
	}

	@Test
	void registerWhenFieldsInvalidThenValidationFailedWithErrors() throws Exception {
		HttpResponse<String> response = register("not a name!", "short");
		assertThat(response.statusCode()).isEqualTo(400);
		Map<String, Object> problem = json(response);
		assertThat(problem).containsEntry("code", "validation_failed")
			.containsEntry("type", "urn:problem-type:mfa:validation_failed");
		assertThat(problem.get("errors")).asInstanceOf(InstanceOfAssertFactories.MAP)
			.containsOnlyKeys("username", "password");
	}

	@Test
	void registerWhenJsonMalformedThenValidationFailed() throws Exception {
		HttpResponse<String> response = post("/api/auth/register", "{\"username\": ", true);
		assertThat(response.statusCode()).isEqualTo(400);
		assertThat(json(response)).containsEntry("code", "validation_failed").doesNotContainKey("errors");
		assertThat(response.body()).doesNotContain("Exception").doesNotContain("tools.jackson");
	}

	@Test
	void registerWhenFieldIsNotAStringThenValidationFailedNamingIt() throws Exception {
		HttpResponse<String> number = post("/api/auth/register",
				"{\"username\":12345678,\"password\":\"correct horse\"}", true);
		assertThat(number.statusCode()).isEqualTo(400);
		assertThat(json(number)).containsEntry("code", "validation_failed")
			.containsEntry("errors", Map.of("username", "must be a string"));
		HttpResponse<String> bool = post("/api/auth/register",
				"{\"username\":\"" + newUsername() + "\",\"password\":true}", true);
		assertThat(bool.statusCode()).isEqualTo(400);
		assertThat(json(bool)).containsEntry("errors", Map.of("password", "must be a string"));
	}

	@Test
	void registerWhenUsernameHasControlCharacterThenValidationFailed() throws Exception {
		HttpResponse<String> response = post("/api/auth/register",
				"{\"username\":\"" + newUsername() + "\\u0000\",\"password\":\"correct horse\"}", true);
		assertThat(response.statusCode()).isEqualTo(400);
		assertThat(json(response).get("errors")).asInstanceOf(InstanceOfAssertFactories.MAP)
			.containsOnlyKeys("username");
	}

	@Test
	void registerRequestWhenPrintedThenNoPassword() {
		assertThat(new AccountController.RegisterRequest("alice", "correct horse"))
			.hasToString("RegisterRequest[username=alice]");
	}

	@Test
	void userWhenNotLoggedInThenUnauthenticated() throws Exception {
		HttpResponse<String> response = get("/api/auth/user");
		assertThat(response.statusCode()).isEqualTo(401);
		assertThat(json(response)).containsEntry("code", "unauthenticated");
	}

	@Test
	void postWhenCsrfHeaderMissingThenForbidden() throws Exception {
		assertThat(get("/api/auth/csrf").statusCode()).isEqualTo(200);
		HttpResponse<String> response = post("/api/auth/register", registration(newUsername(), "correct horse"), false);
		assertThat(response.statusCode()).isEqualTo(403);
	}

	@Test
	void postWhenTokenAndHeaderNameTakenFromTheCsrfAnswerThenAccepted() throws Exception {
		Map<String, Object> csrf = json(get("/api/auth/csrf"));
		HttpResponse<String> response = this.client.send(HttpRequest.newBuilder(uri("/api/auth/register"))
			.header("Content-Type", "application/json")
			.header((String) csrf.get("headerName"), (String) csrf.get("token"))
			.POST(BodyPublishers.ofString(registration(newUsername(), "correct horse")))
			.build(), BodyHandlers.ofString());
		assertThat(response.statusCode()).isEqualTo(201);
	}

	@Test
	void csrfWhenRequestedThenHeaderNameTokenAndTokenCookie() throws Exception {
		HttpResponse<String> response = get("/api/auth/csrf");
		assertThat(response.statusCode()).isEqualTo(200);
		assertThat(json(response)).containsEntry("headerName", "X-XSRF-TOKEN");
		// The demo asks for the SPA cookie setup: the body hands out the token the cookie
		// carries, the one value Spring's SPA setup accepts in the header.
		assertThat(json(response)).containsEntry("token", csrfToken());
	}

	@Test
	void csrfWhenRequestedThenTheTokenCookieAndTheSessionCookieAreSameSiteStrict() throws Exception {
		HttpResponse<String> response = get("/api/auth/csrf");
		assertThat(response.statusCode()).isEqualTo(200);
		List<String> cookies = response.headers().allValues("Set-Cookie");
		// The starter's cookie, and the session cookie as application.yml sets it.
		assertThat(cookies).anySatisfy((cookie) -> assertThat(cookie).startsWith("XSRF-TOKEN=")
			.contains("SameSite=Strict")
			.doesNotContain("HttpOnly", "Secure"));
		assertThat(cookies).anySatisfy((cookie) -> assertThat(cookie).startsWith("JSESSIONID=")
			.contains("SameSite=Strict", "HttpOnly")
			.doesNotContain("Secure"));
	}

	@Test
	void postWhenTokenCookieAndHeaderPlantedThenForbidden() throws Exception {
		// An attacker who can set cookies for the demo's host (a sibling subdomain, say)
		// chooses both the cookie and the header; the token is the session's, not the
		// cookie's.
		assertThat(get("/api/auth/csrf").statusCode()).isEqualTo(200);
		HttpResponse<String> response = this.client.send(HttpRequest.newBuilder(uri("/api/auth/register"))
			.header("Content-Type", "application/json")
			.header("Cookie", "XSRF-TOKEN=planted")
			.header("X-XSRF-TOKEN", "planted")
			.POST(BodyPublishers.ofString(registration(newUsername(), "correct horse")))
			.build(), BodyHandlers.ofString());
		assertThat(response.statusCode()).isEqualTo(403);
		assertThat(json(response)).containsEntry("code", "access_denied");
	}

	@Test
	void loginWhenUserWithoutMfaThenCompleteWithPasswordFactorUntilLogout() throws Exception {
		String username = newUsername();
		assertThat(register(username, "correct horse").statusCode()).isEqualTo(201);

		HttpResponse<String> login = post("/api/auth/login", registration(username, "correct horse"), true);
		assertThat(login.statusCode()).isEqualTo(200);
		assertThat(json(login)).containsEntry("mfaRequired", false).containsEntry("username", username);

		HttpResponse<String> user = get("/api/auth/user");
		assertThat(user.statusCode()).isEqualTo(200);
		assertThat(json(user)).containsEntry("username", username).containsEntry("factors", List.of("FACTOR_PASSWORD"));

		// The login renewed the CSRF token and cleared the cookie: post() reads the new
		// one.
		assertThat(post("/api/auth/logout", "", true).statusCode()).isEqualTo(204);
		assertThat(get("/api/auth/user").statusCode()).isEqualTo(401);
	}

	@Test
	void loginWhenUserHasTotpThenSecondStepAddsTotpFactor() throws Exception {
		String username = newUsername();
		assertThat(register(username, "correct horse").statusCode()).isEqualTo(201);
		assertThat(post("/api/auth/login", registration(username, "correct horse"), true).statusCode()).isEqualTo(200);
		Map<String, Object> activation = json(get("/api/auth/mfa/totp/activate"));
		byte[] secret = Base32.decode((String) activation.get("secret"));
		long step = this.totp.timeStep(Instant.now());
		HttpResponse<String> confirm = post("/api/auth/mfa/totp/activate", this.jsonMapper.writeValueAsString(
				Map.of("activationToken", activation.get("activationToken"), "code", this.totp.generate(secret, step))),
				true);
		assertThat(confirm.statusCode()).isEqualTo(200);
		assertThat(json(confirm)).containsEntry("enabled", true);
		assertThat(post("/api/auth/logout", "", true).statusCode()).isEqualTo(204);

		HttpResponse<String> login = post("/api/auth/login", registration(username, "correct horse"), true);
		assertThat(login.statusCode()).isEqualTo(200);
		Map<String, Object> challenge = json(login);
		assertThat(challenge).containsEntry("mfaRequired", true);
		assertThat(get("/api/auth/user").statusCode()).isEqualTo(401);
		// The next step's code: the activation spent this one, and a replay is refused.
		HttpResponse<String> verify = post("/api/auth/mfa/verify", this.jsonMapper.writeValueAsString(Map
			.of("ephemeralToken", challenge.get("ephemeralToken"), "code", this.totp.generate(secret, step + 1))),
				true);
		assertThat(verify.statusCode()).isEqualTo(200);
		assertThat(json(verify)).containsEntry("mfaRequired", false).containsEntry("username", username);
		assertThat(json(get("/api/auth/user"))).containsEntry("factors", List.of("FACTOR_PASSWORD", "FACTOR_TOTP"));
	}

	@Test
	void loginWhenPasswordWrongThenBadCredentials() throws Exception {
		String username = newUsername();
		assertThat(register(username, "correct horse").statusCode()).isEqualTo(201);
		HttpResponse<String> login = post("/api/auth/login", registration(username, "wrong horse"), true);
		assertThat(login.statusCode()).isEqualTo(401);
		assertThat(json(login)).containsEntry("code", "bad_credentials");
	}

	@Test
	void indexWhenNotLoggedInThenServed() throws Exception {
		HttpResponse<String> response = get("/");
		assertThat(response.statusCode()).isEqualTo(200);
		assertThat(response.body()).contains("MFA demo");
	}

	private HttpResponse<String> register(String username, String password) throws Exception {
		return post("/api/auth/register", registration(username, password), true);
	}

	private String registration(String username, String password) {
		return this.jsonMapper.writeValueAsString(Map.of("username", username, "password", password));
	}

	private HttpResponse<String> get(String path) throws Exception {
		return this.client.send(HttpRequest.newBuilder(uri(path)).GET().build(), BodyHandlers.ofString());
	}

	private HttpResponse<String> post(String path, String body, boolean withCsrfToken) throws Exception {
		HttpRequest.Builder request = HttpRequest.newBuilder(uri(path))
			.header("Content-Type", "application/json")
			.POST(BodyPublishers.ofString(body));
		if (withCsrfToken) {
			request.header("X-XSRF-TOKEN", currentCsrfToken());
		}
		return this.client.send(request.build(), BodyHandlers.ofString());
	}

	// Spring Security rotates the token on login and logout, so it is read afresh from
	// the cookie before every POST, and fetched when there is none yet.
	private String currentCsrfToken() throws Exception {
		String token = csrfToken();
		if (token == null) {
			assertThat(get("/api/auth/csrf").statusCode()).isEqualTo(200);
			token = csrfToken();
		}
		assertThat(token).as("XSRF-TOKEN cookie").isNotBlank();
		return token;
	}

	private String csrfToken() {
		return this.cookies.getCookieStore()
			.getCookies()
			.stream()
			.filter((cookie) -> "XSRF-TOKEN".equals(cookie.getName()))
			.map(HttpCookie::getValue)
			.filter((value) -> !value.isEmpty())
			.findFirst()
			.orElse(null);
	}

	private Map<String, Object> json(HttpResponse<String> response) {
		return this.jsonMapper.readValue(response.body(), new TypeReference<>() {
		});
	}

	private URI uri(String path) {
		return URI.create("http://localhost:" + this.port + path);
	}

	private static String newUsername() {
		return "user" + users.incrementAndGet();
	}

}
