package dev.springmfa.benchmarks.load;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

import org.jspecify.annotations.Nullable;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.json.JsonMapper;

/**
 * The demo's HTTP contract ({@code docs/http-api.md}) as one client sees it, over one
 * {@link HttpConnection}: registration, login, verify, activation, the current user, and
 * the benchmark's floor endpoint. In session mode every {@code POST} carries the CSRF
 * token of the SPA cookie setup, fetched once; in jwt mode there is none. Any other
 * answer than the contract's success is an {@link UnexpectedResponseException}.
 */
final class DemoClient {

	private static final String SESSION_COOKIE = "JSESSIONID";

	private static final String CSRF_COOKIE = "XSRF-TOKEN";

	private static final JsonMapper json = JsonMapper.builder()
		.disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
		.build();

	private final HttpConnection connection;

	private boolean csrfLoaded;

	private @Nullable String csrfHeader;

	private @Nullable String csrfToken;

	DemoClient(HttpConnection connection) {
		this.connection = connection;
	}

	/**
	 * Register a user without MFA.
	 * @param username the username
	 * @param password the password
	 * @throws IOException if the exchange fails
	 */
	void register(String username, String password) throws IOException {
		expect(post("/api/auth/register", new LoginRequest(username, password), null), 201, "register");
	}

	/**
	 * Send the password step of a login.
	 * @param username the username
	 * @param password the password
	 * @return the challenge of an MFA user, or the complete login of another
	 * @throws IOException if the exchange fails
	 */
	LoginAnswer login(String username, String password) throws IOException {
		HttpResponse response = expect(post("/api/auth/login", new LoginRequest(username, password), null), 200,
				"login");
		LoginBody body = json.readValue(response.body(), LoginBody.class);
		if (body.mfaRequired()) {
			return new LoginAnswer(body.ephemeralToken(), null);
		}
		return new LoginAnswer(null, credential(response, body.accessToken()));
	}

	/**
	 * Send the code step of a login.
	 * @param ephemeralToken the token of the password step
	 * @param code a right code
	 * @return the complete login
	 * @throws IOException if the exchange fails
	 */
	Credential verify(String ephemeralToken, String code) throws IOException {
		HttpResponse response = expect(post("/api/auth/mfa/verify", new VerifyRequest(ephemeralToken, code), null), 200,
				"verify");
		return credential(response, json.readValue(response.body(), LoginBody.class).accessToken());
	}

	/**
	 * Start a TOTP activation.
	 * @param credential the user's complete login
	 * @return the new secret and its activation token
	 * @throws IOException if the exchange fails
	 */
	Activation beginActivation(Credential credential) throws IOException {
		HttpResponse response = expect(
				this.connection.get("/api/auth/mfa/totp/activate", credentialHeaders(credential, false)), 200,
				"begin activation");
		return json.readValue(response.body(), Activation.class);
	}

	/**
	 * Confirm a TOTP activation.
	 * @param credential the user's complete login
	 * @param activationToken the token of {@link #beginActivation}
	 * @param code a right code of the new secret
	 * @throws IOException if the exchange fails
	 */
	void confirmActivation(Credential credential, String activationToken, String code) throws IOException {
		expect(post("/api/auth/mfa/totp/activate", new ActivationRequest(activationToken, code), credential), 200,
				"confirm activation");
	}

	/**
	 * Read the current user, an authenticated {@code GET}.
	 * @param credential the complete login
	 * @throws IOException if the exchange fails
	 */
	void currentUser(Credential credential) throws IOException {
		expect(this.connection.get("/api/auth/user", credentialHeaders(credential, false)), 200, "current user");
	}

	/**
	 * Call the floor endpoint.
	 * @param row the row to update
	 * @throws IOException if the exchange fails
	 */
	void floor(int row) throws IOException {
		byte[] body = json.writeValueAsBytes(new FloorController.FloorRequest(row));
		HttpResponse response = expect(this.connection.post(FloorController.PATH, body), 200, "floor");
		if (!json.readValue(response.body(), FloorController.FloorResponse.class).updated()) {
			throw new UnexpectedResponseException("floor", response);
		}
	}

	/**
	 * Open the connection again, before a round.
	 * @throws IOException if the connection cannot be opened
	 */
	void reopen() throws IOException {
		this.connection.reopen();
	}

	private HttpResponse post(String path, Object body, @Nullable Credential credential) throws IOException {
		return this.connection.post(path, json.writeValueAsBytes(body), credentialHeaders(credential, true));
	}

	private String[] credentialHeaders(@Nullable Credential credential, boolean post) throws IOException {
		List<String> headers = new ArrayList<>(3);
		List<String> cookies = new ArrayList<>(2);
		if (post) {
			loadCsrfToken();
			if (this.csrfHeader != null && this.csrfToken != null) {
				headers.add(this.csrfHeader + ": " + this.csrfToken);
				cookies.add(CSRF_COOKIE + "=" + this.csrfToken);
			}
		}
		if (credential != null && credential.accessToken() != null) {
			headers.add("Authorization: Bearer " + credential.accessToken());
		}
		if (credential != null && credential.sessionId() != null) {
			cookies.add(SESSION_COOKIE + "=" + credential.sessionId());
		}
		if (!cookies.isEmpty()) {
			headers.add("Cookie: " + String.join("; ", cookies));
		}
		return headers.toArray(String[]::new);
	}

	// The SPA cookie setup compares the header with the cookie, and keeps nothing on the
	// server: one token serves every request of this client.
	private void loadCsrfToken() throws IOException {
		if (this.csrfLoaded) {
			return;
		}
		HttpResponse response = this.connection.get("/api/auth/csrf");
		if (response.status() == 200) {
			this.csrfHeader = json.readValue(response.body(), CsrfBody.class).headerName();
			this.csrfToken = response.cookie(CSRF_COOKIE);
			if (this.csrfToken == null) {
				throw new UnexpectedResponseException("csrf (no " + CSRF_COOKIE + " cookie)", response);
			}
		}
		else if (response.status() != 204) {
			throw new UnexpectedResponseException("csrf", response);
		}
		this.csrfLoaded = true;
	}

	private static Credential credential(HttpResponse response, @Nullable String accessToken) {
		return new Credential(response.cookie(SESSION_COOKIE), accessToken);
	}

	private static HttpResponse expect(HttpResponse response, int status, String what) {
		if (response.status() != status) {
			throw new UnexpectedResponseException(what, response);
		}
		return response;
	}

	/**
	 * The answer to the password step.
	 *
	 * @param ephemeralToken the token for the code step of an MFA user, else {@code null}
	 * @param credential the complete login of a user without MFA, else {@code null}
	 */
	record LoginAnswer(@Nullable String ephemeralToken, @Nullable Credential credential) {

	}

	/**
	 * A started activation.
	 *
	 * @param secret the new secret in base32
	 * @param activationToken the token that confirms it
	 */
	record Activation(String secret, String activationToken) {

	}

	record LoginRequest(String username, String password) {

	}

	record VerifyRequest(String ephemeralToken, String code) {

	}

	record ActivationRequest(String activationToken, String code) {

	}

	record CsrfBody(String headerName) {

	}

	record LoginBody(boolean mfaRequired, @Nullable String ephemeralToken, @Nullable String accessToken) {

	}

}
