package dev.springmfa.totp;

import java.nio.charset.StandardCharsets;
import java.time.Duration;

import org.springframework.util.Assert;

/**
 * Builds {@code otpauth://totp/} URIs in the Key Uri Format understood by authenticator
 * apps, usually shown to the user as a QR code.
 *
 * @author springmfa
 */
public final class OtpAuthUri {

	private static final char[] HEX = "0123456789ABCDEF".toCharArray();

	private OtpAuthUri() {
	}

	/**
	 * Build the URI for a TOTP secret.
	 * @param issuer the service name shown by the authenticator app
	 * @param accountName the account the secret belongs to, usually the username
	 * @param secret the raw secret bytes
	 * @param algorithm the HMAC algorithm
	 * @param digits the number of digits of a code
	 * @param period the length of a time step
	 * @return the URI, for example
	 * {@code otpauth://totp/Issuer:alice?secret=...&issuer=Issuer&algorithm=SHA1&digits=6&period=30}
	 */
	public static String of(String issuer, String accountName, byte[] secret, TotpAlgorithm algorithm, int digits,
			Duration period) {
		Assert.hasText(issuer, "issuer cannot be empty");
		Assert.hasText(accountName, "accountName cannot be empty");
		Assert.notNull(secret, "secret cannot be null");
		Assert.notNull(algorithm, "algorithm cannot be null");
		Assert.notNull(period, "period cannot be null");
		String encodedIssuer = encode(issuer);
		return "otpauth://totp/" + encodedIssuer + ":" + encode(accountName) + "?secret=" + Base32.encode(secret)
				+ "&issuer=" + encodedIssuer + "&algorithm=" + algorithm.uriName() + "&digits=" + digits + "&period="
				+ period.getSeconds();
	}

	// URLEncoder is not used because it writes spaces as '+', which some apps show
	// literally
	private static String encode(String value) {
		StringBuilder result = new StringBuilder();
		for (byte b : value.getBytes(StandardCharsets.UTF_8)) {
			int c = b & 0xFF;
			if (isUnreserved(c)) {
				result.append((char) c);
			}
			else {
				result.append('%').append(HEX[c >> 4]).append(HEX[c & 0x0F]);
			}
		}
		return result.toString();
	}

	private static boolean isUnreserved(int c) {
		return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-' || c == '.'
				|| c == '_' || c == '~';
	}

}
