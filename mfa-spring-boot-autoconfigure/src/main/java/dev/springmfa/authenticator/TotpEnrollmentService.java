package dev.springmfa.authenticator;

import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.OptionalLong;

import dev.springmfa.InvalidMfaCodeException;
import dev.springmfa.MfaException;
import dev.springmfa.audit.MfaAuditEventPublisher;
import dev.springmfa.audit.MfaAuditEventType;
import dev.springmfa.crypto.EncryptedValue;
import dev.springmfa.crypto.SecretEncryptor;
import dev.springmfa.recovery.RecoveryCodeStorage;
import dev.springmfa.totp.Base32;
import dev.springmfa.totp.OtpAuthUri;
import dev.springmfa.totp.QrCodes;
import dev.springmfa.totp.TotpGenerator;
import dev.springmfa.totp.TotpSecretGenerator;
import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.transaction.support.TransactionOperations;
import org.springframework.util.Assert;

/**
 * Enrols a signed-in user in TOTP: a new secret shown to the user and bound to a signed
 * activation token, then stored with the first recovery codes once the user confirms a
 * code from it. Also tells whether a user is enrolled.
 */
public final class TotpEnrollmentService {

	private static final int QR_CODE_SIZE = 240;

	private final AuthenticatorRepository authenticators;

	private final ActivationTokenService activationTokens;

	private final SecretEncryptor encryptor;

	private final TotpGenerator totp;

	private final TotpSecretGenerator secrets;

	private final RecoveryCodeStorage recoveryCodes;

	private final Settings settings;

	private final TransactionOperations transactions;

	private final MfaAuditEventPublisher events;

	private final Clock clock;

	/**
	 * Create a new instance.
	 * @param authenticators the repository
	 * @param activationTokens issues and checks activation tokens
	 * @param encryptor encrypts secrets at rest
	 * @param totp the TOTP generator
	 * @param secrets generates TOTP secrets
	 * @param recoveryCodes generates recovery codes and keeps them at rest
	 * @param settings the issuer and the number of recovery codes
	 * @param transactions runs each operation in one transaction
	 * @param events publishes audit events
	 * @param clock the clock
	 */
	public TotpEnrollmentService(AuthenticatorRepository authenticators, ActivationTokenService activationTokens,
			SecretEncryptor encryptor, TotpGenerator totp, TotpSecretGenerator secrets,
			RecoveryCodeStorage recoveryCodes, Settings settings, TransactionOperations transactions,
			MfaAuditEventPublisher events, Clock clock) {
		Assert.notNull(authenticators, "authenticators cannot be null");
		Assert.notNull(activationTokens, "activationTokens cannot be null");
		Assert.notNull(encryptor, "encryptor cannot be null");
		Assert.notNull(totp, "totp cannot be null");
		Assert.notNull(secrets, "secrets cannot be null");
		Assert.notNull(recoveryCodes, "recoveryCodes cannot be null");
		Assert.notNull(settings, "settings cannot be null");
		Assert.notNull(transactions, "transactions cannot be null");
		Assert.notNull(events, "events cannot be null");
		Assert.notNull(clock, "clock cannot be null");
		this.authenticators = authenticators;
		this.activationTokens = activationTokens;
		this.encryptor = encryptor;
		this.totp = totp;
		this.secrets = secrets;
		this.recoveryCodes = recoveryCodes;
		this.settings = settings;
		this.transactions = transactions;
		this.events = events;
		this.clock = clock;
	}

	/**
	 * Return whether the user has TOTP enabled.
	 * @param userId the user
	 * @return whether the second factor is required
	 */
	public boolean isEnabled(String userId) {
		return this.transactions.execute((status) -> this.authenticators.findByUserId(userId)).isPresent();
	}

	/**
	 * Start an activation: a new secret, shown to the user and bound to a signed token;
	 * nothing is stored until {@link #confirmActivation} succeeds.
	 * @param userId the user
	 * @param accountName the name shown in the authenticator app
	 * @return the secret, its URI and QR code, and the activation token
	 */
	public TotpActivation beginActivation(String userId, String accountName) {
		Assert.hasText(userId, "userId cannot be empty");
		if (isEnabled(userId)) {
			throw MfaException.alreadyEnabled();
		}
		byte[] secret = this.secrets.generate();
		String uri = OtpAuthUri.of(this.settings.issuer(), accountName, secret, this.totp.algorithm(),
				this.totp.digits(), this.totp.period());
		return new TotpActivation(Base32.encode(secret), uri, QrCodes.pngDataUri(uri, QR_CODE_SIZE),
				this.activationTokens.issueActivationToken(userId, secret));
	}

	/**
	 * Confirm an activation with a code from the new secret.
	 * @param userId the user
	 * @param activationToken the token from {@link #beginActivation}
	 * @param code a current code for the secret
	 * @return the recovery codes, shown once
	 */
	public List<String> confirmActivation(String userId, String activationToken, String code) {
		byte[] secret = this.activationTokens.parseActivationToken(activationToken, userId);
		Instant now = this.clock.instant();
		OptionalLong step = this.totp.verify(secret, code.strip(), now);
		if (step.isEmpty()) {
			// A user with TOTP on is told so, whatever the code.
			throw isEnabled(userId) ? MfaException.alreadyEnabled() : new InvalidMfaCodeException();
		}
		EncryptedValue encrypted = this.encryptor.encrypt(secret, SecondFactorVerifier.secretContext(userId));
		IssuedRecoveryCodes codes = IssuedRecoveryCodes.generate(this.recoveryCodes, this.settings.recoveryCodeCount(),
				userId);
		try {
			this.transactions.executeWithoutResult((status) -> {
				if (this.authenticators.findByUserId(userId).isPresent()) {
					throw MfaException.alreadyEnabled();
				}
				this.authenticators.save(new Authenticator(userId, encrypted, step.getAsLong(), now), codes.stored());
			});
		}
		catch (DataIntegrityViolationException | jakarta.persistence.PersistenceException ex) {
			// The unique key on the user settles concurrent activations.
			throw MfaException.alreadyEnabled();
		}
		this.events.publish(MfaAuditEventType.TOTP_ACTIVATED, userId);
		return codes.codes();
	}

	/**
	 * The settings of the service.
	 *
	 * @param issuer the issuer shown in authenticator apps
	 * @param recoveryCodeCount how many recovery codes to generate
	 */
	public record Settings(String issuer, int recoveryCodeCount) {

	}

	/**
	 * A started activation.
	 *
	 * @param secret the secret in base32, for manual entry
	 * @param totpUrl the {@code otpauth://} URI
	 * @param qrCode the URI as a QR code PNG data URI
	 * @param activationToken the token that binds the secret to the user
	 */
	public record TotpActivation(String secret, String totpUrl, String qrCode, String activationToken) {

		@Override
		public String toString() {
			return "TotpActivation[secret=<hidden>]";
		}

	}

}
