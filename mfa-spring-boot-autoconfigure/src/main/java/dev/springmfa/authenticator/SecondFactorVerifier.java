package dev.springmfa.authenticator;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.OptionalLong;

import org.jspecify.annotations.Nullable;

import dev.springmfa.InvalidMfaCodeException;
import dev.springmfa.MfaFactors;
import dev.springmfa.TooManyMfaAttemptsException;
import dev.springmfa.audit.MfaAuditEventPublisher;
import dev.springmfa.audit.MfaAuditEventType;
import dev.springmfa.crypto.SecretEncryptor;
import dev.springmfa.recovery.RecoveryCodeGenerator;
import dev.springmfa.totp.TotpGenerator;
import org.springframework.security.core.AuthenticationException;
import org.springframework.transaction.support.TransactionOperations;
import org.springframework.util.Assert;

/**
 * Checks a second-factor code, a current TOTP code or an unused recovery code, against a
 * user's authenticator, and counts failures towards the {@link LockoutPolicy}.
 */
public final class SecondFactorVerifier {

	private final AuthenticatorRepository authenticators;

	private final SecretEncryptor encryptor;

	private final TotpGenerator totp;

	private final LockoutPolicy lockoutPolicy;

	private final TransactionOperations transactions;

	private final Clock clock;

	private final MfaAuditEventPublisher events;

	/**
	 * Create a new instance.
	 * @param authenticators the authenticator repository
	 * @param encryptor decrypts secrets and recovery codes
	 * @param totp the TOTP generator
	 * @param lockoutPolicy the lockout policy
	 * @param transactions runs failure counting in a transaction of its own
	 * @param clock the clock
	 * @param events publishes refused replays
	 */
	public SecondFactorVerifier(AuthenticatorRepository authenticators, SecretEncryptor encryptor, TotpGenerator totp,
			LockoutPolicy lockoutPolicy, TransactionOperations transactions, Clock clock,
			MfaAuditEventPublisher events) {
		Assert.notNull(authenticators, "authenticators cannot be null");
		Assert.notNull(encryptor, "encryptor cannot be null");
		Assert.notNull(totp, "totp cannot be null");
		Assert.notNull(lockoutPolicy, "lockoutPolicy cannot be null");
		Assert.notNull(transactions, "transactions cannot be null");
		Assert.notNull(clock, "clock cannot be null");
		this.authenticators = authenticators;
		this.encryptor = encryptor;
		this.totp = totp;
		this.lockoutPolicy = lockoutPolicy;
		this.transactions = transactions;
		this.clock = clock;
		this.events = events;
	}

	/**
	 * Refuse at once when the authenticator is locked.
	 * @param authenticator the authenticator
	 * @throws TooManyMfaAttemptsException while locked
	 */
	public void checkNotLocked(Authenticator authenticator) {
		Optional<Duration> remaining = remainingLock(authenticator, this.clock.instant());
		if (remaining.isPresent()) {
			throw new TooManyMfaAttemptsException(remaining.get());
		}
	}

	private Optional<Duration> remainingLock(Authenticator authenticator, Instant now) {
		int failures = authenticator.getFailedAttempts();
		if (failures >= this.lockoutPolicy.maxConsecutiveFailures()) {
			// Locked until a reset, whatever the stored end: the policy names the
			// Retry-After, and one that does not still locks.
			Duration retryAfter = this.lockoutPolicy.lockDurationAfter(failures);
			return Optional.of((retryAfter != null) ? retryAfter : ExponentialLockoutPolicy.UNTIL_RESET);
		}
		Instant lockedUntil = authenticator.getLockedUntil();
		if (lockedUntil == null || !lockedUntil.isAfter(now)) {
			return Optional.empty();
		}
		return Optional.of(Duration.between(now, lockedUntil));
	}

	/**
	 * Check a code and, on success, spend it in the caller's transaction: a TOTP code's
	 * time step is never accepted again, a recovery code is used once.
	 * @param authenticator the authenticator
	 * @param code the code as typed
	 * @param allowRecoveryCode whether a recovery code is accepted
	 * @return the factor authority that the code proves, empty if the code is wrong,
	 * replayed, spent, or the authenticator locked meanwhile
	 */
	public Optional<String> verifyAndSpend(Authenticator authenticator, String code, boolean allowRecoveryCode) {
		Long id = authenticator.getId();
		Assert.state(id != null, "authenticator is not persisted");
		Instant now = this.clock.instant();
		String trimmed = code.strip();
		byte[] secret = this.encryptor.decrypt(authenticator.getSecret(), secretContext(authenticator.getUserId()));
		OptionalLong step = this.totp.verify(secret, trimmed, now);
		if (step.isPresent()) {
			boolean accepted = this.authenticators.acceptTimeStep(id, step.getAsLong(), now,
					this.lockoutPolicy.maxConsecutiveFailures());
			if (!accepted) {
				this.events.publish(MfaAuditEventType.CODE_REPLAY_REFUSED, authenticator.getUserId());
				return Optional.empty();
			}
			return Optional.of(MfaFactors.TOTP_AUTHORITY);
		}
		if (!allowRecoveryCode) {
			return Optional.empty();
		}
		String normalized = RecoveryCodeGenerator.normalize(trimmed);
		if (!RecoveryCodeGenerator.isWellFormed(normalized)) {
			return Optional.empty();
		}
		Long match = findRecoveryCode(authenticator, id, normalized);
		if (match != null
				&& this.authenticators.spendRecoveryCode(id, match, now, this.lockoutPolicy.maxConsecutiveFailures())) {
			this.events.publish(MfaAuditEventType.RECOVERY_CODE_USED, authenticator.getUserId());
			return Optional.of(MfaFactors.RECOVERY_CODE_AUTHORITY);
		}
		return Optional.empty();
	}

	private @Nullable Long findRecoveryCode(Authenticator authenticator, long id, String normalized) {
		byte[] candidate = normalized.getBytes(StandardCharsets.US_ASCII);
		Long match = null;
		String context = recoveryCodeContext(authenticator.getUserId());
		// Compare with every unused code, without stopping at a match.
		for (RecoveryCode recoveryCode : this.authenticators.findUnusedRecoveryCodes(id)) {
			byte[] stored = this.encryptor.decrypt(recoveryCode.getCode(), context);
			if (MessageDigest.isEqual(stored, candidate)) {
				match = recoveryCode.getId();
			}
		}
		return match;
	}

	/**
	 * Count a failed code in a transaction of its own, so that it holds even when the
	 * caller's transaction rolls back.
	 * @param authenticator the authenticator
	 * @return the exception to answer with: {@code invalid_code}, or
	 * {@code too_many_attempts} when this failure locked the second factor
	 */
	public AuthenticationException recordFailure(Authenticator authenticator) {
		Long id = authenticator.getId();
		Assert.state(id != null, "authenticator is not persisted");
		Optional<Duration> lock = this.transactions.execute((status) -> {
			int failures = this.authenticators.incrementFailedAttempts(id);
			Duration duration = this.lockoutPolicy.lockDurationAfter(failures);
			if (duration != null) {
				this.authenticators.lockUntil(id, this.clock.instant().plus(duration));
			}
			return Optional.ofNullable(duration);
		});
		if (lock != null && lock.isPresent()) {
			this.events.publish(MfaAuditEventType.LOCKED_OUT, authenticator.getUserId());
			return new TooManyMfaAttemptsException(lock.get());
		}
		return new InvalidMfaCodeException();
	}

	static String secretContext(String userId) {
		return "totp-secret:" + userId;
	}

	static String recoveryCodeContext(String userId) {
		return "recovery-code:" + userId;
	}

}
