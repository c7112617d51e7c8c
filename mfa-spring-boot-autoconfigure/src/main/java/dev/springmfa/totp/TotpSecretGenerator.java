package dev.springmfa.totp;

import java.security.SecureRandom;

import org.springframework.util.Assert;

/**
 * Generates random TOTP secrets.
 *
 * @author springmfa
 */
public final class TotpSecretGenerator {

	// RFC 4226 section 4, requirement R6: shared secrets of at least 160 bits
	private static final int MINIMUM_LENGTH = 20;

	private final SecureRandom secureRandom = new SecureRandom();

	private final int length;

	/**
	 * Create a new instance.
	 * @param algorithm the algorithm the secrets will be used with
	 */
	public TotpSecretGenerator(TotpAlgorithm algorithm) {
		Assert.notNull(algorithm, "algorithm cannot be null");
		this.length = Math.max(MINIMUM_LENGTH, algorithm.recommendedKeyLength());
	}

	/**
	 * Generate a new random secret.
	 * @return the secret bytes
	 */
	public byte[] generate() {
		byte[] secret = new byte[this.length];
		this.secureRandom.nextBytes(secret);
		return secret;
	}

}
