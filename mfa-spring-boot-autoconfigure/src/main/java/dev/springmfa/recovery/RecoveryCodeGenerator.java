package dev.springmfa.recovery;

import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

import org.jspecify.annotations.Nullable;

import org.springframework.util.Assert;

/**
 * Generates recovery codes of 8 characters from the lower case Crockford base32 alphabet
 * (40 random bits each), formatted as {@code xxxx-xxxx}; or, for codes kept hashed, of 10
 * characters formatted as {@code xxxxx-xxxxx}: an id of 2 characters that tells the code
 * from the others of its set, then 8 characters of 40 random bits.
 *
 * @author springmfa
 */
public final class RecoveryCodeGenerator {

	private static final String ALPHABET = "0123456789abcdefghjkmnpqrstvwxyz";

	private static final int LENGTH = 8;

	private static final int ID_LENGTH = 2;

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

	/**
	 * Generate distinct recovery codes that each start with an id: 2 random characters
	 * that differ between the codes of the set, so that a code names its stored form
	 * without revealing it, followed by 8 characters of 40 random bits, as those of
	 * {@link #generate(int)}. The id is no secret: a code is as hard to guess as one
	 * without an id.
	 * @param count the number of codes, between 1 and 100
	 * @return the formatted codes, {@code xxxxx-xxxxx}
	 * @see #idOf(String)
	 */
	public List<String> generateWithIds(int count) {
		if (count < 1 || count > MAX_COUNT) {
			throw new IllegalArgumentException("count must be between 1 and " + MAX_COUNT + ", got " + count);
		}
		Set<String> ids = new LinkedHashSet<>();
		while (ids.size() < count) {
			ids.add(randomCode().substring(0, ID_LENGTH));
		}
		List<String> codes = new ArrayList<>(count);
		for (String id : ids) {
			codes.add(format(id + randomCode()));
		}
		return codes;
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
	 * Return the id of a normalized code that has one, the shape that
	 * {@link #generateWithIds(int)} makes.
	 * @param normalized the code, see {@link #normalize(String)}
	 * @return its first 2 characters if the code has exactly 10 characters from the
	 * alphabet, else {@code null}
	 */
	public static @Nullable String idOf(String normalized) {
		Assert.notNull(normalized, "normalized cannot be null");
		if (normalized.length() != ID_LENGTH + LENGTH || !isWellFormed(normalized.substring(ID_LENGTH))
				|| !isWellFormed(normalized.substring(0, LENGTH))) {
			return null;
		}
		return normalized.substring(0, ID_LENGTH);
	}

	/**
	 * Format a normalized code for display as {@code xxxx-xxxx}, or as
	 * {@code xxxxx-xxxxx} for a code with an id.
	 * @param normalized a well-formed normalized code, with or without an id
	 * @return the formatted code
	 */
	public static String format(String normalized) {
		Assert.isTrue(isWellFormed(normalized) || idOf(normalized) != null,
				"normalized must be 8 or 10 characters from the recovery code alphabet");
		int half = normalized.length() / 2;
		return normalized.substring(0, half) + "-" + normalized.substring(half);
	}

}
