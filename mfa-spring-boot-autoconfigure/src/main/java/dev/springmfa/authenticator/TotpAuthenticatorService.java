package dev.springmfa.authenticator;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;

import org.jspecify.annotations.Nullable;

import dev.springmfa.MfaException;
import dev.springmfa.audit.MfaAuditEventPublisher;
import dev.springmfa.audit.MfaAuditEventType;
import dev.springmfa.crypto.EncryptedValue;
import dev.springmfa.crypto.SecretEncryptor;
import dev.springmfa.recovery.RecoveryCodeGenerator;
import dev.springmfa.token.MfaTokenService;
import dev.springmfa.totp.Base32;
import dev.springmfa.totp.OtpAuthUri;
import dev.springmfa.totp.QrCodes;
import dev.springmfa.totp.TotpGenerator;
import dev.springmfa.totp.TotpSecretGenerator;
import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.transaction.support.TransactionOperations;
import org.springframework.util.Assert;

/**
 * What a signed-in user does with the second factor: activate TOTP, list and regenerate
 * recovery codes, deactivate; and the support desk's lockout reset.
 */
public class TotpAuthenticatorService {

	private static final int QR_CODE_SIZE = 240;

	private final AuthenticatorRepository authenticators;

	private final SecondFactorVerifier verifier;

	private final MfaTokenService tokens;

	private final SecretEncryptor encryptor;

	private final TotpGenerator totp;

	private final TotpSecretGenerator secrets;

	private final RecoveryCodeGenerator recoveryCodes;

	private final Settings settings;

	private final TransactionOperations transactions;

	private final MfaAuditEventPublisher events;

	private final Clock clock;

