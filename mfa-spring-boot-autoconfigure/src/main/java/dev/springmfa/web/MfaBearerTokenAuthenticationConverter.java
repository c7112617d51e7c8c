package dev.springmfa.web;

import jakarta.servlet.http.HttpServletRequest;
import org.jspecify.annotations.Nullable;

import dev.springmfa.InvalidMfaTokenException;
import dev.springmfa.jwt.AccessTokenAuthenticationToken;
import org.springframework.http.HttpHeaders;
import org.springframework.security.core.Authentication;
import org.springframework.security.web.authentication.AuthenticationConverter;

/**
 * Reads an access token from the {@code Authorization: Bearer} header (RFC 6750). A
 * request without the header is left alone; a malformed header is refused.
 */
public final class MfaBearerTokenAuthenticationConverter implements AuthenticationConverter {

	private static final String SCHEME = "bearer ";

	@Override
	public @Nullable Authentication convert(HttpServletRequest request) {
		String header = request.getHeader(HttpHeaders.AUTHORIZATION);
		if (header == null || !header.regionMatches(true, 0, SCHEME, 0, SCHEME.length())) {
			return null;
		}
		String token = header.substring(SCHEME.length()).trim();
		// Blank, not only empty: trim() leaves Unicode spaces such as U+2028, and the
		// token refuses a blank value with an exception, which would be a 500.
		if (token.isBlank() || token.length() > 8192) {
			throw new InvalidMfaTokenException();
		}
		return AccessTokenAuthenticationToken.unauthenticated(token);
	}

}
