package dev.springmfa.autoconfigure;

import java.io.IOException;
import java.security.GeneralSecurityException;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Collectors;

import org.jspecify.annotations.Nullable;

import dev.springmfa.jwt.JwtSigningKeys;
import org.springframework.boot.context.properties.bind.DataObjectPropertyName;
import org.springframework.boot.io.ApplicationResourceLoader;
import org.springframework.boot.ssl.pem.PemContent;
import org.springframework.core.io.ResourceLoader;
import org.springframework.util.StringUtils;
import org.springframework.validation.Errors;

/**
 * The rules of {@link MfaProperties}, applied when Spring Boot binds them. Each error
 * names the property ({@code mfa.base-path}, not {@code basePath}) and says how to fix
 * it; its arguments are the property, the reason and the fix, which
 * {@link MfaConfigurationFailureAnalyzer} shows apart. Keys are decoded here, once, into
 * {@link MfaKeys}.
 */
final class MfaPropertiesValidator {

	static final String ERROR_CODE = "invalid";

	static final String MAKE_KEY = "Set it to 256 random bits in base64, for example the output of "
			+ "'openssl rand -base64 32', from a secret store rather than a committed file.";

	private final MfaProperties properties;

	private final Errors errors;

	private final ResourceLoader resourceLoader = ApplicationResourceLoader.get();

	private MfaPropertiesValidator(MfaProperties properties, Errors errors) {
		this.properties = properties;
		this.errors = errors;
	}

	/**
	 * Check every property, adding an error for each one at fault.
	 * @param properties the bound properties
	 * @param errors where the errors go
	 * @return the decoded keys, or {@code null} where any property is at fault
	 */
	static @Nullable MfaKeys validate(MfaProperties properties, Errors errors) {
		MfaPropertiesValidator validator = new MfaPropertiesValidator(properties, errors);
		validator.validateEndpoints();
		validator.validateCodes();
		validator.validateLockout();
		validator.validateLoginThrottle();
		return validator.decodeKeys();
	}

	private void validateEndpoints() {
		String basePath = this.properties.getBasePath();
		check(basePath != null && basePath.startsWith("/") && !basePath.endsWith("/"), "basePath",
				"must start with '/' and not end with one", "Set it to a path such as /auth.");
		check(this.properties.getMaxRequestSize() != null && this.properties.getMaxRequestSize().toBytes() >= 1024,
				"maxRequestSize", "must be at least 1KB", "Set it to a few kilobytes, such as 16KB.");
		if (this.properties.getLogin().getMode() == MfaProperties.LoginMode.JWT) {
			MfaProperties.Jwt jwt = this.properties.getJwt();
			check(positive(jwt.getAccessTokenTtl()), "jwt.accessTokenTtl", "must be positive",
					"Set it to a few minutes, such as 15m.");
			check(positive(jwt.getRefreshTokenTtl()) && positive(jwt.getAccessTokenTtl())
					&& jwt.getRefreshTokenTtl().compareTo(jwt.getAccessTokenTtl()) > 0, "jwt.refreshTokenTtl",
					"must be longer than mfa.jwt.access-token-ttl", "Set it to a few days, such as 7d.");
		}
	}

	private void validateCodes() {
		MfaProperties.Totp totp = this.properties.getTotp();
		check(totp.getDigits() >= 6 && totp.getDigits() <= 8, "totp.digits", "must be between 6 and 8",
				"Set it to 6, the value authenticator apps expect.");
		check(positive(totp.getPeriod()) && totp.getPeriod().getNano() == 0, "totp.period",
				"must be a whole number of seconds", "Set it to 30s, the value authenticator apps expect.");
		check(totp.getAllowedDriftSteps() >= 0 && totp.getAllowedDriftSteps() <= 10, "totp.allowedDriftSteps",
				"must be between 0 and 10", "Set it to 1.");
		check(positive(this.properties.getEphemeralToken().getTtl()), "ephemeralToken.ttl", "must be positive",
				"Set it to a few minutes, such as 5m.");
		check(positive(this.properties.getActivationToken().getTtl()), "activationToken.ttl", "must be positive",
				"Set it to a few minutes, such as 10m.");
		int recoveryCodes = this.properties.getRecoveryCodes().getCount();
		check(recoveryCodes >= 1 && recoveryCodes <= 100, "recoveryCodes.count", "must be between 1 and 100",
				"Set it to 10.");
	}

