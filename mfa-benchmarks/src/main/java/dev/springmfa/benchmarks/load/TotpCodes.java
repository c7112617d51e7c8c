package dev.springmfa.benchmarks.load;

import java.security.GeneralSecurityException;
import java.util.Locale;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * The client's side of TOTP (RFC 6238) with the starter's defaults: HMAC-SHA-1, six
 * digits, 30 second steps. Computed here, as an authenticator app would, rather than with
 * the starter's generator that the server checks codes with.
 */
final class TotpCodes {

	/**
	 * The length of a time step, in seconds.
	 */
	static final long STEP_SECONDS = 30;

	private TotpCodes() {
	}

	/**
	 * Return the current time step.
	 * @return the step
	 */
	static long currentStep() {
		return System.currentTimeMillis() / 1000 / STEP_SECONDS;
	}

	/**
	 * Return the milliseconds until the next time step begins.
	 * @return the time to wait
	 */
	static long millisToNextStep() {
		long stepMillis = STEP_SECONDS * 1000;
		return stepMillis - System.currentTimeMillis() % stepMillis;
	}

	/**
	 * Return the code of a time step.
	 * @param secret the shared secret
	 * @param step the time step
	 * @return the six digits
	 */
	static String code(byte[] secret, long step) {
		byte[] counter = new byte[8];
		for (int i = 7; i >= 0; i--) {
			counter[i] = (byte) (step >>> (8 * (7 - i)));
		}
		byte[] hash;
		try {
			Mac mac = Mac.getInstance("HmacSHA1");
			mac.init(new SecretKeySpec(secret, "HmacSHA1"));
			hash = mac.doFinal(counter);
		}
		catch (GeneralSecurityException ex) {
			throw new IllegalStateException("The JDK has no HMAC-SHA-1", ex);
		}
		// RFC 4226 §5.3: dynamic truncation.
		int offset = hash[hash.length - 1] & 0x0F;
		int binary = ((hash[offset] & 0x7F) << 24) | ((hash[offset + 1] & 0xFF) << 16)
				| ((hash[offset + 2] & 0xFF) << 8) | (hash[offset + 3] & 0xFF);
		return String.format(Locale.ROOT, "%06d", binary % 1_000_000);
	}

}
