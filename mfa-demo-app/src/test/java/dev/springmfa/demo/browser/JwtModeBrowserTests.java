package dev.springmfa.demo.browser;

import org.springframework.test.context.ActiveProfiles;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The SPA under the demo's {@code jwt} profile: the login is a token pair that the SPA
 * keeps in memory only, so the browser has no session cookie, and an expired access
 * token is refreshed on its 401.
 */
@ActiveProfiles("jwt")
class JwtModeBrowserTests extends AbstractBrowserTests {

	@Override
	protected String mode() {
		return "jwt";
	}

	// The tokens live in the page's memory only.
	@Override
	protected boolean loginSurvivesReload() {
		return false;
	}

	@Override
	protected void assertLoginKeptByMode(Browser browser) {
		assertThat(browser.driver().manage().getCookies()).isEmpty();
	}

}
