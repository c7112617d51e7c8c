package dev.springmfa.autoconfigure;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.spec.X509EncodedKeySpec;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;

import org.jspecify.annotations.Nullable;

import dev.springmfa.crypto.SecretEncryptor;
import dev.springmfa.jwt.JwtSigningKeys;
import org.springframework.boot.ssl.pem.PemContent;
import org.springframework.core.io.ResourceLoader;

/**
 * Checks every {@code mfa.*} property in one place, so that a misconfiguration stops the
 * start with the property's name and the fix.
 */
final class MfaPropertiesValidator {

	static final String MAKE_KEY = "Set it to 256 random bits in base64, for example the output of "
			+ "'openssl rand -base64 32', from a secret store rather than a committed file.";

	private MfaPropertiesValidator() {
	}

	static void validate(MfaProperties properties) {
		check(properties.getBasePath().startsWith("/") && !properties.getBasePath().endsWith("/"), "mfa.base-path",
				"must start with '/' and not end with one", "Set it to a path such as /api/auth.");
		MfaProperties.Totp totp = properties.getTotp();
		check(totp.getDigits() >= 6 && totp.getDigits() <= 8, "mfa.totp.digits", "must be between 6 and 8",
				"Set it to 6, the value authenticator apps expect.");
		check(totp.getPeriod().getSeconds() >= 1 && totp.getPeriod().getNano() == 0, "mfa.totp.period",
				"must be a whole number of seconds", "Set it to 30s, the value authenticator apps expect.");
		check(totp.getAllowedDriftSteps() >= 0 && totp.getAllowedDriftSteps() <= 10, "mfa.totp.allowed-drift-steps",
				"must be between 0 and 10", "Set it to 1.");
		check(positive(properties.getEphemeralToken().getTtl()), "mfa.ephemeral-token.ttl", "must be positive",
				"Set it to a few minutes, such as 5m.");
		check(positive(properties.getActivationToken().getTtl()), "mfa.activation-token.ttl", "must be positive",
				"Set it to a few minutes, such as 10m.");
		check(properties.getRecoveryCodes().getCount() >= 1 && properties.getRecoveryCodes().getCount() <= 100,
				"mfa.recovery-codes.count", "must be between 1 and 100", "Set it to 10.");
		MfaProperties.Lockout lockout = properties.getLockout();
		check(lockout.getMaxAttempts() >= 1, "mfa.lockout.max-attempts", "must be at least 1", "Set it to 5.");
		check(positive(lockout.getDuration()), "mfa.lockout.duration", "must be positive", "Set it to 15m.");
		check(lockout.getMaxConsecutiveFailures() >= lockout.getMaxAttempts(), "mfa.lockout.max-consecutive-failures",
				"must be at least mfa.lockout.max-attempts", "Set it to 100, the cap of NIST SP 800-63B.");
		check(properties.getMaxRequestSize().toBytes() >= 1024, "mfa.max-request-size", "must be at least 1KB",
				"Set it to 16KB.");
	}

	static void validateJwt(MfaProperties properties) {
		MfaProperties.Jwt jwt = properties.getJwt();
		check(positive(jwt.getAccessTokenTtl()), "mfa.jwt.access-token-ttl", "must be positive",
				"Set it to a few minutes, such as 15m.");
		check(jwt.getRefreshTokenTtl().compareTo(jwt.getAccessTokenTtl()) > 0, "mfa.jwt.refresh-token-ttl",
				"must be longer than mfa.jwt.access-token-ttl", "Set it to a few days, such as 7d.");
		boolean privateKey = hasText(jwt.getPrivateKey());
		boolean publicKey = hasText(jwt.getPublicKey());
		check(privateKey || !publicKey, "mfa.jwt.private-key", "is not set but mfa.jwt.public-key is",
				"Set both to sign access tokens with a key pair, or neither to use HMAC.");
		check(publicKey || !privateKey, "mfa.jwt.public-key", "is not set but mfa.jwt.private-key is",
				"Set it to the PEM public key of the pair, or its location such as classpath:jwt-public.pem.");
	}

