package dev.springmfa.authentication;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

import org.jspecify.annotations.Nullable;

import dev.springmfa.MfaUserIdResolver;
import dev.springmfa.audit.MfaAuditEventPublisher;
import dev.springmfa.audit.MfaAuditEventType;
import dev.springmfa.authenticator.TotpAuthenticatorService;
import dev.springmfa.token.EphemeralToken;
import dev.springmfa.token.EphemeralTokenRepository;
import dev.springmfa.token.ExpiredRecordCleanup;
import dev.springmfa.token.MfaTokenService;
import dev.springmfa.token.MfaTokenService.IssuedToken;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.userdetails.UserDetails;
import org.springframework.security.core.userdetails.UserDetailsService;
import org.springframework.transaction.support.TransactionOperations;

/**
 * Decides, after a successful password check, whether the login needs the second factor,
 * and if so issues the single-use ephemeral token for it.
 */
public class MfaChallengeService {

	private final TotpAuthenticatorService authenticators;

	private final MfaTokenService tokens;

	private final EphemeralTokenRepository tokenUses;

	private final UserDetailsService userDetailsService;

	private final MfaUserIdResolver userIdResolver;

	private final TransactionOperations transactions;

	private final MfaAuditEventPublisher events;

	private final ExpiredRecordCleanup cleanup;

	/**
	 * Create a new instance.
	 * @param authenticators tells whether a user has MFA
	 * @param tokens issues ephemeral tokens
	 * @param tokenUses records issued tokens
	 * @param userDetailsService loads the password hash to fingerprint
	 * @param userIdResolver resolves the user id
	 * @param transactions the transactions
	 * @param events publishes audit events
	 * @param clock the clock
	 */
	public MfaChallengeService(TotpAuthenticatorService authenticators, MfaTokenService tokens,
			EphemeralTokenRepository tokenUses, UserDetailsService userDetailsService, MfaUserIdResolver userIdResolver,
			TransactionOperations transactions, MfaAuditEventPublisher events, Clock clock) {
		this.authenticators = authenticators;
		this.tokens = tokens;
		this.tokenUses = tokenUses;
		this.userDetailsService = userDetailsService;
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
		if (!this.authenticators.isEnabled(userId)) {
			return Optional.empty();
		}
		String username = passwordAuthentication.getName();
		IssuedToken<EphemeralToken> issued = this.tokens.issueEphemeralToken(username, userId,
				passwordFingerprint(username));
		this.transactions.executeWithoutResult((status) -> {
			this.tokenUses.save(issued.claims());
			this.cleanup.runIfDue(this.tokenUses::deleteExpired);
		});
		this.events.publish(MfaAuditEventType.MFA_CHALLENGE_ISSUED, userId);
		return Optional.of(new MfaChallenge(issued.value(), MfaChallenge.METHODS, issued.ttl()));
	}

	// The provider erased the credentials of the authenticated principal: load the hash.
	private @Nullable String passwordFingerprint(String username) {
		UserDetails user = this.userDetailsService.loadUserByUsername(username);
		String password = user.getPassword();
		return (password != null) ? this.tokens.fingerprint(password) : null;
	}

}
