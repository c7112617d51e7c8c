package dev.springmfa.autoconfigure;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import org.jspecify.annotations.Nullable;

import dev.springmfa.recovery.RecoveryCodeStorage;
import dev.springmfa.totp.TotpAlgorithm;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.util.Assert;
import org.springframework.util.unit.DataSize;
import org.springframework.validation.Errors;
import org.springframework.validation.Validator;

/**
 * Configuration properties of multi-factor authentication. They validate themselves when
 * Spring Boot binds them, so that a misconfiguration stops the start naming the property
 * and the fix, whichever beans the application replaces.
 */
@ConfigurationProperties("mfa")
public class MfaProperties implements Validator {

	/**
	 * Whether to enable multi-factor authentication.
	 */
	private boolean enabled;

	/**
	 * Path under which the MFA REST endpoints are served, starting with a slash and not
	 * ending with one.
	 */
	private String basePath = "/api/auth";

	/**
	 * Maximum size of a request body sent to an MFA endpoint, at least 1KB.
	 */
	private DataSize maxRequestSize = DataSize.ofKilobytes(16);

	private final Login login = new Login();

	private final Jwt jwt = new Jwt();

	private final Totp totp = new Totp();

	private final EphemeralToken ephemeralToken = new EphemeralToken();

	private final ActivationToken activationToken = new ActivationToken();

	private final RecoveryCodes recoveryCodes = new RecoveryCodes();

	private final Lockout lockout = new Lockout();

	private final Encryption encryption = new Encryption();

	private final Signing signing = new Signing();

	private final Schema schema = new Schema();

	// Decoded when validated, so that every bean shares one decoding.
	private @Nullable MfaKeys keys;

	public boolean isEnabled() {
		return this.enabled;
	}

	public void setEnabled(boolean enabled) {
		this.enabled = enabled;
	}

	public String getBasePath() {
		return this.basePath;
	}

	public void setBasePath(String basePath) {
		this.basePath = basePath;
	}

	public DataSize getMaxRequestSize() {
		return this.maxRequestSize;
	}

	public void setMaxRequestSize(DataSize maxRequestSize) {
		this.maxRequestSize = maxRequestSize;
	}

	public Login getLogin() {
		return this.login;
	}

	public Jwt getJwt() {
		return this.jwt;
	}

	public Totp getTotp() {
		return this.totp;
	}

	public EphemeralToken getEphemeralToken() {
		return this.ephemeralToken;
	}

	public ActivationToken getActivationToken() {
		return this.activationToken;
	}

	public RecoveryCodes getRecoveryCodes() {
		return this.recoveryCodes;
	}

	public Lockout getLockout() {
		return this.lockout;
	}

	public Encryption getEncryption() {
		return this.encryption;
	}

	public Signing getSigning() {
		return this.signing;
	}

	public Schema getSchema() {
		return this.schema;
	}

	@Override
	public boolean supports(Class<?> type) {
		return MfaProperties.class.isAssignableFrom(type);
	}

	/**
	 * Validate the properties, adding an error that names the property and the fix for
	 * each one at fault. Spring Boot calls it when it binds them.
	 * @param target the properties
	 * @param errors where the errors go
	 */
	@Override
	public void validate(Object target, Errors errors) {
		MfaProperties properties = (MfaProperties) target;
		properties.keys = MfaPropertiesValidator.validate(properties, errors);
	}

	/**
	 * Return the keys, decoded when the properties were validated.
	 * @return the keys
	 */
	MfaKeys keys() {
		MfaKeys keys = this.keys;
		Assert.state(keys != null, "MfaProperties have not been validated");
		return keys;
	}

	/**
	 * How a completed login is handed to the client.
	 */
	public enum LoginMode {

		/**
		 * The security context is stored in the HTTP session.
		 */
		SESSION,

		/**
		 * The client gets an access and a refresh token; no session is created.
		 */
		JWT

	}

	/**
	 * How a completed login is handed to the client.
	 */
	public static class Login {

		/**
		 * How a completed login is handed to the client.
		 */
		private LoginMode mode = LoginMode.SESSION;

		private final Throttle throttle = new Throttle();

		public LoginMode getMode() {
			return this.mode;
		}

		public void setMode(LoginMode mode) {
			this.mode = mode;
		}

		public Throttle getThrottle() {
			return this.throttle;
		}

	}

	/**
	 * The throttle of the password step. Off by default: whoever knows a username can
	 * then keep its account throttled, so the throttle per address is the first defence.
	 */
	public static class Throttle {

		/**
		 * Whether to throttle the password step: each attempt is reserved in the database
		 * before its password is checked, and refused unchecked (429) while its account
		 * or client address has no budget left.
		 */
		private boolean enabled;

		/**
		 * Maximum failed passwords of one account, existing or not, within a window; 0
		 * for no throttle per account.
		 */
		private int maxAttemptsPerAccount = 10;

		/**
		 * Maximum failed passwords from one client address (an IPv6 /64) within a window;
		 * 0 for no throttle per address. Behind a proxy, the address is the proxy's
		 * unless server.forward-headers-strategy is set.
		 */
		private int maxAttemptsPerAddress = 50;

