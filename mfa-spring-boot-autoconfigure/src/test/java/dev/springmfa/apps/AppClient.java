package dev.springmfa.apps;

import java.io.IOException;
import java.net.CookieManager;
import java.net.HttpCookie;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * A client of an existing app over a real port, as its users' browsers and scripts are:
 * it keeps cookies, may send HTTP Basic credentials with every request, posts the app's
 * login form, and posts JSON with the CSRF token that {@code GET /api/auth/csrf} hands
 * out where the starter serves it. Redirects are not followed, so that a test sees them.
 */
public class AppClient {

	static final JsonMapper json = JsonMapper.builder().build();

	private static final Pattern CSRF_INPUT = Pattern.compile("name=\"_csrf\" type=\"hidden\" value=\"([^\"]+)\"");

	private final String baseUrl;

	private final CookieManager cookies = new CookieManager();

	private final HttpClient client;

	private volatile @Nullable String authorization;

	public AppClient(int port) {
		this.baseUrl = "http://localhost:" + port;
		this.client = HttpClient.newBuilder().cookieHandler(this.cookies).build();
	}

	/**
	 * Send HTTP Basic credentials with every later request.
	 * @param username the username
	 * @param password the password
	 * @return this client
	 */
	public AppClient basic(String username, String password) {
		this.authorization = "Basic "
				+ Base64.getEncoder().encodeToString((username + ":" + password).getBytes(StandardCharsets.UTF_8));
		return this;
	}

	/**
	 * Send a bearer token with every later request.
	 * @param accessToken the access token
	 * @return this client
	 */
	public AppClient bearer(String accessToken) {
		this.authorization = "Bearer " + accessToken;
		return this;
	}

	public Response get(String path) {
		return send(HttpRequest.newBuilder(uri(path)).GET());
	}

	/**
	 * Post JSON with the CSRF token of {@code GET /api/auth/csrf}, where that answers.
	 * @param path the path
	 * @param body the JSON
	 * @return the answer
	 */
	public Response postJson(String path, String body) {
		return postJson(path, body, true);
	}

	public Response postJson(String path, String body, boolean withCsrf) {
		HttpRequest.Builder request = HttpRequest.newBuilder(uri(path))
			.header("Content-Type", "application/json")
			.POST(HttpRequest.BodyPublishers.ofString(body));
		if (withCsrf) {
			Response csrf = get("/api/auth/csrf");
			if (csrf.status() == 200) {
				request.header(csrf.field("headerName"), csrf.field("token"));
			}
		}
		return send(request);
	}

	/**
	 * Post a body of any type with the CSRF token of {@code GET /api/auth/csrf}.
	 * @param path the path
	 * @param body the body
	 * @param contentType its type
	 * @return the answer
	 */
	public Response post(String path, String body, String contentType) {
		HttpRequest.Builder request = HttpRequest.newBuilder(uri(path))
			.header("Content-Type", contentType)
			.POST(HttpRequest.BodyPublishers.ofString(body));
		Response csrf = get("/api/auth/csrf");
		if (csrf.status() == 200) {
			request.header(csrf.field("headerName"), csrf.field("token"));
		}
		return send(request);
	}

	/**
	 * Post JSON with a CSRF token in a header of the caller's choice.
	 * @param path the path
	 * @param body the JSON
	 * @param headerName the CSRF header
	 * @param token the CSRF token
	 * @return the answer
	 */
	public Response postJson(String path, String body, String headerName, String token) {
		return send(HttpRequest.newBuilder(uri(path))
			.header("Content-Type", "application/json")
			.header(headerName, token)
			.POST(HttpRequest.BodyPublishers.ofString(body)));
	}

	public Response postForm(String path, Map<String, String> fields) {
		String form = fields.entrySet()
			.stream()
			.map((field) -> encode(field.getKey()) + "=" + encode(field.getValue()))
			.collect(Collectors.joining("&"));
		return send(HttpRequest.newBuilder(uri(path))
			.header("Content-Type", "application/x-www-form-urlencoded")
			.POST(HttpRequest.BodyPublishers.ofString(form)));
	}

	/**
	 * Log in through the app's login form, as a browser does: read the form's CSRF token
	 * from the login page, then post it.
	 * @param loginPage the path of the login page and of its processing URL
	 * @param username the username
	 * @param password the password
	 * @param rememberMe whether to tick "remember me"
	 * @return the answer to the post
	 */
	public Response formLogin(String loginPage, String username, String password, boolean rememberMe) {
		Response page = get(loginPage);
		Matcher csrf = CSRF_INPUT.matcher(page.text());
		Map<String, String> fields = new LinkedHashMap<>();
		fields.put("username", username);
		fields.put("password", password);
		if (rememberMe) {
			fields.put("remember-me", "on");
		}
		if (csrf.find()) {
			fields.put("_csrf", csrf.group(1));
		}
		return postForm(loginPage, fields);
	}

	public @Nullable String cookie(String name) {
		return this.cookies.getCookieStore()
			.getCookies()
			.stream()
			.filter((cookie) -> cookie.getName().equals(name))
			.map(HttpCookie::getValue)
			.findFirst()
			.orElse(null);
	}

	/**
	 * Keep only the named cookie, as a browser does that was closed and opened again with
	 * a persistent cookie.
	 * @param name the cookie to keep
	 * @return a new client that holds only that cookie
	 */
	public AppClient withOnlyCookie(String name) {
		AppClient other = new AppClient(URI.create(this.baseUrl).getPort());
		this.cookies.getCookieStore()
			.getCookies()
			.stream()
			.filter((cookie) -> cookie.getName().equals(name))
			.forEach((cookie) -> other.cookies.getCookieStore().add(URI.create(this.baseUrl), cookie));
		return other;
	}

	private Response send(HttpRequest.Builder request) {
		String authorization = this.authorization;
		if (authorization != null) {
			request.header("Authorization", authorization);
		}
		try {
			return new Response(this.client.send(request.build(), HttpResponse.BodyHandlers.ofString()));
		}
		catch (IOException | InterruptedException ex) {
			throw new IllegalStateException(ex);
		}
	}

	private URI uri(String path) {
		return URI.create(this.baseUrl + path);
	}

	private static String encode(String value) {
		return URLEncoder.encode(value, StandardCharsets.UTF_8);
	}

	/**
	 * An answer.
	 *
	 * @param raw the HTTP response
	 */
	public record Response(HttpResponse<String> raw) {

		public int status() {
			return this.raw.statusCode();
		}

		public String text() {
			return this.raw.body();
		}

		public JsonNode body() {
			return json.readTree(this.raw.body());
		}

		public String field(String name) {
			return body().get(name).asString();
		}

		public @Nullable String header(String name) {
			return this.raw.headers().firstValue(name).orElse(null);
		}

		public List<String> headers(String name) {
			return this.raw.headers().allValues(name);
		}

		/**
		 * Return the names of the cookies this answer sets.
		 * @return the names, in order
		 */
		public List<String> setCookieNames() {
			return headers("Set-Cookie").stream().map((cookie) -> cookie.substring(0, cookie.indexOf('='))).toList();
		}

		public @Nullable String contentType() {
			return header("Content-Type");
		}

		@Override
		public String toString() {
			return this.raw.statusCode() + " " + this.raw.body();
		}

	}

}
