package dev.springmfa.autoconfigure;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import org.jspecify.annotations.Nullable;

import dev.springmfa.totp.TotpAlgorithm;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.util.unit.DataSize;

/**
 * Configuration properties of multi-factor authentication.
 */
@ConfigurationProperties("mfa")
public class MfaProperties {

	/**
	 * Whether to enable multi-factor authentication.
	 */
	private boolean enabled;

	/**
	 * Path under which the MFA REST endpoints are served.
	 */
	private String basePath = "/api/auth";

	/**
	 * Maximum size of a request body sent to an MFA endpoint.
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

	public static class Login {

		/**
		 * How a completed login is handed to the client.
		 */
		private LoginMode mode = LoginMode.SESSION;

		public LoginMode getMode() {
			return this.mode;
		}

		public void setMode(LoginMode mode) {
			this.mode = mode;
		}

	}

	public static class Jwt {

		/**
		 * Time to live of an access token.
		 */
		private Duration accessTokenTtl = Duration.ofMinutes(15);

		/**
		 * Time to live of a refresh token. Each refresh issues a new one.
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

	public static class Totp {

		/**
		 * Issuer shown in authenticator apps. Defaults to the application name.
		 */
		private @Nullable String issuer;

		/**
		 * Number of digits of a code.
		 */
		private int digits = 6;

		/**
		 * Time step of a code.
		 */
		private Duration period = Duration.ofSeconds(30);

		/**
		 * HMAC algorithm of the codes.
		 */
		private TotpAlgorithm algorithm = TotpAlgorithm.SHA1;

		/**
		 * Number of time steps before and after the current one whose codes are accepted,
		 * for clock drift.
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

	public static class RecoveryCodes {

		/**
		 * Number of recovery codes generated at activation and regeneration.
		 */
		private int count = 10;

		public int getCount() {
			return this.count;
		}

		public void setCount(int count) {
			this.count = count;
		}

	}

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
		 * locked until reset through TotpSupportDeskService#resetLockout.
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
