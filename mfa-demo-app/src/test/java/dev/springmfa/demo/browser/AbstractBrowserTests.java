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

/**
 * The demo's SPA in a real browser, one user's life in ordered steps: register, sign in
 * without MFA, turn TOTP on, sign in with a TOTP code and with a recovery code, replace
 * the recovery codes, turn TOTP off. Subclasses run the same steps under a login mode's
 * Spring profile and check how that mode keeps the login.
 */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT)
@Import(SteppingClockConfiguration.class)
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
	@Order(1)
	void registerWhenUsernameFreeThenLoginScreenWelcomesTheUser() {
		this.browser.open("http://localhost:" + this.port + "/");
		this.browser.visible("login-view");
		this.browser.screenshot("login");
		this.browser.click("show-register");
		this.browser.type("register-username", this.username);
		this.browser.type("register-password", PASSWORD);
		this.browser.screenshot("register");
		this.browser.click("register-submit");
		this.browser.waitForText("login-form-alert", "Your account is ready");
		assertThat(this.browser.visible("login-username").getDomProperty("value")).isEqualTo(this.username);
	}

	@Test
	@Order(2)
	void loginWhenPasswordWrongThenSaysSoOnLoginScreen() {
		this.browser.type("login-password", "wrong horse battery");
		this.browser.click("login-submit");
		this.browser.waitForText("login-form-alert", "Wrong username or password.");
		this.browser.screenshot("login-bad-credentials");
	}

	@Test
	@Order(3)
	void loginWhenNoMfaThenSettingsShowPasswordFactorAndMfaOff() {
		login();
		this.browser.visible("settings-view");
		assertThat(this.browser.text("current-user")).isEqualTo(this.username);
		assertThat(factors()).containsExactly("FACTOR_PASSWORD");
		assertThat(mfaEnabled()).isEqualTo("false");
		assertLoginKeptByMode(this.browser);
		assertLoginNotInWebStorage();
		this.browser.screenshot("settings-mfa-off");
	}

	@Test
	@Order(4)
	void enableWhenCodeOfDisplayedSecretThenRecoveryCodesShownOnce() {
		this.browser.click("enable-mfa");
		String displayed = this.browser.text("totp-secret");
		this.secret = Base32.decode(displayed.replace(" ", ""));
		assertThat(this.browser.visible("totp-qr").getDomProperty("src")).startsWith("data:image/png;base64,");
		this.browser.screenshot("enable-scan-qr-code");
		this.browser.type("setup-code", nextTotpCode());
		this.browser.click("setup-submit");
		this.browser.visible("recovery-panel");
		this.recoveryCodes = this.browser.all("#recovery-code-list li").stream().map(WebElement::getText).toList();
		assertThat(this.recoveryCodes).hasSize(10).allMatch((code) -> code.matches("[0-9a-z]{4}-[0-9a-z]{4}"));
		this.browser.screenshot("recovery-codes");
		this.browser.click("copy-codes");
		// Headless Chromium may refuse the clipboard; the codes are then selected instead.
		assertThat(this.browser.waitForAnyText("recovery-copy-status")).matches("Copied.*|Press Ctrl\\+C.*");
		this.browser.click("download-codes");
		assertThat(this.browser.downloaded("mfa-demo-recovery-codes.txt")).contains(this.recoveryCodes);
		this.browser.click("recovery-done");
		this.browser.waitUntilHidden("recovery-panel");
		assertThat(mfaEnabled()).isEqualTo("true");
		assertThat(this.browser.text("recovery-remaining")).isEqualTo("10");
	}

	@Test
	@Order(5)
	void loginWhenTotpCodeThenSettingsShowTotpFactor() {
		logout();
		login();
		this.browser.visible("challenge-view");
		assertThat(this.browser.visible("challenge-code").getDomAttribute("inputmode")).isEqualTo("numeric");
		assertThat(this.browser.visible("challenge-code").getDomAttribute("autocomplete")).isEqualTo("one-time-code");
		this.browser.screenshot("challenge-totp");
		this.browser.phoneScreenshot("challenge-totp-phone");
		this.browser.type("challenge-code", this.totp.generate(this.secret, Instant.EPOCH));
		this.browser.click("challenge-submit");
		this.browser.waitForText("challenge-form-alert", "That code did not work.");
		this.browser.screenshot("challenge-invalid-code");
		this.browser.type("challenge-code", nextTotpCode());
		this.browser.click("challenge-submit");
		this.browser.visible("settings-view");
		assertThat(factors()).containsExactly("FACTOR_PASSWORD", "FACTOR_TOTP");
		assertLoginKeptByMode(this.browser);
		assertLoginNotInWebStorage();
		this.browser.screenshot("settings-mfa-on");
	}

	@Test
	@Order(6)
	void loginWhenRecoveryCodeThenSettingsShowOneCodeFewer() {
		logout();
		login();
		this.browser.click("challenge-switch");
		assertThat(this.browser.text("challenge-code-label")).isEqualTo("Recovery code");
		this.browser.screenshot("challenge-recovery-code");
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
	@Order(7)
	void regenerateWhenTotpCodeThenTenNewCodesReplaceTheOld() {
		// A long pause: a jwt login's access token expires, and the SPA has to refresh it on
		// the 401 to get through; a session login does not notice.
		this.clock.advance(Duration.ofMinutes(16));
		this.browser.click("regenerate-open");
		this.browser.type("regenerate-code", nextTotpCode());
		this.browser.click("regenerate-submit");
		this.browser.visible("recovery-panel");
		List<String> codes = this.browser.all("#recovery-code-list li").stream().map(WebElement::getText).toList();
		assertThat(codes).hasSize(10).doesNotContainAnyElementsOf(this.recoveryCodes);
		this.recoveryCodes = codes;
		this.browser.click("recovery-done");
		this.browser.waitUntilHidden("recovery-panel");
		assertThat(this.browser.text("recovery-remaining")).isEqualTo("10");
	}

	@Test
	@Order(8)
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
	}

	@Test
	@Order(9)
	void disableWhenRecoveryCodeThenMfaOffAndLoginNeedsPasswordOnly() {
		login();
		this.browser.type("challenge-code", nextTotpCode());
		this.browser.click("challenge-submit");
		this.browser.click("disable-open");
		this.browser.click("disable-switch");
		this.browser.type("disable-code", this.recoveryCodes.get(0));
		this.browser.click("disable-submit");
		this.browser.waitForText("settings-alert", "Two-step verification is off.");
		assertThat(mfaEnabled()).isEqualTo("false");
		this.browser.screenshot("settings-mfa-disabled");
		logout();
		login();
		this.browser.visible("settings-view");
		assertThat(factors()).containsExactly("FACTOR_PASSWORD");
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

	// The starter refuses a second code of an accepted time step, so each code comes from
	// the next one.
	private String nextTotpCode() {
		this.clock.advance(NEXT_TIME_STEP);
		return this.totp.generate(this.secret, this.clock.instant());
	}

	private List<String> factors() {
		return this.browser.all("#factor-list li").stream().map((item) -> item.getDomAttribute("data-factor")).toList();
	}

	private String mfaEnabled() {
		return this.browser.visible("mfa-status").getDomAttribute("data-enabled");
	}

	private void assertLoginNotInWebStorage() {
		assertThat(this.browser.script("return localStorage.length + sessionStorage.length")).isEqualTo(0L);
	}

}
