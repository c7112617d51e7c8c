package dev.springmfa.authentication;

import java.util.Optional;

import dev.springmfa.MfaUserIdResolver;
import dev.springmfa.audit.MfaAuditEventPublisher;
import dev.springmfa.audit.MfaAuditEventType;
import dev.springmfa.authenticator.Authenticator;
import dev.springmfa.authenticator.AuthenticatorRepository;
import dev.springmfa.token.EphemeralToken;
import dev.springmfa.token.IssuedToken;
import dev.springmfa.token.MfaTokenService;
import dev.springmfa.token.PasswordFingerprints;
import org.springframework.security.core.Authentication;
import org.springframework.transaction.support.TransactionOperations;
import org.springframework.util.Assert;

/**
 * Decides, after a successful password check, whether the login needs the second factor,
 * and if so issues the ephemeral token for it. Nothing is written: the token is bound to
 * the authenticator as it stands (see {@link EphemeralToken.Binding}), which makes it
 * single-use.
 */
public final class MfaChallengeService {

	private final AuthenticatorRepository authenticators;

	private final MfaTokenService tokens;

	private final PasswordFingerprints fingerprints;

	private final MfaUserIdResolver userIdResolver;

	private final TransactionOperations transactions;

	private final MfaAuditEventPublisher events;

	/**
	 * Create a new instance.
	 * @param authenticators tells whether a user has MFA
	 * @param tokens issues ephemeral tokens
	 * @param fingerprints fingerprints the user's password
	 * @param userIdResolver resolves the user id
	 * @param transactions the transactions
	 * @param events publishes audit events
	 */
	public MfaChallengeService(AuthenticatorRepository authenticators, MfaTokenService tokens,
			PasswordFingerprints fingerprints, MfaUserIdResolver userIdResolver, TransactionOperations transactions,
			MfaAuditEventPublisher events) {
		Assert.notNull(authenticators, "authenticators cannot be null");
		Assert.notNull(tokens, "tokens cannot be null");
		Assert.notNull(fingerprints, "fingerprints cannot be null");
		Assert.notNull(userIdResolver, "userIdResolver cannot be null");
		Assert.notNull(transactions, "transactions cannot be null");
		Assert.notNull(events, "events cannot be null");
		this.authenticators = authenticators;
		this.tokens = tokens;
		this.fingerprints = fingerprints;
		this.userIdResolver = userIdResolver;
		this.transactions = transactions;
		this.events = events;
	}

	/**
	 * Return the challenge for a password-authenticated user who has MFA enabled.
	 * @param passwordAuthentication the result of the password check
	 * @return the challenge, or empty when the login is complete already
	 */
	public Optional<MfaChallenge> challengeIfRequired(Authentication passwordAuthentication) {
		String userId = this.userIdResolver.resolve(passwordAuthentication);
		String username = passwordAuthentication.getName();
		// One transaction, so that a reload of the user for the fingerprint (where the
		// password step erased the hash) shares the connection that reads the
		// authenticator.
		Optional<IssuedToken<EphemeralToken>> issued = this.transactions
			.execute((status) -> this.authenticators.findByUserId(userId)
				.map((authenticator) -> this.tokens.issueEphemeralToken(username, userId,
						this.fingerprints.fingerprintOf(passwordAuthentication), binding(authenticator))));
		if (issued == null || issued.isEmpty()) {
			return Optional.empty();
		}
		this.events.publish(MfaAuditEventType.MFA_CHALLENGE_ISSUED, userId);
		IssuedToken<EphemeralToken> token = issued.get();
		return Optional.of(new MfaChallenge(token.value(), MfaChallenge.METHODS, token.ttl()));
	}

	private static EphemeralToken.Binding binding(Authenticator authenticator) {
		Long id = authenticator.getId();
		Assert.state(id != null, "authenticator is not persisted");
		return new EphemeralToken.Binding(id, authenticator.getAcceptedCodes(), authenticator.getFailedAttempts());
	}

}