	static @Nullable JwtSigningKeys jwtKeyPair(MfaProperties properties, ResourceLoader resourceLoader) {
		MfaProperties.Jwt jwt = properties.getJwt();
		String privateKeyLocation = jwt.getPrivateKey();
		String publicKeyLocation = jwt.getPublicKey();
		if (privateKeyLocation == null || privateKeyLocation.isBlank() || publicKeyLocation == null
				|| publicKeyLocation.isBlank()) {
			return null;
		}
		PrivateKey privateKey;
		try {
			privateKey = pem(privateKeyLocation, resourceLoader).getPrivateKey();
		}
		catch (RuntimeException | IOException ex) {
			throw new MfaConfigurationException("mfa.jwt.private-key", "is not a readable PEM private key",
					"Set it to a PKCS#8 PEM key (openssl genpkey -algorithm EC -pkeyopt ec_paramgen_curve:P-256), "
							+ "or its location such as file:/run/secrets/jwt.pem.");
		}
		if (privateKey == null) {
			throw new MfaConfigurationException("mfa.jwt.private-key", "holds no private key",
					"Set it to a PKCS#8 PEM key, or its location such as file:/run/secrets/jwt.pem.");
		}
		PublicKey publicKey;
		try {
			publicKey = publicKey(publicKeyLocation, resourceLoader, privateKey.getAlgorithm());
		}
		catch (RuntimeException | IOException | GeneralSecurityException ex) {
			throw new MfaConfigurationException("mfa.jwt.public-key", "is not a readable PEM public key",
					"Set it to the pair's public key (openssl pkey -pubout), or its location.");
		}
		try {
			return JwtSigningKeys.keyPair(privateKey, publicKey);
		}
		catch (IllegalArgumentException ex) {
			throw new MfaConfigurationException("mfa.jwt.private-key", String.valueOf(ex.getMessage()),
					"Use an RSA key of at least 2048 bits or an EC key on P-256, P-384 or P-521, "
							+ "with mfa.jwt.public-key from the same pair.");
		}
	}

	private static PemContent pem(String value, ResourceLoader resourceLoader) throws IOException {
		return PemContent.of(text(value, resourceLoader));
	}

	private static String text(String value, ResourceLoader resourceLoader) throws IOException {
		return PemContent.isPresentInText(value) ? value
				: resourceLoader.getResource(value.trim()).getContentAsString(StandardCharsets.UTF_8);
	}

	private static PublicKey publicKey(String value, ResourceLoader resourceLoader, String algorithm)
			throws IOException, GeneralSecurityException {
		String text = text(value, resourceLoader);
		if (text.contains("-----BEGIN CERTIFICATE-----")) {
			return PemContent.of(text).getCertificates().get(0).getPublicKey();
		}
		String base64 = text.replaceAll("-----(BEGIN|END) PUBLIC KEY-----", "").replaceAll("\\s", "");
		return KeyFactory.getInstance(algorithm)
			.generatePublic(new X509EncodedKeySpec(Base64.getDecoder().decode(base64)));
	}

	private static boolean hasText(@Nullable String value) {
		return value != null && !value.isBlank();
	}

	static byte[] encryptionKey(MfaProperties properties) {
		return key(properties.getEncryption().getKey(), "mfa.encryption.key", 32, true);
	}

	static List<byte[]> previousEncryptionKeys(MfaProperties properties) {
		List<byte[]> keys = new ArrayList<>();
		for (String key : properties.getEncryption().getPreviousKeys()) {
			keys.add(key(key, "mfa.encryption.previous-keys", 32, true));
		}
		return keys;
	}

	static byte @Nullable [] signingKey(MfaProperties properties) {
		String key = properties.getSigning().getKey();
		return (key != null && !key.isBlank()) ? key(key, "mfa.signing.key", 32, false) : null;
	}

	private static byte[] key(@Nullable String value, String property, int length, boolean exact) {
		if (value == null || value.isBlank()) {
			throw new MfaConfigurationException(property, "is not set", MAKE_KEY);
		}
		// Spring leaves a placeholder whose variable is missing as it is.
		if (value.strip().startsWith("${")) {
			throw new MfaConfigurationException(property,
					"is not set: its placeholder " + value.strip() + " did not resolve",
					MAKE_KEY + " Set the environment variable or property that the placeholder names.");
		}
		byte[] key;
		try {
			key = SecretEncryptor.decodeKey(value, property);
		}
		catch (IllegalArgumentException ex) {
			throw new MfaConfigurationException(property, "is not valid base64", MAKE_KEY);
		}
		if (exact ? key.length != length : key.length < length) {
			throw new MfaConfigurationException(property,
					"must be " + (exact ? "exactly" : "at least") + " 256 bits, got " + key.length * 8, MAKE_KEY);
		}
		return key;
	}

	private static boolean positive(java.time.Duration duration) {
		return !duration.isNegative() && !duration.isZero();
	}

	private static void check(boolean valid, String property, String reason, String action) {
		if (!valid) {
			throw new MfaConfigurationException(property, reason, action);
		}
	}

}
