package dev.springmfa.apps.twochains;

import java.util.List;

import org.junit.jupiter.api.Test;

import dev.springmfa.apps.AbstractExistingAppTests;
import dev.springmfa.apps.AppClient;
import dev.springmfa.apps.AppClient.Response;
import org.springframework.boot.test.context.SpringBootTest;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The starter in an app with two filter chains, the auto-configuration applying MFA to
 * both: a form-login admin area and an HTTP Basic API.
 */
@SpringBootTest(classes = TwoChainsApp.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
		properties = AbstractExistingAppTests.MFA_ON)
class TwoChainsAppTests extends AbstractExistingAppTests {

	@Override
	protected Class<?> application() {
		return TwoChainsApp.class;
	}

	@Override
	protected List<PasswordLogin> passwordLogins() {
		return List.of(PasswordLogin.formLogin("/admin/login"), PasswordLogin.httpBasic().only("/api/"));
	}

	@Override
	protected List<String> protectedPaths() {
		return List.of("/api/data", "/api/me", "/admin/home");
	}

	@Override
	protected List<String> adminPaths() {
		return List.of("/api/admin/data", "/admin/me");
	}

	@Override
	protected List<String> openPaths() {
		return List.of("/public/hello", "/admin/login");
	}

	@Test
	void formLoginOfTheAdminChainIsRefusedOnBothChainsThenStepUpOnTheApiChainCompletesBoth() {
		String username = newUser("USER", "ADMIN");
		Enrolment enrolment = enrol(username);
		AppClient browser = new AppClient(this.port);
		Response login = browser.formLogin("/admin/login", username, PASSWORD, false);
		assertThat(login.status()).isEqualTo(302);
		assertThat(login.header("Location")).endsWith("/admin/home");
		assertMfaRequired(browser.get("/admin/home"), "admin chain");
		assertMfaRequired(browser.get("/api/data"), "api chain");
		String session = browser.cookie("JSESSIONID");
		Response stepUp = browser.postJson("/api/auth/mfa/step-up", "{\"code\":\"" + code(enrolment) + "\"}");
		assertThat(stepUp.status()).as(stepUp.toString()).isEqualTo(200);
		assertThat(browser.cookie("JSESSIONID")).isNotEqualTo(session);
		assertThat(browser.get("/admin/home").status()).isEqualTo(200);
		assertThat(factors(browser.get("/admin/me"))).containsExactly("FACTOR_PASSWORD", "FACTOR_TOTP");
		assertThat(browser.get("/api/data").status()).isEqualTo(200);
	}

	@Test
	void eachChainKeepsItsOwnEntryPoint() {
		AppClient anonymous = new AppClient(this.port);
		Response admin = anonymous.get("/admin/home");
		assertThat(admin.status()).isEqualTo(302);
		assertThat(admin.header("Location")).endsWith("/admin/login");
		Response api = anonymous.get("/api/data");
		assertThat(api.status()).isEqualTo(401);
		assertThat(api.header("WWW-Authenticate")).startsWith("Basic");
	}

}
