package dev.springmfa.apps.form;

import java.util.List;

import org.junit.jupiter.api.Test;

import dev.springmfa.apps.AbstractExistingAppTests;
import dev.springmfa.apps.AppClient;
import dev.springmfa.apps.AppClient.Response;
import org.springframework.boot.test.context.SpringBootTest;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The starter in an app with a login form and remember-me.
 */
@SpringBootTest(classes = FormLoginApp.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
		properties = AbstractExistingAppTests.MFA_ON)
class FormLoginAppTests extends AbstractExistingAppTests {

	@Override
	protected Class<?> application() {
		return FormLoginApp.class;
	}

	@Override
	protected List<PasswordLogin> passwordLogins() {
		return List.of(PasswordLogin.formLogin("/login"), PasswordLogin.rememberMe("/login"));
	}

	@Test
	void formLoginSessionOfEnrolledUserIsRefusedThenStepUpChangesTheSessionId() {
		String username = newUser("USER");
		Enrolment enrolment = enrol(username);
		AppClient browser = new AppClient(this.port);
		assertThat(browser.formLogin("/login", username, PASSWORD, false).status()).isEqualTo(302);
		assertMfaRequired(browser.get("/api/data"), "form login");
		String passwordOnlySession = browser.cookie("JSESSIONID");
		Response stepUp = browser.postJson("/api/auth/mfa/step-up", "{\"code\":\"" + code(enrolment) + "\"}");
		assertThat(stepUp.status()).as(stepUp.toString()).isEqualTo(200);
		assertThat(browser.cookie("JSESSIONID")).isNotNull().isNotEqualTo(passwordOnlySession);
		assertThat(browser.get("/api/data").status()).isEqualTo(200);
		assertThat(factors(browser.get("/api/me"))).containsExactly("FACTOR_PASSWORD", "FACTOR_TOTP");
	}

	@Test
	void activatingTotpTakesAccessFromTheUsersFormLoginSessions() {
		String username = newUser("USER");
		AppClient other = new AppClient(this.port);
		assertThat(other.formLogin("/login", username, PASSWORD, false).status()).isEqualTo(302);
		assertThat(other.get("/api/data").status()).isEqualTo(200);
		Enrolment enrolment = enrol(username);
		assertMfaRequired(other.get("/api/data"), "form login session from before the activation");
		assertThat(enrolment.client().get("/api/data").status()).isEqualTo(200);
		assertThat(factors(enrolment.client().get("/api/me"))).containsExactly("FACTOR_PASSWORD", "FACTOR_TOTP");
	}

	@Test
	void stepUpWithWrongCodeIsRefusedAndTheLoginStaysPasswordOnly() {
		String username = newUser("USER");
		enrol(username);
		AppClient browser = new AppClient(this.port);
		browser.formLogin("/login", username, PASSWORD, false);
		assertProblem(browser.postJson("/api/auth/mfa/step-up", "{\"code\":\"000000\"}"), 400, "invalid_code");
		assertMfaRequired(browser.get("/api/data"), "after a wrong step-up");
	}

	@Test
	void unauthenticatedCallKeepsTheAppsLoginRedirect() {
		Response anonymous = new AppClient(this.port).get("/api/data");
		assertThat(anonymous.status()).isEqualTo(302);
		assertThat(anonymous.header("Location")).endsWith("/login");
	}

	@Test
	void rememberMeLoginOfEnrolledUserIsAnsweredMfaRequired() {
		String username = newUser("USER");
		enrol(username);
		AppClient client = PasswordLogin.rememberMe("/login").action().logIn(this.port, username).client();
		assertMfaRequired(client.get("/api/data"), "remember-me");
	}

}
