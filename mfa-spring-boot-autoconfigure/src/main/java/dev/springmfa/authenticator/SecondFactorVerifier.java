package dev.springmfa.authenticator;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.OptionalLong;

import org.jspecify.annotations.Nullable;

import dev.springmfa.MfaFactors;
import dev.springmfa.audit.MfaAuditEventPublisher;
import dev.springmfa.audit.MfaAuditEventType;
import dev.springmfa.crypto.SecretEncryptor;
import dev.springmfa.recovery.RecoveryCodeGenerator;
import dev.springmfa.recovery.RecoveryCodeStorage;
import dev.springmfa.recovery.StoredRecoveryCode;
import dev.springmfa.totp.TotpGenerator;
import org.springframework.util.Assert;

/**
 * Checks a second-factor code, a current TOTP code or an unused recovery code, against a
 * user's authenticator, within the attempt budget of the {@link LockoutPolicy}.
 * <p>
 * An attempt runs in the caller's transaction. It starts by locking the authenticator's
 * row, which reserves the attempt: attempts for one user, on every instance, are checked
 * one after the other, each against the failures of all before it. A locked second factor
 * refuses the code unchecked; otherwise the code is checked in memory and the outcome
 * written with one statement under the same lock: the code accepted (the failures
 * cleared), or one more failure counted (the lock the policy asks for started). So no
 * more codes are ever checked than the policy allows, however many arrive at once.
 * <p>
 * A recovery code with an id (stored hashed) is looked up by its id and checked with one
 * hash; one without (stored encrypted) against every unused code of the user.
 */
public final class SecondFactorVerifier {

	private final AuthenticatorRepository authenticators;

	private final SecretEncryptor encryptor;

	private final RecoveryCodeStorage recoveryCodes;

	private final TotpGenerator totp;

	private final LockoutPolicy lockoutPolicy;

	private final Clock clock;

	private final MfaAuditEventPublisher events;

	/**
	 * Create a new instance.
	 * @param authenticators the authenticator repository
	 * @param encryptor decrypts secrets
	 * @param recoveryCodes checks recovery codes against their stored form
	 * @param totp the TOTP generator
	 * @param lockoutPolicy the lockout policy
	 * @param clock the clock
	 * @param events publishes the outcome of attempts
	 */
	public SecondFactorVerifier(AuthenticatorRepository authenticators, SecretEncryptor encryptor,
			RecoveryCodeStorage recoveryCodes, TotpGenerator totp, LockoutPolicy lockoutPolicy, Clock clock,
			MfaAuditEventPublisher events) {
		Assert.notNull(authenticators, "authenticators cannot be null");
		Assert.notNull(encryptor, "encryptor cannot be null");
		Assert.notNull(recoveryCodes, "recoveryCodes cannot be null");
		Assert.notNull(totp, "totp cannot be null");
		Assert.notNull(lockoutPolicy, "lockoutPolicy cannot be null");
		Assert.notNull(clock, "clock cannot be null");
		Assert.notNull(events, "events cannot be null");
		this.authenticators = authenticators;
		this.encryptor = encryptor;
		this.recoveryCodes = recoveryCodes;
		this.totp = totp;
		this.lockoutPolicy = lockoutPolicy;
		this.clock = clock;
		this.events = events;
	}

	/**
	 * Find a user's authenticator for an attempt, and lock it until the caller's
	 * transaction ends. Must be called in a transaction.
	 * @param userId the user
	 * @return the authenticator, if the user has one
	 */
	public Optional<Authenticator> reserve(String userId) {
		return this.authenticators.findByUserIdForUpdate(userId);
	}

	/**
	 * Check a code against an authenticator {@link #reserve reserved} in the caller's
	 * transaction, and write the outcome in it: on success the code is spent (a TOTP
	 * code's time step is never accepted again, a recovery code is used once), on failure
	 * it is counted. The caller commits, then {@link #publish publishes} the attempt.
	 * @param authenticator the authenticator, locked by {@link #reserve}
	 * @param code the code as typed
	 * @param allowRecoveryCode whether a recovery code is accepted
	 * @return the outcome
	 */
	public CodeAttempt attempt(Authenticator authenticator, String code, boolean allowRecoveryCode) {
		Long id = authenticator.getId();
		Assert.state(id != null, "authenticator is not persisted");
		Instant now = this.clock.instant();
		String userId = authenticator.getUserId();
		Duration remaining = remainingLock(authenticator, now);
		if (remaining != null) {
			return CodeAttempt.refusedWhileLocked(userId, now, authenticator.getFailedAttempts(), remaining);
		}
		String trimmed = code.strip();
		byte[] secret = this.encryptor.decrypt(authenticator.getSecret(), secretContext(userId));
		OptionalLong step = this.totp.verify(secret, trimmed, now);
		if (step.isPresent()) {
			// The row is locked, so the step read with it is the last accepted one; the
			// update checks it again all the same.
			Long lastUsedStep = authenticator.getLastUsedStep();
			boolean replayed = lastUsedStep != null && step.getAsLong() <= lastUsedStep;
			if (!replayed && this.authenticators.acceptTimeStep(id, step.getAsLong(), now)) {
				return CodeAttempt.accepted(userId, now, MfaFactors.TOTP_AUTHORITY);
			}
			return countFailure(authenticator, id, now, true);
		}
		if (allowRecoveryCode) {
			Long match = findRecoveryCode(authenticator, id, RecoveryCodeGenerator.normalize(trimmed));
			if (match != null && this.authenticators.spendRecoveryCode(id, match, now)) {
				return CodeAttempt.accepted(userId, now, MfaFactors.RECOVERY_CODE_AUTHORITY);
			}
		}
		return countFailure(authenticator, id, now, false);
	}

