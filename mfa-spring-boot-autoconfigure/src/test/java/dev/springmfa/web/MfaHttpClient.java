package dev.springmfa.web;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.net.CookieManager;
import java.net.HttpCookie;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * A browser-like client of the HTTP contract: it keeps cookies and echoes the
 * {@code XSRF-TOKEN} cookie in the {@code X-XSRF-TOKEN} header, as a SPA does.
 */
class MfaHttpClient {

	static final JsonMapper json = JsonMapper.builder().build();

	private final String baseUrl;

	private final CookieManager cookies = new CookieManager();

	private final HttpClient client;

	MfaHttpClient(int port) {
		this.baseUrl = "http://localhost:" + port;
		this.client = HttpClient.newBuilder().cookieHandler(this.cookies).build();
	}

	Response get(String path) {
		return send(HttpRequest.newBuilder(URI.create(this.baseUrl + path)).GET());
	}

	Response post(String path, String body) {
		return post(path, body, true);
	}

	Response post(String path, String body, boolean withCsrf) {
		if (withCsrf && csrfToken() == null) {
			get("/api/auth/csrf");
		}
		HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(this.baseUrl + path))
			.header("Content-Type", "application/json")
			.header("User-Agent", "mfa-tests")
			.POST(HttpRequest.BodyPublishers.ofString(body));
		String token = csrfToken();
		if (withCsrf && token != null) {
			request.header("X-XSRF-TOKEN", token);
		}
		return send(request);
	}

	Response postChunked(String path, byte[] body) {
		if (csrfToken() == null) {
			get("/api/auth/csrf");
		}
		// A publisher of unknown length makes the client send the body chunked.
		return send(HttpRequest.newBuilder(URI.create(this.baseUrl + path))
			.header("Content-Type", "application/json")
			.header("X-XSRF-TOKEN", csrfToken())
			.POST(HttpRequest.BodyPublishers.ofInputStream(() -> new ByteArrayInputStream(body))));
	}

	String csrfToken() {
		return cookie("XSRF-TOKEN");
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
		try {
			HttpResponse<String> response = this.client.send(request.build(), HttpResponse.BodyHandlers.ofString());
			return new Response(response);
		}
		catch (IOException | InterruptedException ex) {
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
