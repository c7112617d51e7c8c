package dev.springmfa.authenticator;

import dev.springmfa.audit.MfaAuditEventPublisher;
import dev.springmfa.audit.MfaAuditEventType;
import org.springframework.transaction.support.TransactionOperations;
import org.springframework.util.Assert;

/**
 * What a support desk does for a user who cannot help themselves, once it has checked the
 * user's identity by other means: end a lockout of the second factor. The starter maps no
 * endpoint to it; an application calls it from its own administration.
 */
public final class TotpSupportDeskService {

	private final AuthenticatorRepository authenticators;

	private final TransactionOperations transactions;

	private final MfaAuditEventPublisher events;

	/**
	 * Create a new instance.
	 * @param authenticators the repository
	 * @param transactions runs each operation in one transaction
	 * @param events publishes audit events
	 */
	public TotpSupportDeskService(AuthenticatorRepository authenticators, TransactionOperations transactions,
			MfaAuditEventPublisher events) {
		Assert.notNull(authenticators, "authenticators cannot be null");
		Assert.notNull(transactions, "transactions cannot be null");
		Assert.notNull(events, "events cannot be null");
		this.authenticators = authenticators;
		this.transactions = transactions;
		this.events = events;
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

}
