package dev.springmfa.authenticator;

import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.function.BiFunction;
import java.util.function.Function;

import org.jspecify.annotations.Nullable;

import dev.springmfa.MfaException;
import dev.springmfa.audit.MfaAuditEventPublisher;
import dev.springmfa.audit.MfaAuditEventType;
import dev.springmfa.recovery.RecoveryCodeStorage;
import org.springframework.transaction.support.TransactionOperations;
import org.springframework.util.Assert;

/**
 * What a signed-in user does with an active second factor: step up, see the status, list
 * and regenerate recovery codes, deactivate. Each change needs a code, checked with the
 * replay and lockout rules of the login's second step.
 *
 * @see TotpEnrollmentService
 * @see TotpSupportDeskService
 */
public final class TotpAuthenticatorService {

	private final AuthenticatorRepository authenticators;

	private final SecondFactorVerifier verifier;

	private final RecoveryCodeStorage recoveryCodes;

	private final int recoveryCodeCount;

	private final TransactionOperations transactions;

	private final MfaAuditEventPublisher events;

	private final Clock clock;

	/**
	 * Create a new instance.
	 * @param authenticators the repository
	 * @param verifier checks codes and counts failures
	 * @param recoveryCodes generates recovery codes and keeps them at rest
	 * @param recoveryCodeCount how many recovery codes to generate
	 * @param transactions runs each operation in one transaction
	 * @param events publishes audit events
	 * @param clock the clock
	 */
	public TotpAuthenticatorService(AuthenticatorRepository authenticators, SecondFactorVerifier verifier,
			RecoveryCodeStorage recoveryCodes, int recoveryCodeCount, TransactionOperations transactions,
			MfaAuditEventPublisher events, Clock clock) {
		Assert.notNull(authenticators, "authenticators cannot be null");
		Assert.notNull(verifier, "verifier cannot be null");
		Assert.notNull(recoveryCodes, "recoveryCodes cannot be null");
		Assert.notNull(transactions, "transactions cannot be null");
		Assert.notNull(events, "events cannot be null");
		Assert.notNull(clock, "clock cannot be null");
		this.authenticators = authenticators;
		this.verifier = verifier;
		this.recoveryCodes = recoveryCodes;
		this.recoveryCodeCount = recoveryCodeCount;
		this.transactions = transactions;
		this.events = events;
		this.clock = clock;
	}

	/**
	 * Deactivate TOTP with a current TOTP code or an unused recovery code, deleting the
	 * secret and every recovery code.
	 * @param userId the user
	 * @param code the code
	 */
	public void deactivate(String userId, String code) {
		withVerifiedCode(userId, code, true, (authenticator, factor) -> {
			this.authenticators.delete(id(authenticator));
			return factor;
		});
		this.events.publish(MfaAuditEventType.TOTP_DEACTIVATED, userId);
	}

	/**
	 * Replace every recovery code, after checking a current TOTP code.
	 * @param userId the user
	 * @param code a current TOTP code
	 * @return the new codes
	 */
	public List<String> regenerateRecoveryCodes(String userId, String code) {
		IssuedRecoveryCodes codes = IssuedRecoveryCodes.generate(this.recoveryCodes, this.recoveryCodeCount, userId);
		withVerifiedCode(userId, code, false, (authenticator, factor) -> {
			this.authenticators.replaceRecoveryCodes(id(authenticator), codes.stored(), this.clock.instant());
			return factor;
		});
		this.events.publish(MfaAuditEventType.RECOVERY_CODES_REGENERATED, userId);
		return codes.codes();
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
		return stepUp(userId, code, Function.identity());
	}

	/**
	 * Step up as {@link #stepUp(String, String)} does, and complete what the step-up
	 * leads to in the transaction that accepts the code: in jwt mode, the record of the
	 * new refresh token, which then commits with the code or not at all.
	 * @param userId the user
	 * @param code the code
	 * @param completion makes the result from the factor authority that the code proved,
	 * in the code's transaction; if it fails, the transaction rolls back and the code
	 * stays unspent
	 * @param <T> the type of the result
	 * @return the result of the completion
	 */
	public <T> T stepUp(String userId, String code, Function<String, T> completion) {
		Assert.notNull(completion, "completion cannot be null");
		T completed = withVerifiedCode(userId, code, true, (authenticator, factor) -> completion.apply(factor));
		this.events.publish(MfaAuditEventType.STEP_UP_SUCCEEDED, userId);
		return completed;
	}

