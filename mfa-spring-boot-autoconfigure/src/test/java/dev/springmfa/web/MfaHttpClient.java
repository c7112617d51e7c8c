package dev.springmfa.web;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.net.CookieManager;
import java.net.HttpCookie;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * A client of the HTTP contract that behaves as a SPA does. In session mode it keeps
 * cookies and sends the CSRF token that {@code GET /api/auth/csrf} hands out, in the
 * header that it names; in jwt mode it keeps the tokens of the last login or refresh in
 * memory and sends the access token as a bearer token.
 */
class MfaHttpClient {

	static final JsonMapper json = JsonMapper.builder().build();

	private final String baseUrl;

	private final Mode mode;

	private final CookieManager cookies = new CookieManager();

	private final HttpClient client;

	private final List<String> setCookies = new CopyOnWriteArrayList<>();

	private volatile @Nullable String accessToken;

	private volatile @Nullable String refreshToken;

	MfaHttpClient(int port, Mode mode) {
		this.baseUrl = "http://localhost:" + port;
		this.mode = mode;
		this.client = HttpClient.newBuilder().cookieHandler(this.cookies).build();
	}

	/**
	 * Spend the refresh token for a new pair, as a SPA does on a 401.
	 * @return the answer
	 */
	Response refresh() {
		return post("/api/auth/token/refresh", "{\"refreshToken\":\"" + this.refreshToken + "\"}");
	}

	@Nullable String accessToken() {
		return this.accessToken;
	}

	void accessToken(@Nullable String accessToken) {
		this.accessToken = accessToken;
	}

	@Nullable String refreshToken() {
		return this.refreshToken;
	}

	/**
	 * Return every {@code Set-Cookie} header the server sent.
	 * @return the headers
	 */
	List<String> setCookies() {
		return this.setCookies;
	}

	Response get(String path) {
		return send(HttpRequest.newBuilder(URI.create(this.baseUrl + path)).GET());
	}

	Response post(String path, String body) {
		return post(path, body, true);
	}

	Response post(String path, String body, boolean withCsrf) {
		return post(path, body, "application/json", withCsrf);
	}

	Response post(String path, String body, String contentType, boolean withCsrf) {
		return post(path, body, contentType, withCsrf, Map.of());
	}

	Response post(String path, String body, Map<String, String> headers) {
		return post(path, body, "application/json", true, headers);
	}

	private Response post(String path, String body, String contentType, boolean withCsrf, Map<String, String> headers) {
		HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(this.baseUrl + path))
			.header("Content-Type", contentType)
			.header("User-Agent", "mfa-tests")
			.POST(HttpRequest.BodyPublishers.ofString(body));
		headers.forEach(request::header);
		if (withCsrf && this.mode == Mode.SESSION) {
			withCsrfToken(request);
		}
		return send(request);
	}

	// As a SPA does after every login: the token changes with the login.
	private void withCsrfToken(HttpRequest.Builder request) {
		Response csrf = get("/api/auth/csrf");
		if (csrf.status() == 200) {
			request.header(csrf.field("headerName"), csrf.field("token"));
		}
	}

	Response postChunked(String path, byte[] body) {
		// A publisher of unknown length makes the client send the body chunked.
		HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(this.baseUrl + path))
			.header("Content-Type", "application/json")
			.POST(HttpRequest.BodyPublishers.ofInputStream(() -> new ByteArrayInputStream(body)));
		if (this.mode == Mode.SESSION) {
			withCsrfToken(request);
		}
		return send(request);
	}

	String cookie(String name) {
		return this.cookies.getCookieStore()
			.getCookies()
			.stream()
			.filter((cookie) -> cookie.getName().equals(name))
			.map(HttpCookie::getValue)
			.findFirst()
			.orElse(null);
	}

	private Response send(HttpRequest.Builder request) {
		String bearer = this.accessToken;
		if (this.mode == Mode.JWT && bearer != null) {
			request.header("Authorization", "Bearer " + bearer);
		}
		try {
			Response response = new Response(this.client.send(request.build(), HttpResponse.BodyHandlers.ofString()));
			this.setCookies.addAll(response.raw().headers().allValues("Set-Cookie"));
			keepTokens(response);
			return response;
		}
		catch (IOException | InterruptedException ex) {
			throw new IllegalStateException(ex);
		}
	}

	private void keepTokens(Response response) {
		if (this.mode == Mode.JWT && response.status() == 200 && response.contentType() != null
				&& response.contentType().startsWith("application/json")) {
			JsonNode body = response.body();
			if (body.has("accessToken")) {
				this.accessToken = body.get("accessToken").asString();
				this.refreshToken = body.get("refreshToken").asString();
			}
		}
	}

	/**
	 * How the client holds a completed login.
	 */
	enum Mode {

		SESSION, JWT

	}

	record Response(HttpResponse<String> raw) {

		int status() {
			return this.raw.statusCode();
		}

		String text() {
			return this.raw.body();
		}

		JsonNode body() {
			return json.readTree(this.raw.body());
		}

		String field(String name) {
			return body().get(name).asString();
		}

		String header(String name) {
			return this.raw.headers().firstValue(name).orElse(null);
		}

		String contentType() {
			return header("Content-Type");
		}

		@Override
		public String toString() {
			return this.raw.statusCode() + " " + this.raw.body();
		}

	}

}
