package dev.springmfa.totp;

import java.io.ByteArrayOutputStream;
import java.util.Locale;

import org.springframework.util.Assert;

/**
 * Base32 encoding with the <a href="https://www.rfc-editor.org/rfc/rfc4648#section-6">RFC
 * 4648</a> alphabet, as used for TOTP secrets by authenticator apps.
 *
 * @author springmfa
 */
public final class Base32 {

	private static final String ALPHABET = "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567";

	private Base32() {
	}

	/**
	 * Encode the given bytes. No {@code =} padding is added because authenticator apps
	 * expect secrets without it.
	 * @param data the bytes to encode
	 * @return the upper case base32 text
	 */
	public static String encode(byte[] data) {
		Assert.notNull(data, "data cannot be null");
		StringBuilder result = new StringBuilder((data.length * 8 + 4) / 5);
		int buffer = 0;
		int bits = 0;
		for (byte b : data) {
			buffer = (buffer << 8) | (b & 0xFF);
			bits += 8;
			while (bits >= 5) {
				bits -= 5;
				result.append(ALPHABET.charAt((buffer >> bits) & 0x1F));
			}
		}
		if (bits > 0) {
			result.append(ALPHABET.charAt((buffer << (5 - bits)) & 0x1F));
		}
		return result.toString();
	}

	/**
	 * Decode base32 text. Letters may be in either case, spaces and {@code =} padding are
	 * ignored.
	 * @param text the text to decode
	 * @return the decoded bytes
	 * @throws IllegalArgumentException if the text contains a character outside the
	 * base32 alphabet
	 */
	public static byte[] decode(String text) {
		Assert.notNull(text, "text cannot be null");
		ByteArrayOutputStream result = new ByteArrayOutputStream(text.length() * 5 / 8);
		int buffer = 0;
		int bits = 0;
		for (char c : text.toUpperCase(Locale.ROOT).toCharArray()) {
			if (c == ' ' || c == '=') {
				continue;
			}
			int value = ALPHABET.indexOf(c);
			if (value < 0) {
				throw new IllegalArgumentException("Invalid base32 character '" + c + "'");
			}
			buffer = (buffer << 5) | value;
			bits += 5;
			if (bits >= 8) {
				bits -= 8;
				result.write((buffer >> bits) & 0xFF);
			}
		}
		return result.toByteArray();
	}

}