	/**
	 * Return the unused recovery codes: the codes themselves where they are stored
	 * encrypted, their number alone where they are stored hashed, which shows each code
	 * once only, when it is issued.
	 * @param userId the user
	 * @return the unused codes, or their number
	 */
	public UnusedRecoveryCodes recoveryCodes(String userId) {
		if (this.recoveryCodes.mode() == RecoveryCodeStorage.Mode.HASHED) {
			long remaining = this.transactions.execute((status) -> this.authenticators.findByUserId(userId)
				.map((authenticator) -> this.authenticators.countUnusedRecoveryCodes(id(authenticator)))
				.orElseThrow(MfaException::notEnabled));
			return new UnusedRecoveryCodes(List.of(), (int) remaining);
		}
		List<RecoveryCode> unused = this.transactions.execute((status) -> this.authenticators.findByUserId(userId)
			.map((authenticator) -> this.authenticators.findUnusedRecoveryCodes(id(authenticator)))
			.orElseThrow(MfaException::notEnabled));
		String context = SecondFactorVerifier.recoveryCodeContext(userId);
		// Codes hashed before a change to encrypted storage cannot be shown: they count.
		List<String> codes = unused.stream()
			.map((recoveryCode) -> this.recoveryCodes.reveal(recoveryCode.getCode(), context))
			.filter(Objects::nonNull)
			.toList();
		return new UnusedRecoveryCodes(codes, unused.size());
	}

	/**
	 * Return the MFA status of a user.
	 * @param userId the user
	 * @return the status
	 */
	public MfaStatus status(String userId) {
		return this.transactions.execute((status) -> this.authenticators.findByUserId(userId)
			.map((authenticator) -> new MfaStatus(true,
					(int) this.authenticators.countUnusedRecoveryCodes(id(authenticator)), authenticator.getEnabledAt(),
					authenticator.getLastUsedAt()))
			.orElseGet(() -> new MfaStatus(false, 0, null, null)));
	}

	// The code is checked, and once accepted the action done with the factor that it
	// proved, in one transaction that holds the authenticator's row from the start: the
	// attempt budget of the second step applies here too. Returns what the action made.
	private <T> T withVerifiedCode(String userId, String code, boolean allowRecoveryCode,
			BiFunction<Authenticator, String, T> action) {
		Verified<T> verified = this.transactions.execute((status) -> {
			Authenticator authenticator = this.verifier.reserve(userId).orElseThrow(MfaException::notEnabled);
			CodeAttempt outcome = this.verifier.attempt(authenticator, code, allowRecoveryCode);
			String factor = outcome.factor();
			return new Verified<>(outcome, (factor != null) ? action.apply(authenticator, factor) : null);
		});
		Assert.state(verified != null, "no outcome");
		this.verifier.publish(verified.attempt());
		if (!verified.attempt().succeeded()) {
			throw verified.attempt().failure();
		}
		T result = verified.result();
		Assert.state(result != null, "The action on an accepted code returned null");
		return result;
	}

	private record Verified<T>(CodeAttempt attempt, @Nullable T result) {

	}

	private static long id(Authenticator authenticator) {
		Long id = authenticator.getId();
		Assert.state(id != null, "authenticator is not persisted");
		return id;
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

	/**
	 * The unused recovery codes of a user.
	 *
	 * @param codes the codes, formatted; empty where they are stored hashed
	 * @param remaining how many codes are unused
	 */
	public record UnusedRecoveryCodes(List<String> codes, int remaining) {

		@Override
		public String toString() {
			return "UnusedRecoveryCodes[remaining=" + this.remaining + "]";
		}

	}

}
