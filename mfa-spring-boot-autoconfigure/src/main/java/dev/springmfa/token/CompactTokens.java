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
	 * Parse a compact signed token: three base64url segments without padding, the
	 * signature in its canonical spelling, then the parser's checks.
	 * @param parser the parser of the token's kind
	 * @param token the compact token
	 * @return the verified token
	 * @throws InvalidMfaTokenException if it does not pass
	 */
	public static Jws<Claims> parse(JwtParser parser, String token) {
		if (!isCompact(token) || !isCanonical(token.substring(token.lastIndexOf('.') + 1))) {
			throw new InvalidMfaTokenException();
		}
		try {
			return parser.parseSignedClaims(token);
		}
		catch (JwtException | IllegalArgumentException ex) {
			throw new InvalidMfaTokenException();
		}
	}

	// Three non-empty segments of the base64url alphabet. A loop rather than a regular
	// expression: a token is checked on every request that carries one, and the pattern
	// took about 5 % of a verify's CPU under load.
	private static boolean isCompact(String token) {
		int dots = 0;
		int segmentLength = 0;
		for (int i = 0; i < token.length(); i++) {
			char c = token.charAt(i);
			if (c == '.') {
				if (segmentLength == 0 || ++dots > 2) {
					return false;
				}
				segmentLength = 0;
			}
			else if ((c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-'
					|| c == '_') {
				segmentLength++;
			}
			else {
				return false;
			}
		}
		return dots == 2 && segmentLength > 0;
	}

	// The header and the claims are signed as spelt, so another spelling of either fails
	// the signature; the signature's own spelling is checked here.
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
