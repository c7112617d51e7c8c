package dev.springmfa.demo.browser;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The SPA under the default login mode, {@code session}: the login lives in the HTTP
 * session, whose cookie the browser keeps (also across a reload), and every POST carries
 * the CSRF token that {@code GET /api/auth/csrf} hands out.
 */
class SessionModeBrowserTests extends AbstractBrowserTests {

	@Override
	protected String mode() {
		return "session";
	}

	// The session cookie outlives the page.
	@Override
	protected boolean loginSurvivesReload() {
		return true;
	}

	@Override
	protected void assertLoginKeptByMode(Browser browser) {
		assertThat(browser.driver().manage().getCookieNamed("JSESSIONID")).isNotNull();
	}

}
