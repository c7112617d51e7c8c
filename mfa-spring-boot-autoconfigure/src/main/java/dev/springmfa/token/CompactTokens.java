package dev.springmfa.token;

import java.util.Base64;

import io.jsonwebtoken.Claims;
import io.jsonwebtoken.Jws;
import io.jsonwebtoken.JwtException;
import io.jsonwebtoken.JwtParser;

import dev.springmfa.InvalidMfaTokenException;

/**
 * Parses the starter's signed tokens in their one compact spelling. JJWT's parser decodes
 * base64url leniently: it ignores the unused low bits of a segment's last character and a
 * character outside the alphabet after the signature, so that one signature has several
 * spellings that it accepts. None changes what was signed, but a token is a bearer secret
 * that clients, logs and caches compare as text: each token the starter accepts is the
 * one string it issued, as RFC 7515 §7.1 writes it.
 */
public final class CompactTokens {

	private CompactTokens() {
	}

	/**
	 * Parse a compact signed token: its signature in its canonical base64url spelling,
	 * then the parser's checks.
	 * @param parser the parser of the token's kind
	 * @param token the compact token
	 * @return the verified token
	 * @throws InvalidMfaTokenException if it does not pass
	 */
	public static Jws<Claims> parse(JwtParser parser, String token) {
		if (!isCanonical(token.substring(token.lastIndexOf('.') + 1))) {
			throw new InvalidMfaTokenException();
		}
		try {
			return parser.parseSignedClaims(token);
		}
		catch (JwtException | IllegalArgumentException ex) {
			throw new InvalidMfaTokenException();
		}
	}

	// The header and the claims are signed as spelt, so another spelling of either fails
	// the signature, and the parser refuses any other shape of token; the signature's own
	// spelling is checked here.
	private static boolean isCanonical(String segment) {
		try {
			byte[] decoded = Base64.getUrlDecoder().decode(segment);
			return Base64.getUrlEncoder().withoutPadding().encodeToString(decoded).equals(segment);
		}
		catch (IllegalArgumentException ex) {
			return false;
		}
	}

}
