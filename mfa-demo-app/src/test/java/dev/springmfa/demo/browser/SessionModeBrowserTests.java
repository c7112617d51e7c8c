package dev.springmfa.demo.browser;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The SPA under the default login mode, {@code session}: the login lives in the HTTP
 * session, whose cookie the browser keeps, and every POST echoes the {@code XSRF-TOKEN}
 * cookie.
 */
class SessionModeBrowserTests extends AbstractBrowserTests {

	@Override
	protected String mode() {
		return "session";
	}

	@Override
	protected void assertLoginKeptByMode(Browser browser) {
		assertThat(browser.driver().manage().getCookieNamed("JSESSIONID")).isNotNull();
	}

}
