package dev.springmfa.benchmarks.load;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

import org.jspecify.annotations.Nullable;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.json.JsonMapper;

/**
 * The demo's HTTP contract ({@code docs/http-api.md}) as a client of one server sees it,
 * over one {@link HttpConnection}: registration, login, verify, activation, the current
 * user, and the benchmark's floor endpoint. In session mode the requests of a login go
 * through a {@link BrowserSession}, whose CSRF token every {@code POST} carries; in jwt
 * mode there is none. Any other answer than the contract's success is an
 * {@link UnexpectedResponseException}.
 */
final class DemoClient {

	private static final String CSRF_PATH = "/api/auth/csrf";

	private static final JsonMapper json = JsonMapper.builder()
		.disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
		.build();

	private final HttpConnection connection;

	private final ServerMode mode;

	DemoClient(HttpConnection connection, ServerMode mode) {
		this.connection = connection;
		this.mode = mode;
	}

	/**
	 * Open the SPA in a new browser tab: in session mode, read a CSRF token, which starts
	 * a session.
	 * @return the tab
	 * @throws IOException if the exchange fails
	 */
	BrowserSession open() throws IOException {
		BrowserSession tab = new BrowserSession();
		if (this.mode == ServerMode.SESSION) {
			readCsrfToken(tab);
		}
		return tab;
	}

	/**
	 * Register a user without MFA.
	 * @param tab the browser tab
	 * @param username the username
	 * @param password the password
	 * @throws IOException if the exchange fails
	 */
	void register(BrowserSession tab, String username, String password) throws IOException {
		post(tab, "/api/auth/register", new LoginRequest(username, password), 201, "register");
	}

	/**
	 * Send the password step of a login.
	 * @param tab the browser tab
	 * @param username the username
	 * @param password the password
	 * @return the challenge of an MFA user, or the complete login of another
	 * @throws IOException if the exchange fails
	 */
	LoginAnswer login(BrowserSession tab, String username, String password) throws IOException {
		HttpResponse response = post(tab, "/api/auth/login", new LoginRequest(username, password), 200, "login");
		LoginBody body = json.readValue(response.body(), LoginBody.class);
		if (body.mfaRequired()) {
			return new LoginAnswer(body.ephemeralToken(), null);
		}
		return new LoginAnswer(null, credential(tab, body.accessToken()));
	}

	/**
	 * Send the code step of a login.
	 * @param tab the browser tab of the password step
	 * @param ephemeralToken the token of the password step
	 * @param code a right code
	 * @return the complete login
	 * @throws IOException if the exchange fails
	 */
	Credential verify(BrowserSession tab, String ephemeralToken, String code) throws IOException {
		HttpResponse response = post(tab, "/api/auth/mfa/verify", new VerifyRequest(ephemeralToken, code), 200,
				"verify");
		return credential(tab, json.readValue(response.body(), LoginBody.class).accessToken());
	}

	/**
	 * Start a TOTP activation, in session mode.
	 * @param tab the browser tab of a complete login
	 * @return the new secret and its activation token
	 * @throws IOException if the exchange fails
	 */
	Activation beginActivation(BrowserSession tab) throws IOException {
		HttpResponse response = this.connection.get("/api/auth/mfa/totp/activate", headers(tab, false));
		tab.update(expect(response, 200, "begin activation"));
		return json.readValue(response.body(), Activation.class);
	}

	/**
	 * Confirm a TOTP activation, in session mode.
	 * @param tab the browser tab of a complete login
	 * @param activationToken the token of {@link #beginActivation}
	 * @param code a right code of the new secret
	 * @throws IOException if the exchange fails
	 */
	void confirmActivation(BrowserSession tab, String activationToken, String code) throws IOException {
		post(tab, "/api/auth/mfa/totp/activate", new ActivationRequest(activationToken, code), 200,
				"confirm activation");
	}

	/**
	 * Read the current user, an authenticated {@code GET}.
	 * @param credential the complete login
	 * @throws IOException if the exchange fails
	 */
	void currentUser(Credential credential) throws IOException {
		String header = (credential.accessToken() != null) ? "Authorization: Bearer " + credential.accessToken()
				: "Cookie: " + BrowserSession.SESSION_COOKIE + "=" + credential.sessionId();
		expect(this.connection.get("/api/auth/user", header), 200, "current user");
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
	 * Call the budget floor endpoint.
	 * @param username the user to load
	 * @param row the row to update
	 * @throws IOException if the exchange fails
	 */
	void budgetFloor(String username, int row) throws IOException {
		byte[] body = json.writeValueAsBytes(new FloorController.BudgetFloorRequest(username, row));
		HttpResponse response = expect(this.connection.post(FloorController.BUDGET_PATH, body), 200, "budget floor");
		if (!json.readValue(response.body(), FloorController.FloorResponse.class).updated()) {
			throw new UnexpectedResponseException("budget floor", response);
		}
	}

	private HttpResponse post(BrowserSession tab, String path, Object body, int status, String what)
			throws IOException {
		if (this.mode == ServerMode.SESSION && tab.csrfToken() == null) {
			// A completed login dropped the token: read the new one, as the SPA does.
			readCsrfToken(tab);
		}
		HttpResponse response = this.connection.post(path, json.writeValueAsBytes(body), headers(tab, true));
		tab.update(response);
		return expect(response, status, what);
	}

	private void readCsrfToken(BrowserSession tab) throws IOException {
		HttpResponse response = expect(this.connection.get(CSRF_PATH, headers(tab, false)), 200, "csrf");
		tab.update(response);
		tab.csrfToken(json.readValue(response.body(), CsrfBody.class).token());
	}

	private static String[] headers(BrowserSession tab, boolean post) {
		List<String> headers = new ArrayList<>(2);
		String csrfToken = tab.csrfToken();
		if (post && csrfToken != null) {
			headers.add("X-XSRF-TOKEN: " + csrfToken);
		}
		if (tab.sessionId() != null) {
			headers.add("Cookie: " + BrowserSession.SESSION_COOKIE + "=" + tab.sessionId());
		}
		return headers.toArray(String[]::new);
	}

	private static Credential credential(BrowserSession tab, @Nullable String accessToken) {
		return new Credential((accessToken != null) ? null : tab.sessionId(), accessToken);
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

	record CsrfBody(String headerName, String token) {

	}

	record LoginBody(boolean mfaRequired, @Nullable String ephemeralToken, @Nullable String accessToken) {

	}

}
