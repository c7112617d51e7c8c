package dev.springmfa.config;

import org.jspecify.annotations.Nullable;

import org.springframework.http.HttpMethod;
import org.springframework.security.web.servlet.util.matcher.PathPatternRequestMatcher;
import org.springframework.security.web.util.matcher.OrRequestMatcher;
import org.springframework.security.web.util.matcher.RequestMatcher;

/**
 * The URLs that {@link MfaConfigurer} serves, each the one set on it or its default under
 * {@code mfa.base-path}.
 *
 * @param basePath the base path, under which the controllers are too
 * @param login the password step
 * @param verification the code step
 * @param stepUp the step-up of the current login
 * @param tokenRefresh the refresh of a token pair, in jwt mode
 * @param csrfToken the SPA's CSRF bootstrap
 */
record MfaUrls(String basePath, String login, String verification, String stepUp, String tokenRefresh,
		String csrfToken) {

	/**
	 * Return the URLs, each the one given or its default under the base path.
	 * @param basePath the base path
	 * @param login the URL of the password step, if set
	 * @param verification the URL of the code step, if set
	 * @param stepUp the URL of the step-up, if set
	 * @param tokenRefresh the URL of the token refresh, if set
	 * @param csrfToken the URL of the CSRF bootstrap, if set
	 * @return the URLs
	 */
	static MfaUrls of(String basePath, @Nullable String login, @Nullable String verification, @Nullable String stepUp,
			@Nullable String tokenRefresh, @Nullable String csrfToken) {
		return new MfaUrls(basePath, orDefault(login, basePath + "/login"),
				orDefault(verification, basePath + "/mfa/verify"), orDefault(stepUp, basePath + "/mfa/step-up"),
				orDefault(tokenRefresh, basePath + "/token/refresh"), orDefault(csrfToken, basePath + "/csrf"));
	}

	/**
	 * Return a matcher of every MFA endpoint: everything under the base path and each
	 * URL, wherever it was moved.
	 * @return the matcher
	 */
	RequestMatcher endpoints() {
		return new OrRequestMatcher(PathPatternRequestMatcher.pathPattern(this.basePath + "/**"), path(this.login),
				path(this.verification), path(this.stepUp), path(this.tokenRefresh), path(this.csrfToken));
	}

	static RequestMatcher post(String url) {
		return PathPatternRequestMatcher.pathPattern(HttpMethod.POST, url);
	}

	static RequestMatcher get(String url) {
		return PathPatternRequestMatcher.pathPattern(HttpMethod.GET, url);
	}

	private static String orDefault(@Nullable String url, String defaultUrl) {
		return (url != null) ? url : defaultUrl;
	}

	private static RequestMatcher path(String url) {
		return PathPatternRequestMatcher.pathPattern(url);
	}

}
