package dev.springmfa.apps.csrf;

import java.util.List;

import org.junit.jupiter.api.Test;

import dev.springmfa.apps.AbstractExistingAppTests;
import dev.springmfa.apps.AppClient;
import dev.springmfa.apps.AppClient.Response;
import org.springframework.boot.test.context.SpringBootTest;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The starter in an app that keeps Spring Security's default CSRF protection: the starter
 * hands a SPA the app's token and changes nothing of it.
 */
@SpringBootTest(classes = AppCsrfApp.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
		properties = AbstractExistingAppTests.MFA_ON)
class AppCsrfAppTests extends AbstractExistingAppTests {

	@Override
	protected Class<?> application() {
		return AppCsrfApp.class;
	}

	@Override
	protected List<PasswordLogin> passwordLogins() {
		return List.of(PasswordLogin.httpBasic(), PasswordLogin.formLogin("/login"));
	}

	@Test
	void csrfEndpointHandsOutTheAppsOwnTokenWhichTheAppsEndpointsAccept() {
		String username = newUser("USER");
		AppClient client = new AppClient(this.port).basic(username, PASSWORD);
		Response csrf = client.get("/api/auth/csrf");
		assertThat(csrf.status()).isEqualTo(200);
		assertThat(csrf.field("headerName")).isEqualTo("X-CSRF-TOKEN");
		assertThat(csrf.field("token")).isNotBlank();
		assertThat(client.cookie("XSRF-TOKEN")).isNull();
		assertThat(csrf.headers("Set-Cookie")).noneMatch((cookie) -> cookie.startsWith("XSRF-TOKEN"));
		Response saved = client.postJson("/api/data", "{\"a\":1}", csrf.field("headerName"), csrf.field("token"));
		assertThat(saved.status()).as(saved.toString()).isEqualTo(200);
		assertThat(saved.body().get("saved").get("a").asInt()).isEqualTo(1);
	}

	@Test
	void postWithoutTheTokenIsRefusedByTheAppAsBefore() {
		String username = newUser("USER");
		Response refused = new AppClient(this.port).basic(username, PASSWORD).postJson("/api/data", "{}", false);
		// The app's own answer, whatever it is: the shared tests compare it with the app
		// without the starter.
		assertThat(refused.status()).isIn(401, 403);
		assertThat(String.valueOf(refused.contentType())).doesNotStartWith("application/problem+json");
	}

	@Test
	void theStartersLoginNeedsTheAppsToken() {
		String username = newUser("USER");
		AppClient client = new AppClient(this.port);
		assertProblem(client.postJson("/api/auth/login", credentials(username), false), 403, "access_denied");
		assertThat(client.postJson("/api/auth/login", credentials(username)).status()).isEqualTo(200);
	}

}
