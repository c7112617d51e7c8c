package dev.springmfa.recovery;

import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

import org.springframework.util.Assert;

/**
 * Generates recovery codes of 8 characters from the lower case Crockford base32 alphabet
 * (40 random bits each), formatted as {@code xxxx-xxxx}.
 *
 * @author springmfa
 */
public final class RecoveryCodeGenerator {

	private static final String ALPHABET = "0123456789abcdefghjkmnpqrstvwxyz";

	private static final int LENGTH = 8;

	private static final int MAX_COUNT = 100;

	private final SecureRandom secureRandom = new SecureRandom();

	/**
	 * Create a new instance backed by a {@link SecureRandom}.
	 */
	public RecoveryCodeGenerator() {
	}

	/**
	 * Generate distinct recovery codes.
	 * @param count the number of codes, between 1 and 100
	 * @return the formatted codes
	 */
	public List<String> generate(int count) {
		if (count < 1 || count > MAX_COUNT) {
			throw new IllegalArgumentException("count must be between 1 and " + MAX_COUNT + ", got " + count);
		}
		Set<String> codes = new LinkedHashSet<>();
		while (codes.size() < count) {
			codes.add(format(randomCode()));
		}
		return new ArrayList<>(codes);
	}

	private String randomCode() {
		byte[] bytes = new byte[5];
		this.secureRandom.nextBytes(bytes);
		long bits = 0;
		for (byte b : bytes) {
			bits = (bits << 8) | (b & 0xFF);
		}
		char[] code = new char[LENGTH];
		for (int i = LENGTH - 1; i >= 0; i--) {
			code[i] = ALPHABET.charAt((int) (bits & 0x1F));
			bits >>>= 5;
		}
		return new String(code);
	}

	/**
	 * Normalize user input: lower case, without spaces, tabs and dashes, with the
	 * Crockford look-alikes {@code i} and {@code l} read as {@code 1} and {@code o} as
	 * {@code 0}.
	 * @param input the code as typed by the user
	 * @return the normalized code, which may still be malformed
	 */
	public static String normalize(String input) {
		Assert.notNull(input, "input cannot be null");
		StringBuilder result = new StringBuilder(input.length());
		for (char c : input.toLowerCase(Locale.ROOT).toCharArray()) {
			switch (c) {
				case ' ', '\t', '-' -> {
					// separators are only there to help reading
				}
				case 'i', 'l' -> result.append('1');
				case 'o' -> result.append('0');
				default -> result.append(c);
			}
		}
		return result.toString();
	}

	/**
	 * Return whether a normalized code has the shape of a recovery code.
	 * @param normalized the code, see {@link #normalize(String)}
	 * @return {@code true} if the code has exactly 8 characters from the alphabet
	 */
	public static boolean isWellFormed(String normalized) {
		Assert.notNull(normalized, "normalized cannot be null");
		if (normalized.length() != LENGTH) {
			return false;
		}
		for (int i = 0; i < LENGTH; i++) {
			if (ALPHABET.indexOf(normalized.charAt(i)) < 0) {
				return false;
			}
		}
		return true;
	}

	/**
	 * Format a normalized code for display as {@code xxxx-xxxx}.
	 * @param normalized a well-formed normalized code
	 * @return the formatted code
	 */
	public static String format(String normalized) {
		Assert.isTrue(isWellFormed(normalized), "normalized must be 8 characters from the recovery code alphabet");
		return normalized.substring(0, LENGTH / 2) + "-" + normalized.substring(LENGTH / 2);
	}

}
