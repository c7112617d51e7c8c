package dev.springmfa.authentication;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

import dev.springmfa.MfaUserIdResolver;
import dev.springmfa.audit.MfaAuditEventPublisher;
import dev.springmfa.audit.MfaAuditEventType;
import dev.springmfa.authenticator.TotpEnrollmentService;
import dev.springmfa.token.EphemeralToken;
import dev.springmfa.token.EphemeralTokenRepository;
import dev.springmfa.token.ExpiredRecordCleanup;
import dev.springmfa.token.IssuedToken;
import dev.springmfa.token.MfaTokenService;
import dev.springmfa.token.PasswordFingerprints;
import org.springframework.security.core.Authentication;
import org.springframework.transaction.support.TransactionOperations;
import org.springframework.util.Assert;

/**
 * Decides, after a successful password check, whether the login needs the second factor,
 * and if so issues the single-use ephemeral token for it.
 */
public final class MfaChallengeService {

	private final TotpEnrollmentService enrollments;

	private final MfaTokenService tokens;

	private final EphemeralTokenRepository tokenUses;

	private final PasswordFingerprints fingerprints;

	private final MfaUserIdResolver userIdResolver;

	private final TransactionOperations transactions;

	private final MfaAuditEventPublisher events;

	private final ExpiredRecordCleanup cleanup;

	/**
	 * Create a new instance.
	 * @param enrollments tells whether a user has MFA
	 * @param tokens issues ephemeral tokens
	 * @param tokenUses records issued tokens
	 * @param fingerprints fingerprints the user's password
	 * @param userIdResolver resolves the user id
	 * @param transactions the transactions
	 * @param events publishes audit events
	 * @param clock the clock
	 */
	public MfaChallengeService(TotpEnrollmentService enrollments, MfaTokenService tokens,
			EphemeralTokenRepository tokenUses, PasswordFingerprints fingerprints, MfaUserIdResolver userIdResolver,
			TransactionOperations transactions, MfaAuditEventPublisher events, Clock clock) {
		Assert.notNull(enrollments, "enrollments cannot be null");
		Assert.notNull(fingerprints, "fingerprints cannot be null");
		this.enrollments = enrollments;
		this.tokens = tokens;
		this.tokenUses = tokenUses;
		this.fingerprints = fingerprints;
		this.userIdResolver = userIdResolver;
		this.transactions = transactions;
		this.events = events;
		this.cleanup = new ExpiredRecordCleanup(clock, Duration.ofMinutes(1));
	}

	/**
	 * Return the challenge for a password-authenticated user who has MFA enabled.
	 * @param passwordAuthentication the result of the password check
	 * @return the challenge, or empty when the login is complete already
	 */
	public Optional<MfaChallenge> challengeIfRequired(Authentication passwordAuthentication) {
		String userId = this.userIdResolver.resolve(passwordAuthentication);
		if (!this.enrollments.isEnabled(userId)) {
			return Optional.empty();
		}
		String username = passwordAuthentication.getName();
		IssuedToken<EphemeralToken> issued = this.tokens.issueEphemeralToken(username, userId,
				this.fingerprints.fingerprintOf(username));
		this.transactions.executeWithoutResult((status) -> {
			this.tokenUses.save(issued.claims());
			this.cleanup.runIfDue(this.tokenUses::deleteExpired);
		});
		this.events.publish(MfaAuditEventType.MFA_CHALLENGE_ISSUED, userId);
		return Optional.of(new MfaChallenge(issued.value(), MfaChallenge.METHODS, issued.ttl()));
	}

}
