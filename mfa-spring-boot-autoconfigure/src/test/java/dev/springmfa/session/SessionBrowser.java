package dev.springmfa.session;

import java.io.IOException;
import java.net.CookieManager;
import java.net.HttpCookie;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;

import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * A browser in front of a load balancer: one cookie jar for every instance, so that the
 * session cookie of one instance rides on the requests to the other. Like a SPA, it sends
 * the CSRF token that {@code GET /api/auth/csrf} of the instance it talks to hands out,
 * in the header that it names.
 */
final class SessionBrowser {

	static final String SESSION_COOKIE = "SESSION";

	private static final JsonMapper json = JsonMapper.builder().build();

	private final CookieManager cookies = new CookieManager();

	private final HttpClient client = HttpClient.newBuilder().cookieHandler(this.cookies).build();

	Response get(Instance on, String path) {
		return send(HttpRequest.newBuilder(on.uri(path)).GET());
	}

	Response post(Instance on, String path, String body) {
		return post(on, path, body, "application/json");
	}

	/**
	 * Post JSON with the CSRF token given, as a SPA does that read it before.
	 * @param on the instance
	 * @param path the path
	 * @param body the JSON body
	 * @param csrfToken the token, sent in {@code X-XSRF-TOKEN}
	 * @return the answer
	 */
	Response postWithToken(Instance on, String path, String body, String csrfToken) {
		return send(HttpRequest.newBuilder(on.uri(path))
			.header("Content-Type", "application/json")
			.header("User-Agent", "mfa-session-tests")
			.header("X-XSRF-TOKEN", csrfToken)
			.POST(HttpRequest.BodyPublishers.ofString(body)));
	}

	String csrfToken(Instance on) {
		return get(on, "/api/auth/csrf").field("token");
	}

	Response postForm(Instance on, String path, String body) {
		return post(on, path, body, "application/x-www-form-urlencoded");
	}

	private Response post(Instance on, String path, String body, String contentType) {
		HttpRequest.Builder request = HttpRequest.newBuilder(on.uri(path))
			.header("Content-Type", contentType)
			.header("User-Agent", "mfa-session-tests")
			.POST(HttpRequest.BodyPublishers.ofString(body));
		Response csrf = get(on, "/api/auth/csrf");
		if (csrf.status() == 200) {
			request.header(csrf.field("headerName"), csrf.field("token"));
		}
		return send(request);
	}

	/**
	 * Return the session id that the browser holds, as the cookie carries it.
	 * @return the cookie's value, {@code null} without a session
	 */
	@Nullable String sessionCookie() {
		return this.cookies.getCookieStore()
			.getCookies()
			.stream()
			.filter((cookie) -> cookie.getName().equals(SESSION_COOKIE))
			.map(HttpCookie::getValue)
			.findFirst()
			.orElse(null);
	}

	private Response send(HttpRequest.Builder request) {
		try {
			return new Response(this.client.send(request.build(), HttpResponse.BodyHandlers.ofString()));
		}
		catch (IOException ex) {
			throw new IllegalStateException(ex);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException(ex);
		}
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
			JsonNode value = body().get(name);
			return (value != null) ? value.asString() : null;
		}

		@Nullable String contentType() {
			return this.raw.headers().firstValue("Content-Type").orElse(null);
		}

		@Override
		public String toString() {
			return this.raw.statusCode() + " " + this.raw.body();
		}

	}

}
