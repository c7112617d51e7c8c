package dev.springmfa.authentication;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import dev.springmfa.InvalidMfaTokenException;
import dev.springmfa.TooManyMfaAttemptsException;
import dev.springmfa.audit.MfaAuditEventPublisher;
import dev.springmfa.audit.MfaAuditEventType;
import dev.springmfa.authenticator.Authenticator;
import dev.springmfa.authenticator.AuthenticatorRepository;
import dev.springmfa.authenticator.SecondFactorVerifier;
import dev.springmfa.token.EphemeralToken;
import dev.springmfa.token.EphemeralTokenRepository;
import dev.springmfa.token.MfaTokenService;
import dev.springmfa.token.PasswordFingerprints;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.AuthenticationException;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.core.authority.FactorGrantedAuthority;
import org.springframework.security.core.userdetails.UserDetails;
import org.springframework.transaction.support.TransactionOperations;
import org.springframework.util.Assert;

/**
 * Completes a login from an ephemeral token and a code. The user is loaded again and must
 * still be enabled, unlocked and have the password of the first step. The token is spent
 * and the code checked in one transaction, so that of any number of concurrent attempts
 * with one token or one code exactly one succeeds. The result carries the password
 * factor, with the time of the first step, and the factor of the code.
 */
public final class MfaVerificationService {

	private final MfaTokenService tokens;

	private final EphemeralTokenRepository tokenUses;

	private final AuthenticatorRepository authenticators;

	private final SecondFactorVerifier verifier;

	private final PasswordFingerprints fingerprints;

	private final TransactionOperations transactions;

	private final MfaAuditEventPublisher events;

	private final int maxAttemptsPerToken;

	private final Clock clock;

	/**
	 * Create a new instance.
	 * @param tokens parses ephemeral tokens
	 * @param tokenUses spends ephemeral tokens
	 * @param authenticators finds the user's authenticator
	 * @param verifier checks codes and counts failures
	 * @param fingerprints loads the user again and checks the password
	 * @param transactions the transactions
	 * @param events publishes audit events
	 * @param maxAttemptsPerToken failed attempts that use a token up
	 * @param clock the clock
	 */
	public MfaVerificationService(MfaTokenService tokens, EphemeralTokenRepository tokenUses,
			AuthenticatorRepository authenticators, SecondFactorVerifier verifier, PasswordFingerprints fingerprints,
			TransactionOperations transactions, MfaAuditEventPublisher events, int maxAttemptsPerToken, Clock clock) {
		Assert.notNull(fingerprints, "fingerprints cannot be null");
		this.tokens = tokens;
		this.tokenUses = tokenUses;
		this.authenticators = authenticators;
		this.verifier = verifier;
		this.fingerprints = fingerprints;
		this.transactions = transactions;
		this.events = events;
		this.maxAttemptsPerToken = maxAttemptsPerToken;
		this.clock = clock;
	}

	/**
	 * Complete a login.
	 * @param ephemeralToken the token of the password step
	 * @param code a TOTP code or an unused recovery code
	 * @return the complete authentication, with its factors
	 * @throws AuthenticationException when the token or the code is refused, or while
	 * locked
	 */
	public Authentication verify(String ephemeralToken, String code) {
		EphemeralToken token = this.tokens.parseEphemeralToken(ephemeralToken);
		UserDetails user = this.fingerprints.loadCurrentUser(token.username(), token.passwordFingerprint());
		Authenticator authenticator = this.transactions
			.execute((status) -> this.authenticators.findByUserId(token.userId()))
			.orElseThrow(InvalidMfaTokenException::new);
		this.verifier.checkNotLocked(authenticator);
		Instant now = this.clock.instant();
		Optional<String> factor = this.transactions.execute((status) -> {
			// The token row stays locked until commit: concurrent attempts with it wait,
			// then find it spent. A wrong code rolls the spend back.
			if (!this.tokenUses.spend(token.id(), now, this.maxAttemptsPerToken)) {
				throw new InvalidMfaTokenException();
			}
			Optional<String> proven = this.verifier.verifyAndSpend(authenticator, code, true);
			if (proven.isEmpty()) {
				status.setRollbackOnly();
			}
			return proven;
		});
		if (factor == null || factor.isEmpty()) {
			throw recordFailure(token, authenticator);
		}
		this.events.publish(MfaAuditEventType.VERIFY_SUCCEEDED, token.userId());
		List<GrantedAuthority> authorities = new ArrayList<>(user.getAuthorities());
		authorities.add(FactorGrantedAuthority.withAuthority(FactorGrantedAuthority.PASSWORD_AUTHORITY)
			.issuedAt(token.passwordAuthenticatedAt())
			.build());
		authorities.add(FactorGrantedAuthority.withAuthority(factor.get()).issuedAt(now).build());
		return UsernamePasswordAuthenticationToken.authenticated(user, null, authorities);
	}

	private AuthenticationException recordFailure(EphemeralToken token, Authenticator authenticator) {
		this.events.publish(MfaAuditEventType.VERIFY_FAILED, token.userId());
		// Token first, then authenticator: the same lock order as a successful attempt.
		Integer tokenFailures = this.transactions
			.execute((status) -> this.tokenUses.incrementFailedAttempts(token.id()));
		AuthenticationException failure = this.verifier.recordFailure(authenticator);
		if (tokenFailures != null && tokenFailures >= this.maxAttemptsPerToken
				&& !(failure instanceof TooManyMfaAttemptsException)) {
			return new TooManyMfaAttemptsException(Duration.ofSeconds(1));
		}
		return failure;
	}

}
