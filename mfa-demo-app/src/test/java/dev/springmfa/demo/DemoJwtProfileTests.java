package dev.springmfa.demo;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpRequest.BodyPublishers;
import java.net.http.HttpResponse;
import java.net.http.HttpResponse.BodyHandlers;
import java.util.UUID;

import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.ActiveProfiles;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The demo under its {@code jwt} profile, as a client without cookies uses it: register,
 * log in for a token pair, call with the access token, refresh, log out.
 */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT)
@ActiveProfiles("jwt")
class DemoJwtProfileTests {

	private final JsonMapper json = JsonMapper.builder().build();

	private final HttpClient client = HttpClient.newHttpClient();

	@LocalServerPort
	private int port;

	@Test
	void loginWhenJwtProfileThenTokensWorkWithoutCookiesUntilLogout() throws Exception {
		String username = "jwt-" + UUID.randomUUID();
		String credentials = "{\"username\":\"" + username + "\",\"password\":\"correct horse\"}";
		assertThat(post("/api/auth/register", credentials, null).statusCode()).isEqualTo(201);
		HttpResponse<String> login = post("/api/auth/login", credentials, null);
		assertThat(login.statusCode()).isEqualTo(200);
		assertThat(login.headers().allValues("Set-Cookie")).isEmpty();
		JsonNode tokens = this.json.readTree(login.body());
		String accessToken = tokens.get("accessToken").asString();

		HttpResponse<String> user = this.client.send(request("/api/auth/user", accessToken).GET().build(),
				BodyHandlers.ofString());
		assertThat(user.statusCode()).isEqualTo(200);
		assertThat(this.json.readTree(user.body()).get("factors").toString()).isEqualTo("[\"FACTOR_PASSWORD\"]");

		String refresh = "{\"refreshToken\":\"" + tokens.get("refreshToken").asString() + "\"}";
		HttpResponse<String> refreshed = post("/api/auth/token/refresh", refresh, null);
		assertThat(refreshed.statusCode()).isEqualTo(200);
		String newRefresh = "{\"refreshToken\":\"" + this.json.readTree(refreshed.body()).get("refreshToken").asString()
				+ "\"}";
		assertThat(post("/api/auth/logout", newRefresh, accessToken).statusCode()).isEqualTo(204);
		assertThat(post("/api/auth/token/refresh", newRefresh, null).statusCode()).isEqualTo(401);
	}

	private HttpResponse<String> post(String path, String body, String accessToken) throws Exception {
		return this.client.send(request(path, accessToken).header("Content-Type", "application/json")
			.POST(BodyPublishers.ofString(body))
			.build(), BodyHandlers.ofString());
	}

	private HttpRequest.Builder request(String path, String accessToken) {
		HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://localhost:" + this.port + path));
		return (accessToken != null) ? request.header("Authorization", "Bearer " + accessToken) : request;
	}

}