		/**
		 * Duration of a window, counted from its first failure; a throttled account or
		 * address is refused until its window ends.
		 */
		private Duration duration = Duration.ofMinutes(15);

		public boolean isEnabled() {
			return this.enabled;
		}

		public void setEnabled(boolean enabled) {
			this.enabled = enabled;
		}

		public int getMaxAttemptsPerAccount() {
			return this.maxAttemptsPerAccount;
		}

		public void setMaxAttemptsPerAccount(int maxAttemptsPerAccount) {
			this.maxAttemptsPerAccount = maxAttemptsPerAccount;
		}

		public int getMaxAttemptsPerAddress() {
			return this.maxAttemptsPerAddress;
		}

		public void setMaxAttemptsPerAddress(int maxAttemptsPerAddress) {
			this.maxAttemptsPerAddress = maxAttemptsPerAddress;
		}

		public Duration getDuration() {
			return this.duration;
		}

		public void setDuration(Duration duration) {
			this.duration = duration;
		}

	}

	/**
	 * The access and refresh tokens of {@code mfa.login.mode=jwt}.
	 */
	public static class Jwt {

		/**
		 * Time to live of an access token.
		 */
		private Duration accessTokenTtl = Duration.ofMinutes(15);

		/**
		 * Time to live of a refresh token, longer than that of an access token. Each
		 * refresh issues a new one.
		 */
		private Duration refreshTokenTtl = Duration.ofDays(7);

		/**
		 * Issuer ("iss") of the tokens, checked on each. Defaults to the application
		 * name.
		 */
		private @Nullable String issuer;

		/**
		 * Audience ("aud") of access tokens, checked on each. Defaults to the issuer.
		 */
		private @Nullable String audience;

		/**
		 * Client ("client_id", RFC 9068) of access tokens. Defaults to the issuer.
		 */
		private @Nullable String clientId;

		/**
		 * PEM private key (PKCS#8, RSA of at least 2048 bits or EC), or its resource
		 * location, that signs access tokens instead of an HMAC key derived from
		 * mfa.signing.key. Needs mfa.jwt.public-key.
		 */
		private @Nullable String privateKey;

		/**
		 * PEM public key or certificate, or its resource location, matching
		 * mfa.jwt.private-key. Other services can check access tokens with it alone.
		 */
		private @Nullable String publicKey;

		public Duration getAccessTokenTtl() {
			return this.accessTokenTtl;
		}

		public void setAccessTokenTtl(Duration accessTokenTtl) {
			this.accessTokenTtl = accessTokenTtl;
		}

		public Duration getRefreshTokenTtl() {
			return this.refreshTokenTtl;
		}

		public void setRefreshTokenTtl(Duration refreshTokenTtl) {
			this.refreshTokenTtl = refreshTokenTtl;
		}

		public @Nullable String getIssuer() {
			return this.issuer;
		}

		public void setIssuer(@Nullable String issuer) {
			this.issuer = issuer;
		}

		public @Nullable String getAudience() {
			return this.audience;
		}

		public void setAudience(@Nullable String audience) {
			this.audience = audience;
		}

		public @Nullable String getClientId() {
			return this.clientId;
		}

		public void setClientId(@Nullable String clientId) {
			this.clientId = clientId;
		}

		public @Nullable String getPrivateKey() {
			return this.privateKey;
		}

		public void setPrivateKey(@Nullable String privateKey) {
			this.privateKey = privateKey;
		}

		public @Nullable String getPublicKey() {
			return this.publicKey;
		}

		public void setPublicKey(@Nullable String publicKey) {
			this.publicKey = publicKey;
		}

	}

	/**
	 * The TOTP codes (RFC 6238).
	 */
	public static class Totp {

		/**
		 * Issuer shown in authenticator apps. Defaults to the application name.
		 */
		private @Nullable String issuer;

		/**
		 * Number of digits of a code, between 6 and 8.
		 */
		private int digits = 6;

		/**
		 * Time step of a code, a whole number of seconds.
		 */
		private Duration period = Duration.ofSeconds(30);

		/**
		 * HMAC algorithm of the codes.
		 */
		private TotpAlgorithm algorithm = TotpAlgorithm.SHA1;

		/**
		 * Number of time steps before and after the current one whose codes are accepted,
		 * for clock drift; at most 10.
		 */
		private int allowedDriftSteps = 1;

		public @Nullable String getIssuer() {
			return this.issuer;
		}

		public void setIssuer(@Nullable String issuer) {
			this.issuer = issuer;
		}

		public int getDigits() {
			return this.digits;
		}

		public void setDigits(int digits) {
			this.digits = digits;
		}

		public Duration getPeriod() {
			return this.period;
		}

		public void setPeriod(Duration period) {
			this.period = period;
		}

		public TotpAlgorithm getAlgorithm() {
			return this.algorithm;
		}

		public void setAlgorithm(TotpAlgorithm algorithm) {
			this.algorithm = algorithm;
		}

