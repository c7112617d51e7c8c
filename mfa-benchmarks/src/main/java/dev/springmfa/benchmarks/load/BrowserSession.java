package dev.springmfa.benchmarks.load;

import org.jspecify.annotations.Nullable;

/**
 * What one browser tab of the SPA keeps between requests to the session server: the
 * session cookie, and the CSRF token bound to that session, read from
 * {@code GET /api/auth/csrf}. A login that completes changes the session id and drops the
 * token (the answer deletes the {@code XSRF-TOKEN} mirror cookie), so the tab reads a new
 * one before its next {@code POST}. Used by one thread at a time.
 */
final class BrowserSession {

	static final String SESSION_COOKIE = "JSESSIONID";

	static final String CSRF_COOKIE = "XSRF-TOKEN";

	private @Nullable String sessionId;

	private @Nullable String csrfToken;

	@Nullable String sessionId() {
		return this.sessionId;
	}

	@Nullable String csrfToken() {
		return this.csrfToken;
	}

	void csrfToken(String token) {
		this.csrfToken = token;
	}

	/**
	 * Take the cookies that a response sets, as a browser would.
	 * @param response the response
	 */
	void update(HttpResponse response) {
		String session = response.cookie(SESSION_COOKIE);
		if (session != null) {
			this.sessionId = session.isEmpty() ? null : session;
		}
		String csrf = response.cookie(CSRF_COOKIE);
		if (csrf != null) {
			this.csrfToken = csrf.isEmpty() ? null : csrf;
		}
	}

}