	/**
	 * Create a new instance.
	 * @param authenticators the repository
	 * @param verifier checks codes and counts failures
	 * @param tokens issues and checks activation tokens
	 * @param encryptor encrypts secrets and recovery codes at rest
	 * @param totp the TOTP generator
	 * @param secrets generates TOTP secrets
	 * @param recoveryCodes generates recovery codes
	 * @param settings the issuer and the number of recovery codes
	 * @param transactions runs each operation in one transaction
	 * @param events publishes audit events
	 * @param clock the clock
	 */
	public TotpAuthenticatorService(AuthenticatorRepository authenticators, SecondFactorVerifier verifier,
			MfaTokenService tokens, SecretEncryptor encryptor, TotpGenerator totp, TotpSecretGenerator secrets,
			RecoveryCodeGenerator recoveryCodes, Settings settings, TransactionOperations transactions,
			MfaAuditEventPublisher events, Clock clock) {
		this.authenticators = authenticators;
		this.verifier = verifier;
		this.tokens = tokens;
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
		return find(userId).isPresent();
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
				this.tokens.issueActivationToken(userId, secret));
	}

	/**
	 * Confirm an activation with a code from the new secret.
	 * @param userId the user
	 * @param activationToken the token from {@link #beginActivation}
	 * @param code a current code for the secret
	 * @return the recovery codes, shown once
	 */
	public List<String> confirmActivation(String userId, String activationToken, String code) {
		byte[] secret = this.tokens.parseActivationToken(activationToken, userId);
		if (isEnabled(userId)) {
			throw MfaException.alreadyEnabled();
		}
		Instant now = this.clock.instant();
		OptionalLong step = this.totp.verify(secret, code.strip(), now);
		if (step.isEmpty()) {
			throw MfaException.invalidCode();
		}
		EncryptedValue encrypted = this.encryptor.encrypt(secret, SecondFactorVerifier.secretContext(userId));
		List<String> codes = this.recoveryCodes.generate(this.settings.recoveryCodeCount());
		try {
			this.transactions.executeWithoutResult((status) -> this.authenticators
				.save(new Authenticator(userId, encrypted, step.getAsLong(), now), encryptCodes(userId, codes)));
		}
		catch (DataIntegrityViolationException | jakarta.persistence.PersistenceException ex) {
			// The unique key on the user settles concurrent activations.
			throw MfaException.alreadyEnabled();
		}
		this.events.publish(MfaAuditEventType.TOTP_ACTIVATED, userId);
		return codes;
	}

	/**
	 * Deactivate TOTP with a current TOTP code or an unused recovery code, deleting the
	 * secret and every recovery code.
	 * @param userId the user
	 * @param code the code
	 */
	public void deactivate(String userId, String code) {
		withVerifiedCode(userId, code, true, (authenticator) -> this.authenticators.delete(id(authenticator)));
		this.events.publish(MfaAuditEventType.TOTP_DEACTIVATED, userId);
	}

	/**
	 * Replace every recovery code, after checking a current TOTP code.
	 * @param userId the user
	 * @param code a current TOTP code
	 * @return the new codes
	 */
	public List<String> regenerateRecoveryCodes(String userId, String code) {
		List<String> codes = this.recoveryCodes.generate(this.settings.recoveryCodeCount());
		List<EncryptedValue> encrypted = encryptCodes(userId, codes);
		withVerifiedCode(userId, code, false, (authenticator) -> this.authenticators
			.replaceRecoveryCodes(id(authenticator), encrypted, this.clock.instant()));
		this.events.publish(MfaAuditEventType.RECOVERY_CODES_REGENERATED, userId);
		return codes;
	}

	/**
	 * Confirm the second factor again for the current login (step-up): a current TOTP
	 * code, or an unused recovery code, which is then spent. Replay, lockout and audit
	 * apply as on the second login step.
	 * @param userId the user
	 * @param code the code
	 * @return the factor authority that the code proved
	 */
	public String stepUp(String userId, String code) {
		String factor = withVerifiedCode(userId, code, true, (authenticator) -> {
		});
		this.events.publish(MfaAuditEventType.STEP_UP_SUCCEEDED, userId);
		return factor;
	}

	/**
	 * Return the unused recovery codes.
	 * @param userId the user
	 * @return the codes, formatted
	 */
	public List<String> recoveryCodes(String userId) {
		List<RecoveryCode> unused = this.transactions.execute((status) -> this.authenticators.findByUserId(userId)
			.map((authenticator) -> this.authenticators.findUnusedRecoveryCodes(id(authenticator)))
			.orElseThrow(MfaException::notEnabled));
		String context = SecondFactorVerifier.recoveryCodeContext(userId);
		return unused.stream()
			.map((recoveryCode) -> RecoveryCodeGenerator
				.format(new String(this.encryptor.decrypt(recoveryCode.getCode(), context), StandardCharsets.US_ASCII)))
			.toList();
	}

	/**
	 * Return the MFA status of a user.
	 * @param userId the user
	 * @return the status
	 */
	public MfaStatus status(String userId) {
		return this.transactions.execute((status) -> this.authenticators.findByUserId(userId)
			.map((authenticator) -> new MfaStatus(true,
					this.authenticators.findUnusedRecoveryCodes(id(authenticator)).size(), authenticator.getEnabledAt(),
					authenticator.getLastUsedAt()))
			.orElseGet(() -> new MfaStatus(false, 0, null, null)));
	}

	/**
	 * Clear the failure count and any lock of a user's second factor, for a support desk
	 * that has checked the user's identity by other means.
	 * @param userId the user
	 * @return whether the user has TOTP enabled
	 */
	public boolean resetLockout(String userId) {
		Boolean reset = this.transactions.execute((status) -> this.authenticators.resetLockout(userId));
		if (Boolean.TRUE.equals(reset)) {
			this.events.publish(MfaAuditEventType.LOCKOUT_RESET, userId);
			return true;
		}
		return false;
	}

	// Returns the factor authority that the code proved.
	private String withVerifiedCode(String userId, String code, boolean allowRecoveryCode,
			java.util.function.Consumer<Authenticator> action) {
		Authenticator authenticator = find(userId).orElseThrow(MfaException::notEnabled);
		this.verifier.checkNotLocked(authenticator);
		Optional<String> factor = this.transactions.execute((status) -> {
			Optional<String> proven = this.verifier.verifyAndSpend(authenticator, code, allowRecoveryCode);
			if (proven.isEmpty()) {
				status.setRollbackOnly();
				return proven;
			}
			action.accept(authenticator);
			return proven;
		});
		if (factor == null || factor.isEmpty()) {
			this.events.publish(MfaAuditEventType.VERIFY_FAILED, userId);
			throw this.verifier.recordFailure(authenticator);
		}
		return factor.get();
	}

	private Optional<Authenticator> find(String userId) {
		return this.transactions.execute((status) -> this.authenticators.findByUserId(userId));
	}

	private List<EncryptedValue> encryptCodes(String userId, List<String> codes) {
		String context = SecondFactorVerifier.recoveryCodeContext(userId);
		return codes.stream()
			.map((code) -> this.encryptor
				.encrypt(RecoveryCodeGenerator.normalize(code).getBytes(StandardCharsets.US_ASCII), context))
			.toList();
	}

	private static long id(Authenticator authenticator) {
		Long id = authenticator.getId();
		Assert.state(id != null, "authenticator is not persisted");
		return id;
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

	/**
	 * The MFA status of a user.
	 *
	 * @param enabled whether TOTP is active
	 * @param recoveryCodesRemaining the unused recovery codes
	 * @param enabledAt when TOTP was activated
	 * @param lastUsedAt when the second factor was last used
	 */
	public record MfaStatus(boolean enabled, int recoveryCodesRemaining, @Nullable Instant enabledAt,
			@Nullable Instant lastUsedAt) {

	}

}
