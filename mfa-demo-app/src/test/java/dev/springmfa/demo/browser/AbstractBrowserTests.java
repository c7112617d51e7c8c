package dev.springmfa.demo.browser;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.WebElement;

import dev.springmfa.totp.Base32;
import dev.springmfa.totp.TotpGenerator;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Import;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * The demo's SPA in a real browser, one user's life in ordered steps: register, sign in
 * without MFA, turn TOTP on, sign in with a TOTP code and with a recovery code, replace
 * the recovery codes, step up a login that lacks the second factor, turn TOTP off. On the
 * way it moves with the Back and Forward buttons, reloads the page in the middle of a
 * flow, and types codes as people do ("123 456"). Subclasses run the same steps under a
 * login mode's Spring profile and check how that mode keeps the login.
 */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT)
@Import({ SteppingClockConfiguration.class, FormLoginConfiguration.class })
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
abstract class AbstractBrowserTests {

	private static final String PASSWORD = "correct horse battery";

	private static final Duration NEXT_TIME_STEP = Duration.ofSeconds(30);

	// Each subclass signs up its own user in the JVM's one in-memory database.
	private static final AtomicInteger users = new AtomicInteger();

	@LocalServerPort
	private int port;

	@Autowired
	private TotpGenerator totp;

	@Autowired
	private SteppingClock clock;

	private Browser browser;

	private final String username = "alice" + users.incrementAndGet();

	private byte[] secret = new byte[0];

	private List<String> recoveryCodes = List.of();

	/**
	 * Assert that the browser holds the login the way this mode does.
	 * @param browser the browser, on the settings screen
	 */
	protected abstract void assertLoginKeptByMode(Browser browser);

	/**
	 * Return whether the login is held in the HTTP session: then it outlives a reload of
	 * the page, and another login of the application (a form login) can replace it.
	 * Tokens kept in the page's memory do neither.
	 * @return whether the session holds the login
	 */
	protected abstract boolean loginHeldBySession();

	/**
	 * Return the name of the login mode, which names the directory of the screenshots.
	 * @return the mode
	 */
	protected abstract String mode();

	@BeforeAll
	void startBrowser(@TempDir Path profile) {
		if (Browser.installed()) {
			this.browser = Browser.start(profile, mode());
		}
	}

	@BeforeEach
	void requireBrowser() {
		Browser.assumeInstalled();
	}

	@AfterAll
	void quitBrowser() {
		if (this.browser != null) {
			this.browser.close();
		}
	}

	@Test
	@Order(10)
	void backWhenOnRegisterScreenThenLoginScreenInsideTheApp() {
		this.browser.open(home());
		this.browser.visible("login-view");
		this.browser.screenshot("login");
		this.browser.click("show-register");
		this.browser.visible("register-view");
		assertThat(this.browser.url()).isEqualTo(home() + "#register");
		this.browser.back();
		this.browser.visible("login-view");
		assertThat(this.browser.url()).isEqualTo(home() + "#login");
		this.browser.forward();
		this.browser.visible("register-view");
	}

	@Test
	@Order(20)
	void registerWhenUsernameFreeThenLoginScreenWelcomesTheUser() {
		this.browser.type("register-username", "alice smith");
		this.browser.type("register-password", PASSWORD);
		this.browser.click("register-submit");
		// One message for the field, saying what it takes, in place of its hint.
		assertThat(this.browser.waitForAnyText("register-username-error"))
			.isEqualTo("Choose a username of letters, digits and . _ @ - (up to 64).");
		this.browser.waitUntilHidden("register-username-hint");
		this.browser.screenshot("register-invalid-username");
		this.browser.type("register-username", this.username);
		this.browser.screenshot("register");
		this.browser.click("register-submit");
		this.browser.waitForText("login-form-alert", "Your account is ready");
		assertThat(this.browser.visible("login-username").getDomProperty("value")).isEqualTo(this.username);
		// Back from the registration: the login screen was left for it, so no entry
		// stays.
		assertThat(this.browser.url()).isEqualTo(home() + "#login");
	}

	@Test
	@Order(30)
	void loginWhenPasswordWrongThenSaysSoAndFocusesTheClearedPassword() {
		this.browser.click("login-submit");
		assertThat(this.browser.waitForAnyText("login-password-error")).isEqualTo("Enter your password.");
		assertThat(this.browser.text("login-view")).doesNotContain("must not");
		this.browser.type("login-password", "wrong horse battery");
		this.browser.click("login-submit");
		this.browser.waitForText("login-form-alert", "Wrong username or password.");
		this.browser.waitForFocus("login-password");
		assertThat(this.browser.visible("login-password").getDomProperty("value")).isEmpty();
		assertThat(this.browser.visible("login-username").getDomProperty("value")).isEqualTo(this.username);
		this.browser.screenshot("login-bad-credentials");
	}

