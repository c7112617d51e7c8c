package dev.springmfa.web;

import org.junit.jupiter.api.Test;

import dev.springmfa.web.MfaHttpClient.Response;
import org.springframework.boot.test.context.SpringBootTest;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The HTTP contract in session mode: a completed login lives in the session, and every
 * POST needs the SPA's CSRF token.
 */
@SpringBootTest(classes = MfaTestApplication.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
		properties = { AbstractMfaLoginIntegrationTests.PROPERTIES,
				"spring.datasource.url=jdbc:h2:mem:mfa-session;DB_CLOSE_DELAY=-1" })
class MfaSessionLoginIntegrationTests extends AbstractMfaLoginIntegrationTests {

	@Override
	MfaHttpClient.Mode mode() {
		return MfaHttpClient.Mode.SESSION;
	}

	@Override
	void assertLoginHandedOver(MfaHttpClient client, Response login) {
		assertThat(login.body().has("accessToken")).isFalse();
		assertThat(client.cookie("JSESSIONID")).isNotNull();
	}

	@Test
	void loginWhenCompleteThenSessionIdChanges() {
		this.client.get("/api/auth/csrf");
		String sessionBefore = this.client.cookie("JSESSIONID");
		assertThat(login(this.client, PASSWORD).status()).isEqualTo(200);
		assertThat(this.client.cookie("JSESSIONID")).isNotNull().isNotEqualTo(sessionBefore);
	}

	@Test
	void loginWhenCsrfHeaderMissingThenForbidden() {
		this.client.get("/api/auth/csrf");
		Response login = this.client.post("/api/auth/login", credentials(PASSWORD), false);
		assertProblem(login, 403, "access_denied");
		assertThat(login.field("detail")).contains("CSRF");
		assertThat(this.client.get("/api/auth/user").status()).isEqualTo(401);
	}

	@Test
	void csrfWhenRequestedThenTheApplicationsTokenAndHeaderName() {
		Response csrf = this.client.get("/api/auth/csrf");
		assertThat(csrf.status()).isEqualTo(200);
		// The application's own CSRF setup (Spring Security's default), not a cookie.
		assertThat(csrf.field("headerName")).isEqualTo("X-CSRF-TOKEN");
		assertThat(csrf.field("token")).isNotBlank();
		assertThat(this.client.cookie("XSRF-TOKEN")).isNull();
	}

	@Test
	void refreshWhenSessionModeThenNotServed() {
		assertThat(this.client.post("/api/auth/token/refresh", "{\"refreshToken\":\"x\"}").status()).isEqualTo(401);
	}

	@Test
	void activationWhenTheUserHasAnotherSessionThenItEndsAndThisOneCarriesTotp() {
		MfaHttpClient other = newClient();
		login(other, PASSWORD);
		assertThat(other.get("/api/auth/user").status()).isEqualTo(200);
		enableMfa();
		assertThat(other.get("/api/auth/user").status()).isEqualTo(401);
		assertThat(factors(this.client)).containsExactly("FACTOR_PASSWORD", "FACTOR_TOTP");
		assertThat(this.client.get("/api/auth/mfa/recovery-codes").status()).isEqualTo(200);
	}

}