	private void validateLockout() {
		MfaProperties.Lockout lockout = this.properties.getLockout();
		check(lockout.getMaxAttempts() >= 1, "lockout.maxAttempts", "must be at least 1", "Set it to 5.");
		check(positive(lockout.getDuration()), "lockout.duration", "must be positive", "Set it to 15m.");
		check(lockout.getMaxConsecutiveFailures() >= lockout.getMaxAttempts(), "lockout.maxConsecutiveFailures",
				"must be at least mfa.lockout.max-attempts", "Set it to 100, the cap of NIST SP 800-63B.");
	}

	private void validateLoginThrottle() {
		MfaProperties.Throttle throttle = this.properties.getLogin().getThrottle();
		if (!throttle.isEnabled()) {
			return;
		}
		check(throttle.getMaxAttemptsPerAccount() >= 0, "login.throttle.maxAttemptsPerAccount", "must not be negative",
				"Set it to 10, or to 0 to throttle per address only.");
		check(throttle.getMaxAttemptsPerAddress() >= 0, "login.throttle.maxAttemptsPerAddress", "must not be negative",
				"Set it to 50, or to 0 to throttle per account only.");
		check(throttle.getMaxAttemptsPerAccount() != 0 || throttle.getMaxAttemptsPerAddress() != 0,
				"login.throttle.maxAttemptsPerAddress",
				"must be positive where mfa.login.throttle.max-attempts-per-account is 0",
				"Set it to 50, or set mfa.login.throttle.enabled=false.");
		check(positive(throttle.getDuration()), "login.throttle.duration", "must be positive", "Set it to 15m.");
	}

	private @Nullable MfaKeys decodeKeys() {
		MfaProperties.Encryption encryption = this.properties.getEncryption();
		String signingKeyValue = this.properties.getSigning().getKey();
		boolean signingKeySet = signingKeyValue != null && !signingKeyValue.isBlank();
		// Without mfa.signing.key every token key derives from the encryption key; with
		// it, an application with a SecretEncryptor of its own needs no encryption key.
		byte[] encryptionKey = (StringUtils.hasText(encryption.getKey()) || !signingKeySet)
				? key(encryption.getKey(), "mfa.encryption.key", true) : null;
		List<byte[]> previousKeys = new ArrayList<>();
		List<String> previous = encryption.getPreviousKeys();
		for (int i = 0; i < previous.size(); i++) {
			byte[] key = key(previous.get(i), "mfa.encryption.previous-keys[" + i + "]", true);
			if (key != null) {
				previousKeys.add(key);
			}
		}
		byte[] signingKey = signingKeySet ? key(signingKeyValue, "mfa.signing.key", false) : null;
		byte[] keyMaterial = (signingKey != null) ? signingKey : encryptionKey;
		JwtSigningKeys keyPair = (this.properties.getLogin().getMode() == MfaProperties.LoginMode.JWT)
				? accessTokenKeyPair() : null;
		if (keyMaterial == null || this.errors.hasErrors()) {
			return null;
		}
		return new MfaKeys(encryptionKey, previousKeys, keyMaterial, keyPair);
	}

