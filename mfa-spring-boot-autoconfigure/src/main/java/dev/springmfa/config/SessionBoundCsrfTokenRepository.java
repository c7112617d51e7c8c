package dev.springmfa.config;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.jspecify.annotations.Nullable;

import org.springframework.security.web.csrf.CookieCsrfTokenRepository;
import org.springframework.security.web.csrf.CsrfToken;
import org.springframework.security.web.csrf.CsrfTokenRepository;
import org.springframework.security.web.csrf.HttpSessionCsrfTokenRepository;

/**
 * The token store of the CSRF setup that {@link MfaConfigurer#spaCsrf(boolean)} applies:
 * each token is kept in the HTTP session, as Spring Security's default setup keeps it,
 * and mirrored in the {@code XSRF-TOKEN} cookie that SPA clients read, as
 * {@code csrf.spa()} writes it. The cookie is never read back: a cookie can be planted by
 * a sibling subdomain or a plain-HTTP man in the middle, and a token taken from it would
 * let the attacker choose both the cookie and the header (an unbound double submit). The
 * cookie is {@code SameSite=Strict}, since nothing on the server reads it, and
 * {@code Secure} on a secure request.
 */
final class SessionBoundCsrfTokenRepository implements CsrfTokenRepository {

	private final HttpSessionCsrfTokenRepository tokens = new HttpSessionCsrfTokenRepository();

	private final CookieCsrfTokenRepository cookies = CookieCsrfTokenRepository.withHttpOnlyFalse();

	SessionBoundCsrfTokenRepository() {
		// An attribute of its own: another chain of the app with Spring's default setup
		// keeps a token for another header in the same session.
		this.tokens.setSessionAttributeName(SessionBoundCsrfTokenRepository.class.getName() + ".CSRF_TOKEN");
		this.tokens.setHeaderName("X-XSRF-TOKEN");
		this.cookies.setCookieCustomizer((cookie) -> cookie.sameSite("Strict"));
	}

	@Override
	public CsrfToken generateToken(HttpServletRequest request) {
		return this.tokens.generateToken(request);
	}

	@Override
	public void saveToken(@Nullable CsrfToken token, HttpServletRequest request, HttpServletResponse response) {
		this.tokens.saveToken(token, request, response);
		this.cookies.saveToken(token, request, response);
	}

	@Override
	public @Nullable CsrfToken loadToken(HttpServletRequest request) {
		return this.tokens.loadToken(request);
	}

}
