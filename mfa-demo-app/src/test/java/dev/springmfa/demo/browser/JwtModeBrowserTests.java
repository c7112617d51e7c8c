package dev.springmfa.demo.browser;

import org.springframework.test.context.ActiveProfiles;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The SPA under the demo's {@code jwt} profile: the login is a token pair that the SPA
 * keeps in memory only, so the browser has no session cookie, a reload ends the login,
 * and an expired access token is refreshed on its 401. The profile keeps no sessions, so
 * the steps of a login of the application without the second factor are skipped.
 */
@ActiveProfiles("jwt")
class JwtModeBrowserTests extends AbstractBrowserTests {

	@Override
	protected String mode() {
		return "jwt";
	}

	@Override
	protected boolean loginHeldBySession() {
		return false;
	}

	@Override
	protected void assertLoginKeptByMode(Browser browser) {
		assertThat(browser.driver().manage().getCookies()).isEmpty();
	}

}
