package dev.springmfa.totp;

/**
 * The HMAC algorithms that RFC 6238 allows for TOTP.
 *
 * @author springmfa
 */
public enum TotpAlgorithm {

	/**
	 * HMAC-SHA-1, the default and the only algorithm every authenticator app supports.
	 */
	SHA1("HmacSHA1", 20),

	/**
	 * HMAC-SHA-256.
	 */
	SHA256("HmacSHA256", 32),

	/**
	 * HMAC-SHA-512.
	 */
	SHA512("HmacSHA512", 64);

	private final String macAlgorithm;

	private final int recommendedKeyLength;

	TotpAlgorithm(String macAlgorithm, int recommendedKeyLength) {
		this.macAlgorithm = macAlgorithm;
		this.recommendedKeyLength = recommendedKeyLength;
	}

	/**
	 * Return the JCA name of the MAC algorithm.
	 * @return the MAC algorithm name, for example {@code HmacSHA1}
	 */
	public String macAlgorithm() {
		return this.macAlgorithm;
	}

	/**
	 * Return the recommended secret length, which is the output length of the hash.
	 * @return the recommended key length in bytes
	 */
	public int recommendedKeyLength() {
		return this.recommendedKeyLength;
	}

	/**
	 * Return the name used for the {@code algorithm} parameter of an {@code otpauth} URI.
	 * @return the URI name, for example {@code SHA1}
	 */
	public String uriName() {
		return name();
	}

}