	// The value is a secret: it goes into no error, so that no log shows it.
	private byte @Nullable [] key(@Nullable String value, String property, boolean exact) {
		if (value == null || value.isBlank()) {
			rejectSecret(property, "is not set", MAKE_KEY);
			return null;
		}
		// Spring leaves a placeholder whose variable is missing as it is.
		if (value.strip().startsWith("${")) {
			rejectSecret(property, "is not set: its placeholder " + value.strip() + " did not resolve",
					MAKE_KEY + " Set the environment variable or property that the placeholder names.");
			return null;
		}
		byte[] key;
		try {
			key = MfaKeys.decodeKey(value, property);
		}
		catch (IllegalArgumentException ex) {
			rejectSecret(property, "is not valid base64", MAKE_KEY);
			return null;
		}
		if (exact ? key.length != 32 : key.length < 32) {
			rejectSecret(property, "must be " + (exact ? "exactly" : "at least") + " 256 bits, got " + key.length * 8,
					MAKE_KEY);
			return null;
		}
		return key;
	}

	private @Nullable JwtSigningKeys accessTokenKeyPair() {
		MfaProperties.Jwt jwt = this.properties.getJwt();
		String privateKeyLocation = jwt.getPrivateKey();
		String publicKeyLocation = jwt.getPublicKey();
		boolean privateKeySet = privateKeyLocation != null && !privateKeyLocation.isBlank();
		boolean publicKeySet = publicKeyLocation != null && !publicKeyLocation.isBlank();
		if (privateKeyLocation == null || publicKeyLocation == null || !privateKeySet || !publicKeySet) {
			check(!publicKeySet, "jwt.privateKey", "is not set but mfa.jwt.public-key is",
					"Set both to sign access tokens with a key pair, or neither to use HMAC.");
			check(!privateKeySet, "jwt.publicKey", "is not set but mfa.jwt.private-key is",
					"Set it to the PEM public key of the pair, or its location such as classpath:jwt-public.pem.");
			return null;
		}
		PrivateKey privateKey;
		try {
			PemContent pem = PemContent.of(PemKeys.text(privateKeyLocation, this.resourceLoader));
			privateKey = (pem != null) ? pem.getPrivateKey() : null;
		}
		catch (RuntimeException | IOException ex) {
			privateKey = null;
		}
		if (privateKey == null) {
			rejectSecret("mfa.jwt.private-key", "is not a readable PEM private key",
					"Set it to a PKCS#8 PEM key (openssl genpkey -algorithm EC -pkeyopt ec_paramgen_curve:P-256), "
							+ "or its location such as file:/run/secrets/jwt.pem.");
			return null;
		}
		PublicKey publicKey;
		try {
			publicKey = PemKeys.publicKey(publicKeyLocation, privateKey.getAlgorithm(), this.resourceLoader);
		}
		catch (RuntimeException | IOException | GeneralSecurityException ex) {
			rejectSecret("mfa.jwt.public-key", "is not a readable PEM public key",
					"Set it to the pair's public key (openssl pkey -pubout), or its location.");
			return null;
		}
		try {
			return JwtSigningKeys.keyPair(privateKey, publicKey);
		}
		catch (IllegalArgumentException ex) {
			rejectSecret("mfa.jwt.private-key", String.valueOf(ex.getMessage()),
					"Use an RSA key of at least 2048 bits or an EC key on P-256, P-384 or P-521, "
							+ "with mfa.jwt.public-key from the same pair.");
			return null;
		}
	}

	private static boolean positive(@Nullable Duration duration) {
		return duration != null && !duration.isNegative() && !duration.isZero();
	}

	private void check(boolean valid, String field, String reason, String action) {
		if (!valid) {
			String property = property(field);
			this.errors.rejectValue(field, ERROR_CODE, new Object[] { property, reason, action },
					message(property, reason, action));
		}
	}

	private void rejectSecret(String property, String reason, String action) {
		this.errors.reject(ERROR_CODE, new Object[] { property, reason, action }, message(property, reason, action));
	}

	private static String message(String property, String reason, String action) {
		return property + " " + reason + ". " + action;
	}

	// basePath to mfa.base-path, totp.allowedDriftSteps to mfa.totp.allowed-drift-steps
	private static String property(String field) {
		return Arrays.stream(field.split("\\."))
			.map(DataObjectPropertyName::toDashedForm)
			.collect(Collectors.joining(".", "mfa.", ""));
	}

}
