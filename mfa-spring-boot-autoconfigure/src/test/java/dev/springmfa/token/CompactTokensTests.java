package dev.springmfa.token;

import java.nio.charset.StandardCharsets;

import javax.crypto.SecretKey;
import javax.crypto.spec.SecretKeySpec;

import io.jsonwebtoken.JwtParser;
import io.jsonwebtoken.Jwts;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import dev.springmfa.InvalidMfaTokenException;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

class CompactTokensTests {

	private static final String BASE64URL = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";

	private static final SecretKey KEY = new SecretKeySpec(
			"0123456789abcdef0123456789abcdef".getBytes(StandardCharsets.US_ASCII), "HmacSHA256");

	private static final JwtParser PARSER = Jwts.parser().json(new JacksonJwtDeserializer()).verifyWith(KEY).build();

	private static final String TOKEN = Jwts.builder()
		.json(new JacksonJwtSerializer())
		.subject("alice")
		.signWith(KEY, Jwts.SIG.HS256)
		.compact();

	@Test
	void parseWhenIssuedSpellingThenClaims() {
		assertThat(CompactTokens.parse(PARSER, TOKEN).getPayload().getSubject()).isEqualTo("alice");
	}

	/**
	 * jjwt's parser decodes base64url leniently: it ignores the unused low bits of a
	 * segment's last character and a character outside the alphabet after the signature,
	 * so that it accepts each of these spellings of the issued signature. Only the issued
	 * one passes here.
	 */
	@ParameterizedTest
	@ValueSource(strings = { "low bits", "padding", "quote", "control character", "non-ASCII letter" })
	void parseWhenSignatureSpeltOtherwiseThenInvalidTokenThoughJjwtAcceptsIt(String spelling) {
		int dot = TOKEN.lastIndexOf('.') + 1;
		String signature = TOKEN.substring(dot);
		String respelt = switch (spelling) {
			case "low bits" -> signature.substring(0, signature.length() - 1)
					+ BASE64URL.charAt(BASE64URL.indexOf(signature.charAt(signature.length() - 1)) ^ 1);
			case "padding" -> signature + "=";
			case "quote" -> signature + "'";
			case "control character" -> signature + "\u0001";
			default -> signature + "\u00e9";
		};
		String token = TOKEN.substring(0, dot) + respelt;
		assertThat(PARSER.parseSignedClaims(token).getPayload().getSubject()).isEqualTo("alice");
		assertThatExceptionOfType(InvalidMfaTokenException.class).isThrownBy(() -> CompactTokens.parse(PARSER, token));
	}

	@ParameterizedTest
	@ValueSource(strings = { "", "a.b", "a.b.c.d", "a..c", ".b.c", "a.b.", "a.b.c=", "a+b.c.d", "a/b.c.d" })
	void parseWhenNotThreeBase64UrlSegmentsThenInvalidToken(String token) {
		assertThatExceptionOfType(InvalidMfaTokenException.class).isThrownBy(() -> CompactTokens.parse(PARSER, token));
	}

}