	private CodeAttempt countFailure(Authenticator authenticator, long id, Instant now, boolean replayed) {
		// The row is locked: the count read with it is the latest, and no other attempt
		// can count in between.
		int failures = authenticator.getFailedAttempts() + 1;
		Duration lock = this.lockoutPolicy.lockDurationAfter(failures);
		this.authenticators.countFailure(id, (lock != null) ? now.plus(lock) : null);
		return CodeAttempt.failed(authenticator.getUserId(), now, replayed, failures, lock);
	}

	/**
	 * Return whether the second factor is locked now: while it is, every code is refused
	 * unchecked.
	 * @param authenticator the authenticator
	 * @return whether it is locked
	 */
	public boolean isLocked(Authenticator authenticator) {
		return remainingLock(authenticator, this.clock.instant()) != null;
	}

	/**
	 * Publish the audit events of an attempt, once its transaction has committed.
	 * @param attempt the attempt
	 */
	public void publish(CodeAttempt attempt) {
		String userId = attempt.userId();
		if (MfaFactors.RECOVERY_CODE_AUTHORITY.equals(attempt.factor())) {
			this.events.publish(MfaAuditEventType.RECOVERY_CODE_USED, userId);
		}
		if (attempt.replayed()) {
			this.events.publish(MfaAuditEventType.CODE_REPLAY_REFUSED, userId);
		}
		if (attempt.checked() && !attempt.succeeded()) {
			this.events.publish(MfaAuditEventType.VERIFY_FAILED, userId);
			if (attempt.lock() != null) {
				this.events.publish(MfaAuditEventType.LOCKED_OUT, userId);
			}
		}
	}

	private @Nullable Duration remainingLock(Authenticator authenticator, Instant now) {
		int failures = authenticator.getFailedAttempts();
		if (failures >= this.lockoutPolicy.maxConsecutiveFailures()) {
			// Locked until a reset, whatever the stored end: the policy names the
			// Retry-After, and one that does not still locks.
			Duration retryAfter = this.lockoutPolicy.lockDurationAfter(failures);
			return (retryAfter != null) ? retryAfter : ExponentialLockoutPolicy.UNTIL_RESET;
		}
		Instant lockedUntil = authenticator.getLockedUntil();
		if (lockedUntil == null || !lockedUntil.isAfter(now)) {
			return null;
		}
		return Duration.between(now, lockedUntil);
	}

	private @Nullable Long findRecoveryCode(Authenticator authenticator, long id, String normalized) {
		String context = recoveryCodeContext(authenticator.getUserId());
		String codeId = RecoveryCodeGenerator.idOf(normalized);
		if (codeId != null) {
			// The id selects the one row the code can be: one hash, however many codes
			// are stored.
			return this.authenticators.findUnusedRecoveryCode(id, codeId)
				.filter((recoveryCode) -> this.recoveryCodes.matches(recoveryCode.getCode(), normalized, context))
				.map(RecoveryCode::getId)
				.orElse(null);
		}
		if (!RecoveryCodeGenerator.isWellFormed(normalized)) {
			return null;
		}
		Long match = null;
		// Compare with every unused encrypted code, without stopping at a match.
		for (RecoveryCode recoveryCode : this.authenticators.findUnusedRecoveryCodes(id)) {
			StoredRecoveryCode stored = recoveryCode.getCode();
			if (stored instanceof StoredRecoveryCode.Encrypted
					&& this.recoveryCodes.matches(stored, normalized, context)) {
				match = recoveryCode.getId();
			}
		}
		return match;
	}

	static String secretContext(String userId) {
		return "totp-secret:" + userId;
	}

	static String recoveryCodeContext(String userId) {
		return "recovery-code:" + userId;
	}

}
