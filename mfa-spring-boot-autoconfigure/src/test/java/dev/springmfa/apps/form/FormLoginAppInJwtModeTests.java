package dev.springmfa.apps.form;

import org.junit.jupiter.api.Test;

import dev.springmfa.apps.AbstractExistingAppTests;
import dev.springmfa.apps.AppClient;
import dev.springmfa.apps.AppClient.Response;
import dev.springmfa.apps.SteppingClock;
import dev.springmfa.totp.Base32;
import dev.springmfa.totp.TotpGenerator;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.security.core.userdetails.User;
import org.springframework.security.provisioning.UserDetailsManager;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The starter in jwt mode in an app that keeps its sessions and CSRF protection for its
 * own login form: only the MFA endpoints and bearer requests go without a CSRF token, and
 * the app's chain stays as the app made it.
 */
@SpringBootTest(classes = FormLoginApp.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
		properties = { AbstractExistingAppTests.MFA_ON, "mfa.login.mode=jwt" })
class FormLoginAppInJwtModeTests {

	private static final String PASSWORD = "correct horse battery staple";

	@LocalServerPort
	int port;

	@Autowired
	UserDetailsManager users;

	@Autowired
	TotpGenerator totp;

	@Autowired
	SteppingClock clock;

	@Test
	void jsonLoginSetsNoCookieAndBearerCallsNeedNoCsrfToken() {
		String username = newUser();
		AppClient api = new AppClient(this.port);
		assertThat(api.get("/api/auth/csrf").status()).isEqualTo(204);
		Response login = api.postJson("/api/auth/login", credentials(username), false);
		assertThat(login.status()).as(login.toString()).isEqualTo(200);
		assertThat(login.setCookieNames()).isEmpty();
		api.bearer(login.field("accessToken"));
		assertThat(api.postJson("/api/data", "{}", false).status()).isEqualTo(200);
		assertThat(api.get("/api/data").setCookieNames()).isEmpty();
	}

	@Test
	void appsOwnPostsFromItsFormLoginSessionKeepTheirCsrfProtection() {
		String username = newUser();
		AppClient browser = new AppClient(this.port);
		assertThat(browser.formLogin("/login", username, PASSWORD, false).status()).isEqualTo(302);
		assertThat(browser.get("/api/data").status()).isEqualTo(200);
		assertThat(browser.postJson("/api/data", "{}", false).status()).isEqualTo(403);
	}

	@Test
	void formLoginSessionOfEnrolledUserStepsUpWithoutCsrfToken() {
		String username = newUser();
		String secret = enrol(username);
		AppClient browser = new AppClient(this.port);
		assertThat(browser.formLogin("/login", username, PASSWORD, false).status()).isEqualTo(302);
		assertThat(browser.get("/api/data").status()).isEqualTo(401);
		Response stepUp = browser.postJson("/api/auth/mfa/step-up", "{\"code\":\"" + code(secret) + "\"}", false);
		assertThat(stepUp.status()).as(stepUp.toString()).isEqualTo(200);
		// jwt mode answers a step-up with a token pair carrying the renewed factor.
		assertThat(stepUp.field("accessToken")).isNotBlank();
		assertThat(new AppClient(this.port).bearer(stepUp.field("accessToken")).get("/api/data").status())
			.isEqualTo(200);
		// Its refresh token was recorded in the step-up's transaction, bound to the
		// password that this app's form login checked.
		Response refreshed = refresh(new AppClient(this.port), stepUp.field("refreshToken"));
		assertThat(refreshed.status()).as(refreshed.toString()).isEqualTo(200);
		this.users.updateUser(User.withUsername(username).password("{noop}another " + PASSWORD).roles("USER").build());
		assertThat(refresh(new AppClient(this.port), refreshed.field("refreshToken")).status()).isEqualTo(401);
	}

	// The code step's login carries the password's fingerprint to the refresh token
	// through this app's own chain, as through the starter's.
	@Test
	void twoStepJsonLoginOfEnrolledUserRefreshesUntilThePasswordChanges() {
		String username = newUser();
		String secret = enrol(username);
		AppClient api = new AppClient(this.port);
		Response login = api.postJson("/api/auth/login", credentials(username), false);
		assertThat(login.status()).as(login.toString()).isEqualTo(200);
		Response verify = api.postJson("/api/auth/mfa/verify",
				"{\"ephemeralToken\":\"" + login.field("ephemeralToken") + "\",\"code\":\"" + code(secret) + "\"}",
				false);
		assertThat(verify.status()).as(verify.toString()).isEqualTo(200);
		Response refreshed = refresh(api, verify.field("refreshToken"));
		assertThat(refreshed.status()).as(refreshed.toString()).isEqualTo(200);
		this.users.updateUser(User.withUsername(username).password("{noop}another " + PASSWORD).roles("USER").build());
		Response refused = refresh(api, refreshed.field("refreshToken"));
		assertThat(refused.status()).isEqualTo(401);
		assertThat(refused.field("code")).isEqualTo("invalid_token");
	}

	private static Response refresh(AppClient api, String refreshToken) {
		return api.postJson("/api/auth/token/refresh", "{\"refreshToken\":\"" + refreshToken + "\"}", false);
	}

	private String enrol(String username) {
		AppClient api = new AppClient(this.port);
		api.bearer(api.postJson("/api/auth/login", credentials(username), false).field("accessToken"));
		Response activation = api.get("/api/auth/mfa/totp/activate");
		assertThat(activation.status()).as(activation.toString()).isEqualTo(200);
		String secret = activation.field("secret");
		Response activated = api.postJson("/api/auth/mfa/totp/activate", "{\"activationToken\":\""
				+ activation.field("activationToken") + "\",\"code\":\"" + code(secret) + "\"}", false);
		assertThat(activated.status()).as(activated.toString()).isEqualTo(200);
		return secret;
	}

	private String newUser() {
		String username = "jwt-" + java.util.UUID.randomUUID();
		this.users.createUser(User.withUsername(username).password("{noop}" + PASSWORD).roles("USER").build());
		return username;
	}

	private String code(String secret) {
		return this.totp.generate(Base32.decode(secret), this.clock.nextStep());
	}

	private static String credentials(String username) {
		return "{\"username\":\"" + username + "\",\"password\":\"" + PASSWORD + "\"}";
	}

}