	@Test
	@Order(40)
	void loginWhenNoMfaThenSettingsShowPasswordFactorAndMfaOff() {
		login();
		this.browser.visible("settings-view");
		assertThat(this.browser.text("current-user")).isEqualTo(this.username);
		assertThat(factors()).containsExactly("FACTOR_PASSWORD");
		assertThat(mfaEnabled()).isEqualTo("false");
		assertLoginKeptByMode(this.browser);
		assertNothingInWebStorage();
		this.browser.screenshot("settings-mfa-off");
	}

	@Test
	@Order(50)
	void enableWhenReloadedDuringSetupAndCodeTypedWithSpaceThenRecoveryCodesShownOnce() {
		this.browser.click("enable-mfa");
		String before = this.browser.text("totp-secret");
		assertThat(this.browser.url()).isEqualTo(home() + "#settings/setup");
		this.browser.reload();
		if (loginHeldBySession()) {
			// The key is kept nowhere but on the page: a new one, and the page says so.
			this.browser.waitForText("setup-form-alert", "This is a new key.");
		}
		else {
			this.browser.waitForText("login-form-alert", "Please sign in again");
			login();
			this.browser.click("enable-mfa");
		}
		String displayed = this.browser.text("totp-secret");
		assertThat(displayed).isNotEqualTo(before);
		this.secret = Base32.decode(displayed.replace(" ", ""));
		assertThat(this.browser.visible("totp-qr").getDomProperty("src")).startsWith("data:image/png;base64,");
		this.browser.screenshot("enable-scan-qr-code");
		String code = spaced(nextTotpCode());
		this.browser.type("setup-code", code);
		assertThat(this.browser.visible("setup-code").getDomProperty("value")).isEqualTo(code);
		this.browser.click("setup-submit");
		this.browser.visible("recovery-panel");
		this.recoveryCodes = this.browser.all("#recovery-code-list li").stream().map(WebElement::getText).toList();
		assertThat(this.recoveryCodes).hasSize(10)
			.allMatch((recoveryCode) -> recoveryCode.matches("[0-9a-z]{4}-[0-9a-z]{4}"));
		assertNothingInWebStorage();
		this.browser.screenshot("recovery-codes");
		this.browser.click("copy-codes");
		// Headless Chromium may refuse the clipboard; the codes are then selected
		// instead.
		assertThat(this.browser.waitForAnyText("recovery-copy-status")).matches("Copied.*|Press Ctrl\\+C.*");
		this.browser.click("download-codes");
		assertThat(this.browser.downloaded("mfa-demo-recovery-codes.txt")).contains(this.recoveryCodes);
		this.browser.click("recovery-done");
		this.browser.waitUntilHidden("recovery-panel");
		assertThat(mfaEnabled()).isEqualTo("true");
		assertThat(this.browser.text("recovery-remaining")).isEqualTo("10");
		// The activation upgraded the login with the factor.
		assertThat(factors()).containsExactly("FACTOR_PASSWORD", "FACTOR_TOTP");
	}

	@Test
	@Order(60)
	void loginWhenReloadedOnCodeScreenAndCodeTypedWithSpaceThenSettingsShowTotpFactor() {
		logout();
		login();
		this.browser.visible("challenge-view");
		assertThat(this.browser.url()).isEqualTo(home() + "#verify");
		assertThat(this.browser.visible("challenge-code").getDomAttribute("inputmode")).isEqualTo("numeric");
		assertThat(this.browser.visible("challenge-code").getDomAttribute("autocomplete")).isEqualTo("one-time-code");
		this.browser.screenshot("challenge-totp");
		this.browser.phoneScreenshot("challenge-totp-phone");
		this.browser.type("challenge-code", spaced(this.totp.generate(this.secret, Instant.EPOCH)));
		this.browser.click("challenge-submit");
		this.browser.waitForText("challenge-form-alert",
				"That code did not work. Codes are used once; wait for the next one");
		this.browser.screenshot("challenge-invalid-code");
		this.browser.reload();
		this.browser.visible("challenge-view");
		assertThat(this.browser.text("challenge-username")).isEqualTo(this.username);
		assertThat(this.browser.script("return Object.keys(sessionStorage)")).isEqualTo(List.of("mfa-demo.challenge"));
		this.browser.type("challenge-code", spaced(nextTotpCode()));
		this.browser.click("challenge-submit");
		this.browser.visible("settings-view");
		assertThat(factors()).containsExactly("FACTOR_PASSWORD", "FACTOR_TOTP");
		assertLoginKeptByMode(this.browser);
		assertNothingInWebStorage();
		this.browser.screenshot("settings-mfa-on");
	}

