package dev.springmfa.demo;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpRequest.BodyPublishers;
import java.net.http.HttpResponse;
import java.net.http.HttpResponse.BodyHandlers;
import java.time.Instant;
import java.util.UUID;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import dev.springmfa.totp.Base32;
import dev.springmfa.totp.TotpGenerator;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.ActiveProfiles;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The demo under its {@code jwt} profile, as a client without cookies uses it: register,
 * log in for a token pair, call with the access token, refresh, log out. Web logging is
 * at DEBUG, where Spring MVC logs every request and answer body it converts.
 */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT, properties = "logging.level.web=DEBUG")
@ActiveProfiles("jwt")
@ExtendWith(OutputCaptureExtension.class)
class DemoJwtProfileTests {

	private final JsonMapper json = JsonMapper.builder().build();

	private final HttpClient client = HttpClient.newHttpClient();

	@LocalServerPort
	private int port;

	@Autowired
	private TotpGenerator totp;

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

	@Test
	void logWhenWebLoggingAtDebugThenNoPasswordSecretCodeOrToken(CapturedOutput output) throws Exception {
		String username = "debug-" + UUID.randomUUID();
		String password = "password-" + UUID.randomUUID();
		String credentials = "{\"username\":\"" + username + "\",\"password\":\"" + password + "\"}";
		assertThat(post("/api/auth/register", credentials, null).statusCode()).isEqualTo(201);
		JsonNode tokens = this.json.readTree(post("/api/auth/login", credentials, null).body());
		String accessToken = tokens.get("accessToken").asString();
		JsonNode activation = this.json.readTree(this.client
			.send(request("/api/auth/mfa/totp/activate", accessToken).GET().build(), BodyHandlers.ofString())
			.body());
		String secret = activation.get("secret").asString();
		String code = this.totp.generate(Base32.decode(secret), Instant.now());
		HttpResponse<String> activated = post("/api/auth/mfa/totp/activate", "{\"activationToken\":\""
				+ activation.get("activationToken").asString() + "\",\"code\":\"" + code + "\"}", accessToken);
		assertThat(activated.statusCode()).isEqualTo(200);
		JsonNode answer = this.json.readTree(activated.body());
		String recoveryCode = answer.get("recoveryCodes").get(0).asString();
		assertThat(output).contains("RegisterRequest[username=" + username + "]")
			.contains("ActivationResponse[enabled=true]")
			.doesNotContain(password)
			.doesNotContain(secret)
			.doesNotContain(activation.get("activationToken").asString())
			.doesNotContain(recoveryCode)
			.doesNotContain(accessToken)
			.doesNotContain(tokens.get("refreshToken").asString())
			.doesNotContain(answer.get("accessToken").asString());
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