		public int getAllowedDriftSteps() {
			return this.allowedDriftSteps;
		}

		public void setAllowedDriftSteps(int allowedDriftSteps) {
			this.allowedDriftSteps = allowedDriftSteps;
		}

	}

	/**
	 * The token between the password step and the code step of a login.
	 */
	public static class EphemeralToken {

		/**
		 * Time to live of the token that links the password step to the code step.
		 */
		private Duration ttl = Duration.ofMinutes(5);

		public Duration getTtl() {
			return this.ttl;
		}

		public void setTtl(Duration ttl) {
			this.ttl = ttl;
		}

	}

	/**
	 * The token between the two steps of a TOTP activation.
	 */
	public static class ActivationToken {

		/**
		 * Time to live of the token that binds a new TOTP secret to its user until the
		 * activation is confirmed.
		 */
		private Duration ttl = Duration.ofMinutes(10);

		public Duration getTtl() {
			return this.ttl;
		}

		public void setTtl(Duration ttl) {
			this.ttl = ttl;
		}

	}

	/**
	 * The single-use recovery codes.
	 */
	public static class RecoveryCodes {

		/**
		 * Number of recovery codes generated at activation and regeneration, between 1
		 * and 100.
		 */
		private int count = 10;

		/**
		 * How recovery codes are kept at rest: 'encrypted', so that the unused codes can
		 * be listed again, or 'hashed' (keyed hashes, OWASP ASVS 5.0 6.5.2), so that each
		 * code is shown once only, when it is issued, and cannot be read back from the
		 * database.
		 */
		private RecoveryCodeStorage.Mode storage = RecoveryCodeStorage.Mode.ENCRYPTED;

		public int getCount() {
			return this.count;
		}

		public void setCount(int count) {
			this.count = count;
		}

		public RecoveryCodeStorage.Mode getStorage() {
			return this.storage;
		}

		public void setStorage(RecoveryCodeStorage.Mode storage) {
			this.storage = storage;
		}

	}

	/**
	 * The lock of the second factor after failed code checks.
	 */
	public static class Lockout {

		/**
		 * Maximum consecutive failed code checks before the second factor locks.
		 */
		private int maxAttempts = 5;

		/**
		 * Duration of the first lock; each further lock doubles it.
		 */
		private Duration duration = Duration.ofMinutes(15);

		/**
		 * Maximum consecutive failed code checks after which the second factor stays
		 * locked until reset through TotpSupportDeskService#resetLockout; at least
		 * mfa.lockout.max-attempts.
		 */
		private int maxConsecutiveFailures = 100;

		public int getMaxAttempts() {
			return this.maxAttempts;
		}

		public void setMaxAttempts(int maxAttempts) {
			this.maxAttempts = maxAttempts;
		}

		public Duration getDuration() {
			return this.duration;
		}

		public void setDuration(Duration duration) {
			this.duration = duration;
		}

		public int getMaxConsecutiveFailures() {
			return this.maxConsecutiveFailures;
		}

		public void setMaxConsecutiveFailures(int maxConsecutiveFailures) {
			this.maxConsecutiveFailures = maxConsecutiveFailures;
		}

	}

	/**
	 * The encryption of TOTP secrets and recovery codes at rest.
	 */
	public static class Encryption {

		/**
		 * Base64 AES key of 256 bits that encrypts TOTP secrets and recovery codes at
		 * rest. Make one with 'openssl rand -base64 32'.
		 */
		private @Nullable String key;

		/**
		 * Base64 keys used before the current one, to decrypt values stored under them.
		 */
		private List<String> previousKeys = new ArrayList<>();

		public @Nullable String getKey() {
			return this.key;
		}

		public void setKey(@Nullable String key) {
			this.key = key;
		}

		public List<String> getPreviousKeys() {
			return this.previousKeys;
		}

		public void setPreviousKeys(List<String> previousKeys) {
			this.previousKeys = previousKeys;
		}

	}

	/**
	 * The signing of the starter's tokens.
	 */
	public static class Signing {

		/**
		 * Base64 secret of at least 256 bits from which the keys that sign tokens are
		 * derived: ephemeral and activation tokens, and the HMAC-signed tokens of jwt
		 * mode. Derived from the encryption key when not set.
		 */
		private @Nullable String key;

		public @Nullable String getKey() {
			return this.key;
		}

		public void setKey(@Nullable String key) {
			this.key = key;
		}

	}

	/**
	 * The database migrations of the starter's tables.
	 */
	public static class Schema {

		/**
		 * Whether to run the MFA database migrations at startup.
		 */
		private boolean migrate = true;

		/**
		 * Name of the schema history table of the MFA migrations, kept apart from the
		 * application's own.
		 */
		private String historyTable = "mfa_schema_history";

		public boolean isMigrate() {
			return this.migrate;
		}

		public void setMigrate(boolean migrate) {
			this.migrate = migrate;
		}

		public String getHistoryTable() {
			return this.historyTable;
		}

		public void setHistoryTable(String historyTable) {
			this.historyTable = historyTable;
		}

	}

}