	@Test
	@Order(70)
	void loginWhenRecoveryCodeThenSettingsShowOneCodeFewer() {
		logout();
		login();
		this.browser.click("challenge-switch");
		assertThat(this.browser.text("challenge-code-label")).isEqualTo("Recovery code");
		this.browser.screenshot("challenge-recovery-code");
		this.browser.type("challenge-code", "zzzz-zzzz");
		this.browser.click("challenge-submit");
		// Waiting for the next code is advice for a TOTP code only.
		assertThat(this.browser.waitForText("challenge-form-alert", "That recovery code did not work"))
			.doesNotContain("wait for the next");
		this.browser.type("challenge-code", this.recoveryCodes.get(0).toUpperCase());
		this.browser.click("challenge-submit");
		this.browser.visible("settings-view");
		assertThat(factors()).containsExactly("FACTOR_PASSWORD", "FACTOR_RECOVERY_CODE");
		assertThat(this.browser.text("recovery-remaining")).isEqualTo("9");
		assertThat(this.browser.visible("recovery-login-notice").getText()).contains("recovery code");
		this.browser.screenshot("settings-after-recovery-code");
		this.browser.phoneScreenshot("settings-phone");
	}

	@Test
	@Order(80)
	void regenerateWhenConfirmedWithFreshCodeThenNewCodesAndRecoveryWarningGone() {
		// A long pause: a jwt login's access token expires, and the SPA has to refresh it
		// on
		// the 401 to get through; a session login does not notice.
		this.clock.advance(Duration.ofMinutes(16));
		this.browser.click("regenerate-open");
		this.browser.visible("regenerate-code");
		assertThat(this.browser.url()).isEqualTo(home() + "#settings/regenerate");
		// Back closes the form and stays in the app; Forward opens it again.
		this.browser.back();
		this.browser.waitUntilHidden("regenerate-form");
		this.browser.visible("mfa-on");
		assertThat(this.browser.url()).isEqualTo(home() + "#settings");
		this.browser.forward();
		this.browser.visible("regenerate-code");
		this.browser.screenshot("regenerate-confirm");
		this.browser.type("regenerate-code", spaced(nextTotpCode()));
		this.browser.click("regenerate-submit");
		this.browser.visible("recovery-panel");
		List<String> codes = this.browser.all("#recovery-code-list li").stream().map(WebElement::getText).toList();
		assertThat(codes).hasSize(10).doesNotContainAnyElementsOf(this.recoveryCodes);
		this.recoveryCodes = codes;
		assertThat(this.browser.all("#recovery-login-notice").get(0).isDisplayed()).isFalse();
		this.browser.click("recovery-done");
		this.browser.waitUntilHidden("recovery-panel");
		assertThat(this.browser.text("recovery-remaining")).isEqualTo("10");
		this.browser.waitUntilHidden("recovery-login-notice");
		assertThat(this.browser.url()).isEqualTo(home() + "#settings");
	}

	@Test
	@Order(90)
	void verifyWhenChallengeExpiredThenBackToLoginWithMessage() {
		logout();
		login();
		this.browser.visible("challenge-view");
		this.clock.advance(Duration.ofMinutes(6));
		this.browser.type("challenge-code", nextTotpCode());
		this.browser.click("challenge-submit");
		this.browser.waitForText("login-form-alert", "The sign-in expired");
		this.browser.screenshot("login-after-expired-challenge");
		assertThat(this.browser.visible("login-view").isDisplayed()).isTrue();
		assertNothingInWebStorage();
	}

	@Test
	@Order(100)
	void stepUpWhenLoginOfTheAppLacksSecondFactorThenCodeCompletesItAndCallIsRetried() {
		assumeTrue(loginHeldBySession(), "the jwt profile keeps no session, so no login of the app lacks the factor");
		formLogin();
		this.browser.reload();
		// The SPA's first call is refused with 401 mfa_required: it asks for a code.
		this.browser.visible("stepup-dialog");
		assertThat(this.browser.text("stepup-reason")).contains("second step of your sign-in");
		this.browser.screenshot("step-up");
		this.browser.type("stepup-code", spaced(this.totp.generate(this.secret, Instant.EPOCH)));
		this.browser.click("stepup-submit");
		this.browser.waitForText("stepup-form-alert", "That code did not work.");
		this.browser.type("stepup-code", spaced(nextTotpCode()));
		this.browser.click("stepup-submit");
		this.browser.waitUntilHidden("stepup-dialog");
		this.browser.visible("settings-view");
		assertThat(this.browser.text("current-user")).isEqualTo(this.username);
		assertThat(factors()).contains("FACTOR_PASSWORD", "FACTOR_TOTP");
		assertNothingInWebStorage();
	}

	@Test
	@Order(110)
	void regenerateWhenLoginLostSecondFactorThenItsCodeStepsUpAndNextCodeFinishes() {
		// A form login in the same browser replaces the session's login with one of the
		// password alone, behind the page's back.
		assumeTrue(loginHeldBySession(), "the login is a bearer token in the page, which no other login replaces");
		formLogin();
		this.browser.click("regenerate-open");
		this.browser.type("regenerate-code", spaced(nextTotpCode()));
		this.browser.click("regenerate-submit");
		this.browser.waitForText("regenerate-form-alert", "That code confirmed your sign-in.");
		this.browser.screenshot("regenerate-after-step-up");
		this.browser.type("regenerate-code", spaced(nextTotpCode()));
		this.browser.click("regenerate-submit");
		this.browser.visible("recovery-panel");
		List<String> codes = this.browser.all("#recovery-code-list li").stream().map(WebElement::getText).toList();
		assertThat(codes).hasSize(10).doesNotContainAnyElementsOf(this.recoveryCodes);
		this.recoveryCodes = codes;
		this.browser.click("recovery-done");
		this.browser.waitUntilHidden("recovery-panel");
	}

	@Test
	@Order(120)
	void disableWhenConfirmedWithRecoveryCodeThenMfaOffAndRecoveryWarningGone() {
		// Signed in after the step-up in session mode; on the login screen in jwt mode.
		if (this.browser.all("#logout-button").get(0).isDisplayed()) {
			logout();
		}
		login();
		this.browser.click("challenge-switch");
		this.browser.type("challenge-code", this.recoveryCodes.get(0));
		this.browser.click("challenge-submit");
		this.browser.visible("recovery-login-notice");
		this.browser.click("disable-open");
		assertThat(this.browser.url()).isEqualTo(home() + "#settings/disable");
		this.browser.click("disable-switch");
		// As written on a sheet of paper: with a space instead of the dash.
		this.browser.type("disable-code", this.recoveryCodes.get(1).replace('-', ' '));
		this.browser.screenshot("disable-confirm");
		this.browser.click("disable-submit");
		this.browser.waitForText("settings-alert", "Two-step verification is off.");
		assertThat(mfaEnabled()).isEqualTo("false");
		this.browser.waitUntilHidden("recovery-login-notice");
		this.browser.screenshot("settings-mfa-disabled");
		logout();
		login();
		this.browser.visible("settings-view");
		assertThat(factors()).containsExactly("FACTOR_PASSWORD");
	}

	private String home() {
		return "http://localhost:" + this.port + "/";
	}

	private void login() {
		this.browser.type("login-username", this.username);
		this.browser.type("login-password", PASSWORD);
		this.browser.click("login-submit");
	}

	private void logout() {
		this.browser.click("logout-button");
		this.browser.waitForText("login-form-alert", "You have signed out.");
	}

	// A login of the application's own that proves the password only, posted from the
	// page
	// so that the browser keeps its session cookie.
	private void formLogin() {
		Object status = this.browser.script(
				"return fetch(arguments[0], {method: 'POST', "
						+ "body: new URLSearchParams({username: arguments[1], password: arguments[2]})})"
						+ ".then((response) => response.status)",
				FormLoginConfiguration.LOGIN_PATH, this.username, PASSWORD);
		assertThat(status).isEqualTo(204L);
	}

	// The starter refuses a second code of an accepted time step, so each code comes from
	// the next one.
	private String nextTotpCode() {
		this.clock.advance(NEXT_TIME_STEP);
		return this.totp.generate(this.secret, this.clock.instant());
	}

	// As authenticator apps show a code, and people then type it.
	private static String spaced(String code) {
		return code.substring(0, 3) + " " + code.substring(3);
	}

	private List<String> factors() {
		return this.browser.all("#factor-list li").stream().map((item) -> item.getDomAttribute("data-factor")).toList();
	}

	private String mfaEnabled() {
		return this.browser.visible("mfa-status").getDomAttribute("data-enabled");
	}

	// Neither tokens nor keys nor codes: only the code screen's challenge is ever kept.
	private void assertNothingInWebStorage() {
		assertThat(this.browser.script("return localStorage.length + sessionStorage.length")).isEqualTo(0L);
	}

}
